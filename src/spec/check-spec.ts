import {
  type CapacityOverrides,
  DEFAULT_CAPACITY_ASSUMPTIONS,
  resolveAssumptions,
} from "../analyze/capacity/capacity-assumptions.js";
import { columnName, tableName } from "../analyze/naming.js";
import { type Diagnostic, diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR } from "../model/access.js";
import { checkRoles } from "./check-roles.js";
import { checkOperationShape, operationEntities, statesOperation } from "./check-use-case-operation.js";
import { DEFAULT_ROLES, roleNames } from "./spec-roles.js";
import type { SpecDocument, SpecField } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

/** Fields every table gets; users may not declare them. */
export const IMPLICIT_FIELDS = ["id", "createdAt", "updatedAt", "version"] as const;
/** Fields a sort may name without declaring them. */
const SORTABLE_IMPLICIT = ["id", "createdAt", "updatedAt"];

const NUMERIC = new Set(["integer", "bigint", "decimal"]);
const LENGTHED = new Set(["string", "text"]);

/**
 * Cross-reference checks that need the whole document: refs, keys, filters, sorts, actors and
 * name collisions once names become SQL identifiers. Returns every problem, not just the first.
 */
/** 1 GB: the most PostgreSQL stores in one text value. */
const MAX_TEXT_LENGTH = 1_073_741_823;

