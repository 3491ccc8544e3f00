import {
  type CapacityOverrides,
  DEFAULT_CAPACITY_ASSUMPTIONS,
  resolveAssumptions,
} from "../../analyze/capacity/capacity-assumptions.js";
import { type Diagnostic, diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { SpecDocument } from "../spec-schema.js";
import type { YamlLocator } from "../yaml-locator.js";

/** Names must be the documented assumptions (did you mean ...), values must make sense for each. */
export function checkCapacity(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  if (!spec.capacity) return [];
  const problems: Diagnostic[] = [];
  const defaults = DEFAULT_CAPACITY_ASSUMPTIONS as unknown as Record<string, Record<string, unknown>>;
  for (const [group, values] of Object.entries(spec.capacity)) {
    const known = Object.keys(defaults[group] ?? {});
    for (const name of Object.keys(values ?? {})) {
      if (!known.includes(name)) {
        problems.push(
          diagnostic(
            "spec/unknown-assumption",
            `unknown capacity assumption \`${group}.${name}\``,
            locator.locate(["capacity", group, name], { key: true }),
            {
              expected: `one of ${known.join(", ")}`,
              suggestion: didYouMean(name, known),
            },
          ),
        );
      }
    }
  }
  if (problems.length > 0) return problems;
  try {
    resolveAssumptions(spec.capacity as CapacityOverrides, (group, name) =>
      locator.locate(name === undefined ? ["capacity", group] : ["capacity", group, name]),
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // Names were checked above with the spec's own message; what remains are values.
    problems.push(...error.diagnostics.map((d) => ({ ...d, code: "spec/invalid-assumption" })));
  }
  return problems;
}
