import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import type { SpecDocument } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

/**
 * A use case that says `transactional: true` asks for one database transaction: all its writes
 * commit or none do. When the spec's own `service:` values put those writes in different services
 * (each with its own database), that promise cannot hold; a saga commits step by step and undoes
 * failed steps later, so other readers see the half-done state in between. That trade is the
 * author's to make, not archwright's: the spec must co-locate the entities or say
 * `consistency: eventual`. Entities without `service:` are placed by the service cut, which keeps
 * transactional writes together, so only explicit placements are checked here.
 */
export function checkTransactionalPlacement(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [index, useCase] of (spec.useCases ?? []).entries()) {
    if (!useCase.transactional || useCase.consistency === "eventual") continue;
    const placed = new Map<string, string[]>();
    for (const name of new Set(useCase.writes ?? [])) {
      const service = spec.entities[name]?.service;
      if (service === undefined) continue;
      placed.set(service, [...(placed.get(service) ?? []), name]);
    }
    if (placed.size < 2) continue;
    const split = [...placed.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([service, names]) => `${names.join(", ")} in ${service}`)
      .join("; ");
    problems.push(
      diagnostic(
        "spec/transaction-across-services",
        `use case "${useCase.name}" is transactional but writes in ${placed.size} services (${split}): no database transaction spans two databases`,
        locator.locate(["useCases", index, "transactional"], { key: true }),
        {
          expected:
            "the written entities in one service (give them the same `service:`), or `consistency: eventual` on the use case to accept a saga: local commits, a visible in-between state and compensations on failure",
        },
      ),
    );
  }
  return problems;
}