export function checkSpec(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report = (
    code: string,
    message: string,
    path: (string | number)[],
    extra: { key?: boolean; expected?: string; suggestion?: string | undefined } = {},
  ) => problems.push(diagnostic(code, message, locator.locate(path, { key: extra.key ?? false }), extra));

  const entityNames = Object.keys(spec.entities);
  const availability = spec.scale.availability === undefined ? undefined : Number(spec.scale.availability);
  if (availability !== undefined && !(availability > 0 && availability < 100)) {
    report(
      "spec/out-of-range",
      `scale.availability must be a percentage above 0 and below 100, got ${spec.scale.availability}`,
      ["scale", "availability"],
      { expected: 'e.g. "99.9"' },
    );
  }
  if (spec.scale.dailyActiveUsers > spec.scale.users) {
    report(
      "spec/out-of-range",
      `scale.dailyActiveUsers (${spec.scale.dailyActiveUsers}) is more than scale.users (${spec.scale.users})`,
      ["scale", "dailyActiveUsers"],
      { expected: "at most scale.users" },
    );
  }
  if (entityNames.length === 0) report("spec/no-entities", "the spec declares no entities", ["entities"]);

  const tables = new Map<string, string>();
  for (const [entityName, entity] of Object.entries(spec.entities)) {
    const table = tableName(entityName);
    const clash = tables.get(table);
    if (clash) {
      report(
        "spec/name-collision",
        `entities \`${clash}\` and \`${entityName}\` both become table \`${table}\``,
        ["entities", entityName],
        { key: true },
      );
    }
    tables.set(table, entityName);

    const fieldNames = Object.keys(entity.fields);
    if (fieldNames.length === 0 && !entity.key) {
      report("spec/no-fields", `entity \`${entityName}\` has no fields`, ["entities", entityName, "fields"]);
    }
    const columns = new Map<string, string>();
    for (const [fieldName, field] of Object.entries(entity.fields)) {
      const path = ["entities", entityName, "fields", fieldName];
      if ((IMPLICIT_FIELDS as readonly string[]).includes(fieldName)) {
        report(
          "spec/reserved-field",
          `\`${fieldName}\` is added to every entity automatically; remove it or rename it`,
          path,
          { key: true },
        );
      }
      const column = columnName(fieldName, field.ref !== undefined);
      const sameColumn = columns.get(column);
      if (sameColumn) {
        report(
          "spec/name-collision",
          `fields \`${sameColumn}\` and \`${fieldName}\` both become column \`${column}\``,
          path,
          { key: true },
        );
      }
      columns.set(column, fieldName);
      checkField(spec, entityName, fieldName, field, path, entityNames, report);
      if (spec.tenancy && field.ref === spec.tenancy.entity && entityName === spec.tenancy.entity) {
        report("spec/tenant-self-ref", "the tenant entity cannot belong to a tenant", path);
      }
    }
    for (const [index, keyField] of (entity.key ?? []).entries()) {
      const field = entity.fields[keyField];
      if (!field) {
        report(
          "spec/unknown-field",
          `key names \`${keyField}\`, which is not a field of \`${entityName}\``,
          ["entities", entityName, "key", index],
          {
            expected: `one of ${fieldNames.join(", ")}`,
            suggestion: didYouMean(keyField, fieldNames),
          },
        );
      } else if (field.optional) {
        report("spec/optional-key", `key field \`${keyField}\` cannot be optional`, [
          "entities",
          entityName,
          "fields",
          keyField,
          "optional",
        ]);
      }
    }
    for (const [g, group] of (entity.unique ?? []).entries()) {
      for (const [i, name] of group.entries()) {
        if (!entity.fields[name]) {
          report(
            "spec/unknown-field",
            `unique names \`${name}\`, which is not a field of \`${entityName}\``,
            ["entities", entityName, "unique", g, i],
            {
              expected: `one of ${fieldNames.join(", ")}`,
              suggestion: didYouMean(name, fieldNames),
            },
          );
        }
      }
    }
    if (entity.key && new Set(entity.key).size !== entity.key.length) {
      report("spec/duplicate-key-field", `key of \`${entityName}\` names a field twice`, [
        "entities",
        entityName,
        "key",
      ]);
    }
  }

  if (spec.tenancy && !spec.entities[spec.tenancy.entity]) {
    report(
      "spec/unknown-entity",
      `tenancy names unknown entity \`${spec.tenancy.entity}\``,
      ["tenancy", "entity"],
      {
        expected: `one of ${entityNames.join(", ")}`,
        suggestion: didYouMean(spec.tenancy.entity, entityNames),
      },
    );
  }

  problems.push(...checkCapacity(spec, locator));

  problems.push(...checkRoles(spec, locator));
  const actors = [...roleNames(spec), ANONYMOUS_ACTOR, SYSTEM_ACTOR];
  const seenUseCases = new Map<string, number>();
  for (const [index, useCase] of (spec.useCases ?? []).entries()) {
    const path = ["useCases", index];
    const previous = seenUseCases.get(useCase.name.toLowerCase());
    if (previous !== undefined) {
      report(
        "spec/duplicate-use-case",
        `use case \`${useCase.name}\` is declared twice (first at useCases[${previous}])`,
        [...path, "name"],
      );
    }
    seenUseCases.set(useCase.name.toLowerCase(), index);
    const named = typeof useCase.actor === "string" ? [useCase.actor] : useCase.actor;
    for (const [i, actor] of named.entries()) {
      if (actors.includes(actor)) continue;
      const declared = spec.security?.roles
        ? "a role in security.roles"
        : `one of the default roles (${DEFAULT_ROLES.join(", ")}); declare security.roles to use others`;
      report(
        "spec/unknown-actor",
        `actor \`${actor}\` is not ${declared}, \`anonymous\` or \`system\``,
        typeof useCase.actor === "string" ? [...path, "actor"] : [...path, "actor", i],
        { expected: `one of ${actors.join(", ")}`, suggestion: didYouMean(actor, actors) },
      );
    }
    problems.push(...checkOperationShape(spec, useCase, path, locator));
    for (const list of ["reads", "writes"] as const) {
      for (const [i, name] of (useCase[list] ?? []).entries()) {
        if (!spec.entities[name]) {
          report(
            "spec/unknown-entity",
            `use case \`${useCase.name}\` ${list} unknown entity \`${name}\``,
            [...path, list, i],
            {
              expected: `one of ${entityNames.join(", ")}`,
              suggestion: didYouMean(name, entityNames),
            },
          );
        }
      }
    }
    if ((useCase.reads ?? []).length + (useCase.writes ?? []).length === 0 && !statesOperation(useCase)) {
      report(
        "spec/empty-use-case",
        `use case \`${useCase.name}\` neither reads nor writes any entity`,
        path,
        {
          expected:
            "an operation (create, update, delete, get, list, command, redirect, feed) or reads/writes",
        },
      );
    }
    const touched = new Set([
      ...(useCase.reads ?? []),
      ...(useCase.writes ?? []),
      ...operationEntities(useCase),
    ]);
    for (const [section, spec_] of [
      ["filter", useCase.filter],
      ["sort", useCase.sort],
    ] as const) {
      for (const [entityName, value] of Object.entries(spec_ ?? {})) {
        const entity = spec.entities[entityName];
        if (!entity) {
          report(
            "spec/unknown-entity",
            `${section} names unknown entity \`${entityName}\``,
            [...path, section, entityName],
            {
              key: true,
              expected: `one of ${entityNames.join(", ")}`,
              suggestion: didYouMean(entityName, entityNames),
            },
          );
          continue;
        }
        if (!touched.has(entityName)) {
          report(
            "spec/filter-not-read",
            `${section} names \`${entityName}\`, which use case \`${useCase.name}\` does not read`,
            [...path, section, entityName],
            {
              key: true,
              expected: `add \`${entityName}\` to reads`,
            },
          );
        }
        const names =
          section === "sort"
            ? [...Object.keys(entity.fields), ...SORTABLE_IMPLICIT]
            : Object.keys(entity.fields);
        const items = typeof value === "string" ? [value] : value;
        for (const [i, raw] of items.entries()) {
          const fieldName = raw.replace(/^-/, "");
          if (!names.includes(fieldName)) {
            const itemPath =
              typeof value === "string" ? [...path, section, entityName] : [...path, section, entityName, i];
            report(
              "spec/unknown-field",
              `${section} on \`${entityName}\` names unknown field \`${fieldName}\``,
              itemPath,
              {
                expected: `one of ${names.join(", ")}`,
                suggestion: didYouMean(fieldName, names),
              },
            );
          } else if (section === "filter" && entity.fields[fieldName]?.type === "json") {
            report("spec/unfilterable-field", `\`${fieldName}\` is json and cannot be an equality filter`, [
              ...path,
              section,
              entityName,
              i,
            ]);
          }
        }
      }
    }
  }
  return problems;
}

