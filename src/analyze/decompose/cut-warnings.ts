import { Field } from "../../model/field.js";
import type { Model } from "../../model/model.js";
import type { UseCase } from "../../model/use-case.js";
import type { Integration } from "../integration.js";
import { kebabCase } from "../naming.js";
import type { CouplingGraph } from "./coupling-graph.js";
import { HOT_USE_CASE_RPS } from "./evidence-weights.js";
import type { Assignment } from "./partition-scores.js";
import type { CutWarning } from "./service-cut.js";
import { servicesTouched } from "./traffic-costs.js";

/** An explicit entity is flagged when another service holds at least this multiple of its own-service coupling. */
const PULL_RATIO = 2;

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * What the consistency plan (analyze/integration.ts) does for a use case that spans services,
 * read from the plan itself: the projection its answering service keeps, the saga that carries its
 * writes elsewhere, or the synchronous calls that remain.
 */
function offPathPlan(useCase: UseCase, assignment: Assignment, plan: Integration): string {
  const hot = plan.hotReads.find((h) => h.useCase === useCase.name);
  const saga = plan.sagas.find((g) => g.useCase === useCase.name);
  // The answering service, as primaryService picks it: the first write's, else the first read's.
  const answering = assignment.get(useCase.writes[0] ?? useCase.reads[0] ?? "");
  const remoteReads = [...new Set(useCase.reads)].filter((n) => {
    const service = assignment.get(n);
    return service !== undefined && service !== answering;
  });
  const parts: string[] = [];
  if (hot)
    parts.push(
      `reads ${hot.projected.join(", ")} from a local projection (seconds stale, fed by events) instead of calling their services`,
    );
  else if (remoteReads.length > 0)
    parts.push(`calls the services of ${remoteReads.join(", ")} synchronously`);
  if (saga) {
    const elsewhere = saga.steps.filter((s) => s.service !== saga.orchestrator).map((s) => s.entity);
    parts.push(`writes ${elsewhere.join(", ")} through a saga after the response`);
  }
  return `the design answers it from ${answering ?? "its first service"}, which ${parts.join(" and ")}`;
}

/**
 * Where the spec's evidence and the final cut disagree, worded for the spec's author. `plan` is the
 * consistency plan for the same services, so the warnings describe what the design will do.
 */
export function cutWarnings(
  model: Model,
  graph: CouplingGraph,
  assignment: Assignment,
  plan: Integration,
): CutWarning[] {
  const warnings: CutWarning[] = [];
  const explicit = new Set(model.entities.filter((e) => e.serviceExplicit).map((e) => e.name));

  for (const useCase of model.useCases) {
    const touched = [...new Set([...useCase.reads, ...useCase.writes])];
    const services = servicesTouched(assignment, touched);
    const pinned = touched.filter((e) => explicit.has(e)).sort();
    if (useCase.peakRps >= HOT_USE_CASE_RPS && services.length >= 2 && pinned.length > 0) {
      warnings.push({
        code: "decompose/hot-path-crosses-services",
        message:
          `use case "${useCase.name}" at ${count(useCase.peakRps)} rps spans ${services.length} services ` +
          `(${services.join(", ")}) because of the explicit service of ${pinned.join(", ")}: ` +
          `${offPathPlan(useCase, assignment, plan)}; co-locating these entities would avoid that`,
        location: useCase.location,
      });
    }
    const written = servicesTouched(assignment, useCase.writes);
    if (useCase.transactional && written.length >= 2) {
      warnings.push({
        code: "decompose/transaction-crosses-services",
        message:
          `transactional use case "${useCase.name}" writes in ${written.length} services (${written.join(", ")}): ` +
          "it cannot commit atomically and becomes a saga with compensations",
        location: useCase.location,
      });
    }
  }

  for (const entity of model.entities) {
    const own = assignment.get(entity.name);
    if (own === undefined) continue;
    for (const field of entity.fields) {
      if (!Field.isRef(field) || field.onDelete !== "cascade") continue;
      const other = assignment.get(field.target);
      if (other === undefined || other === own) continue;
      warnings.push({
        code: "decompose/cascade-crosses-services",
        message:
          `${entity.name}.${field.name} cascades deletes from ${field.target} (${other}) into ${entity.name} (${own}): ` +
          `no foreign key can do that across databases; ${own} must delete on ${other}.${kebabCase(field.target)}.deleted`,
        location: field.location,
      });
    }
    // A lone entity in its service has no inside to compare with; being alone is the author's choice.
    const companions = [...assignment.values()].filter((service) => service === own).length;
    if (!explicit.has(entity.name) || companions < 2) continue;
    const pull = new Map<string, number>();
    graph.forEachEdge(entity.name, (_edge, attributes, a, b) => {
      const service = assignment.get(a === entity.name ? b : a);
      if (service !== undefined) pull.set(service, (pull.get(service) ?? 0) + attributes.weight);
    });
    const ownPull = pull.get(own) ?? 0;
    const strongest = [...pull.entries()]
      .filter(([service]) => service !== own)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))[0];
    if (strongest && strongest[1] >= 1 && strongest[1] >= PULL_RATIO * ownPull) {
      warnings.push({
        code: "decompose/explicit-against-evidence",
        message:
          `${entity.name} is assigned to ${own}, but its coupling to ${strongest[0]} (${strongest[1].toFixed(1)}) is ` +
          `${ownPull === 0 ? "all of its evidence" : `${(strongest[1] / ownPull).toFixed(1)}x its coupling inside ${own} (${ownPull.toFixed(1)})`}`,
        location: entity.location,
      });
    }
  }
  return warnings.sort(
    (a, b) =>
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.code.localeCompare(b.code),
  );
}
