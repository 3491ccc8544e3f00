import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import type { SpecDocument } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

const SUMMABLE = new Set(["decimal", "integer", "bigint"]);

/**
 * Entity data rules that name other parts of the entity: `sumsToZero` must sum a numeric field over
 * the rows that share a reference.
 */
export function checkDataRules(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [name, entity] of Object.entries(spec.entities)) {
    if (entity.ephemeral && entity.appendOnly) {
      problems.push(
        diagnostic(
          "spec/ephemeral-append-only",
          `\`${name}\` is both ephemeral (latest values, overwritten and lost on a crash) and appendOnly (facts kept unchanged)`,
          locator.locate(["entities", name, "ephemeral"], { key: true }),
          { expected: "one of ephemeral: true or appendOnly: true" },
        ),
      );
    }
    const rule = entity.sumsToZero;
    if (!rule) continue;
    const summed = entity.fields[rule.field];
    if (!summed || summed.type === undefined || !SUMMABLE.has(summed.type)) {
      problems.push(
        diagnostic(
          summed ? "spec/invalid-value" : "spec/unknown-field",
          summed
            ? `\`${name}.sumsToZero.field\` names \`${rule.field}\`, which is not a number`
            : `\`${name}.sumsToZero.field\` names unknown field \`${rule.field}\``,
          locator.locate(["entities", name, "sumsToZero", "field"]),
          {
            expected: `a decimal, integer or bigint field of ${name}: ${numericFields(entity.fields).join(", ") || "none declared"}`,
          },
        ),
      );
    }
    const per = entity.fields[rule.per];
    if (!per || per.ref === undefined) {
      problems.push(
        diagnostic(
          per ? "spec/invalid-value" : "spec/unknown-field",
          per
            ? `\`${name}.sumsToZero.per\` names \`${rule.per}\`, which is not a ref`
            : `\`${name}.sumsToZero.per\` names unknown field \`${rule.per}\``,
          locator.locate(["entities", name, "sumsToZero", "per"]),
          {
            expected: `a ref field of ${name} (the row the sum belongs to): ${
              Object.entries(entity.fields)
                .filter(([, f]) => f.ref !== undefined)
                .map(([n]) => n)
                .join(", ") || "none declared"
            }`,
          },
        ),
      );
    }
  }
  for (const [index, useCase] of (spec.useCases ?? []).entries()) {
    const touched = new Set([...(useCase.reads ?? []), ...(useCase.writes ?? [])]);
    for (const name of Object.keys(useCase.rowsPerCall ?? {})) {
      if (touched.has(name)) continue;
      problems.push(
        diagnostic(
          "spec/rows-per-call-unused",
          `\`rowsPerCall\` of use case "${useCase.name}" names ${name}, which it neither reads nor writes`,
          locator.locate(["useCases", index, "rowsPerCall", name], { key: true }),
          { expected: `one of ${[...touched].join(", ") || "the entities it reads or writes"}` },
        ),
      );
    }
  }
  problems.push(...checkHotRows(spec, locator));
  return problems;
}

const UPDATING_KEYS = ["create", "update", "delete", "command"] as const;

/** `hotRows` names rows a call updates, so its entity must be one the use case writes. */
function checkHotRows(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [index, useCase] of (spec.useCases ?? []).entries()) {
    const written = new Set(useCase.writes ?? []);
    for (const key of UPDATING_KEYS) {
      const op: unknown = useCase[key];
      if (typeof op === "string") written.add(op);
      else if (op && typeof op === "object" && "entity" in op && typeof op.entity === "string")
        written.add(op.entity);
    }
    for (const name of Object.keys(useCase.hotRows ?? {})) {
      if (written.has(name)) continue;
      problems.push(
        diagnostic(
          "spec/hot-rows-unused",
          `\`hotRows\` of use case "${useCase.name}" names ${name}, which it does not write`,
          locator.locate(["useCases", index, "hotRows", name], { key: true }),
          { expected: `one of ${[...written].join(", ") || "the entities it writes"}` },
        ),
      );
    }
  }
  return problems;
}

function numericFields(fields: SpecDocument["entities"][string]["fields"]): string[] {
  return Object.entries(fields)
    .filter(([, f]) => f.type !== undefined && SUMMABLE.has(f.type))
    .map(([n]) => n);
}
