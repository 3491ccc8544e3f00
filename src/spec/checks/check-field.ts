import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { SpecDocument, SpecField } from "../spec-schema.js";
import type { Report, SpecPath } from "./report.js";

const NUMERIC = new Set(["integer", "bigint", "decimal"]);
const LENGTHED = new Set(["string", "text"]);
/** 1 GB: the most PostgreSQL stores in one text value. */
const MAX_TEXT_LENGTH = 1_073_741_823;

/** A field is a scalar or a relation, and only the properties of its kind apply. */
export function checkField(
  spec: SpecDocument,
  entityName: string,
  fieldName: string,
  field: SpecField,
  path: SpecPath,
  entityNames: string[],
  report: Report,
): void {
  const label = `\`${entityName}.${fieldName}\``;
  if (field.type && field.ref) {
    report(
      "spec/type-and-ref",
      `${label} has both \`type\` and \`ref\`; a field is a scalar or a relation`,
      [...path, "ref"],
      { key: true },
    );
    return;
  }
  if (!field.type && !field.ref) {
    report("spec/missing-type", `${label} needs a \`type\` or a \`ref\``, path, {
      key: true,
      expected: "`type: string` or `ref: <Entity>`",
    });
    return;
  }
  if (field.ref)
    checkRefField(spec, entityName, fieldName, field, field.ref, path, label, entityNames, report);
  else checkScalarField(field, path, label, report);
}

/** A known target with a single-column key, no scalar properties, and no reference that makes the first row impossible. */
function checkRefField(
  spec: SpecDocument,
  entityName: string,
  fieldName: string,
  field: SpecField,
  ref: string,
  path: SpecPath,
  label: string,
  entityNames: string[],
  report: Report,
): void {
  if (!entityNames.includes(ref)) {
    report("spec/unknown-ref", `${label} refers to unknown entity \`${ref}\``, [...path, "ref"], {
      expected: `one of ${entityNames.join(", ")}`,
      suggestion: didYouMean(ref, entityNames),
    });
  }
  const target = spec.entities[ref];
  if (target?.key && target.key.length > 1) {
    report(
      "spec/ref-to-composite-key",
      `${label} refers to \`${ref}\`, which has a composite key; references need a single-column key`,
      [...path, "ref"],
      {
        expected: `remove \`key\` from \`${ref}\` (it gets a generated id) and add \`unique: [[...its key fields]]\` instead`,
      },
    );
  }
  for (const prop of ["max", "min", "precision", "scale", "values", "default"] as const) {
    if (field[prop] !== undefined)
      report("spec/misplaced-property", `\`${prop}\` does not apply to a ref`, [...path, prop], {
        key: true,
      });
  }
  if (ref === entityName && !field.optional && !(spec.entities[entityName]?.key ?? []).includes(fieldName)) {
    report(
      "spec/required-self-ref",
      `${label} is a required reference to its own entity, so the first row could never be inserted`,
      [...path, "ref"],
      { expected: "`optional: true` (the root row has no parent)" },
    );
  }
  if (field.onDelete === "set-null" && !field.optional) {
    report(
      "spec/set-null-required",
      `${label} uses onDelete: set-null but is required; add \`optional: true\` or choose another action`,
      [...path, "onDelete"],
    );
  }
}

/** Properties that belong to the type, sensible ranges and lengths, and a default of the right kind. */
function checkScalarField(field: SpecField, path: SpecPath, label: string, report: Report): void {
  const type = field.type;
  if (field.onDelete !== undefined)
    report("spec/misplaced-property", "`onDelete` applies only to a ref", [...path, "onDelete"], {
      key: true,
    });
  if (type !== "enum" && field.values !== undefined) {
    report("spec/misplaced-property", "`values` applies only to type enum", [...path, "values"], {
      key: true,
    });
  }
  if (type === "enum") {
    if (!field.values)
      report("spec/enum-without-values", `${label} is an enum but lists no \`values\``, path, {
        key: true,
        expected: "values: [a, b]",
      });
    else if (new Set(field.values).size !== field.values.length)
      report("spec/duplicate-enum-value", `${label} lists a value twice`, [...path, "values"]);
  }
  if (type !== "decimal") {
    for (const prop of ["precision", "scale"] as const) {
      if (field[prop] !== undefined)
        report("spec/misplaced-property", `\`${prop}\` applies only to type decimal`, [...path, prop], {
          key: true,
        });
    }
  } else if (field.precision !== undefined && field.scale !== undefined && field.scale > field.precision) {
    report("spec/invalid-scale", `${label} scale ${field.scale} exceeds precision ${field.precision}`, [
      ...path,
      "scale",
    ]);
  }
  for (const prop of ["max", "min"] as const) {
    const value = field[prop];
    if (value === undefined) continue;
    if (!NUMERIC.has(type as string) && !LENGTHED.has(type as string)) {
      report("spec/misplaced-property", `\`${prop}\` does not apply to type ${type}`, [...path, prop], {
        key: true,
      });
    } else if (LENGTHED.has(type as string) && (!Number.isInteger(value) || value < 0)) {
      report("spec/out-of-range", `${label} ${prop} length must be a whole number >= 0, got ${value}`, [
        ...path,
        prop,
      ]);
    } else if (LENGTHED.has(type as string) && value > MAX_TEXT_LENGTH) {
      // PostgreSQL stores at most 1 GB in one field; a longer limit can never be met.
      report(
        "spec/out-of-range",
        `${label} ${prop} length ${value} is more than PostgreSQL stores in one field (${MAX_TEXT_LENGTH})`,
        [...path, prop],
      );
    }
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    report("spec/out-of-range", `${label} min ${field.min} is greater than max ${field.max}`, [
      ...path,
      "min",
    ]);
  }
  if (field.default !== undefined) {
    const problem = defaultProblem(field);
    if (problem)
      report("spec/invalid-default", `${label} default ${JSON.stringify(field.default)} ${problem}`, [
        ...path,
        "default",
      ]);
  }
  if (field.unique && (type === "json" || type === "text")) {
    report(
      "spec/unique-unindexable",
      `${label} is ${type}; a unique constraint on it is unbounded in size. Use type string with a max`,
      [...path, "unique"],
    );
  }
}

function defaultProblem(field: SpecField): string | undefined {
  const value = field.default;
  switch (field.type) {
    case "enum":
      return field.values?.includes(String(value))
        ? undefined
        : `is not one of ${field.values?.join(", ") ?? "the values"}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "integer":
    case "bigint":
      return Number.isInteger(value) ? undefined : "must be a whole number";
    case "decimal":
      return typeof value === "number" ? undefined : "must be a number";
    case "string":
    case "text":
    case "email":
    case "url":
      return typeof value === "string"
        ? field.max !== undefined && value.length > field.max
          ? "is longer than max"
          : undefined
        : "must be a string";
    case "json":
      return "is not supported for json fields";
    default:
      return typeof value === "string" ? undefined : "must be a string";
  }
}