function checkField(
  spec: SpecDocument,
  entityName: string,
  fieldName: string,
  field: SpecField,
  path: (string | number)[],
  entityNames: string[],
  report: (
    code: string,
    message: string,
    path: (string | number)[],
    extra?: { key?: boolean; expected?: string; suggestion?: string | undefined },
  ) => void,
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
  if (field.ref) {
    if (!entityNames.includes(field.ref)) {
      report("spec/unknown-ref", `${label} refers to unknown entity \`${field.ref}\``, [...path, "ref"], {
        expected: `one of ${entityNames.join(", ")}`,
        suggestion: didYouMean(field.ref, entityNames),
      });
    }
    const target = spec.entities[field.ref];
    if (target?.key && target.key.length > 1) {
      report(
        "spec/ref-to-composite-key",
        `${label} refers to \`${field.ref}\`, which has a composite key; references need a single-column key`,
        [...path, "ref"],
        {
          expected: `remove \`key\` from \`${field.ref}\` (it gets a generated id) and add \`unique: [[...its key fields]]\` instead`,
        },
      );
    }
    for (const prop of ["max", "min", "precision", "scale", "values", "default"] as const) {
      if (field[prop] !== undefined)
        report("spec/misplaced-property", `\`${prop}\` does not apply to a ref`, [...path, prop], {
          key: true,
        });
    }
    if (
      field.ref === entityName &&
      !field.optional &&
      !(spec.entities[entityName]?.key ?? []).includes(fieldName)
    ) {
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
    return;
  }
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

/** Names must be the documented assumptions (did you mean ...), values must make sense for each. */
function checkCapacity(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
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
