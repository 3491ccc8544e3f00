import { columnName, tableName } from "../../analyze/naming.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { SpecDocument, SpecEntity } from "../spec-schema.js";
import { checkField } from "./check-field.js";
import { IMPLICIT_FIELDS } from "./implicit-fields.js";
import type { Report } from "./report.js";

/** Every entity, and no two entities that become the same table. */
export function checkEntities(spec: SpecDocument, report: Report): void {
  const entityNames = Object.keys(spec.entities);
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
    checkEntity(spec, entityName, entity, entityNames, report);
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
}

/** Fields (reserved names, column collisions, each field), key and unique groups of one entity. */
function checkEntity(
  spec: SpecDocument,
  entityName: string,
  entity: SpecEntity,
  entityNames: string[],
  report: Report,
): void {
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
