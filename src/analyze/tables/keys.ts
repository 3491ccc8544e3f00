import { Field, type RefField } from "../../model/index.js";
import { columnName, sqlName } from "../naming.js";
import type { UniqueConstraint } from "../relational-schema.js";
import type { TableDraft } from "./table-draft.js";
import { constraintName, indexColumn, keyColumn } from "./table-names.js";

/** A join row between two rows of the same entity (User follows User) never links a row to itself. */
export function addSelfReferenceCheck(draft: TableDraft, keyColumns: readonly string[]): void {
  const { entity } = draft;
  const keyRefs = entity.key.map((k) => entity.fields.find((f) => f.name === k));
  if (
    keyRefs.length === 2 &&
    keyRefs.every((f) => f && Field.isRef(f) && f.target === (keyRefs[0] as RefField).target)
  ) {
    const [a, b] = keyColumns.map((c) => sqlName(c));
    draft.checks.push({ name: constraintName(draft.table, keyColumns, "check"), expression: `${a} <> ${b}` });
  }
}

/** `uniqueTogether` groups, led by the tenant column in a multi-tenant design. */
export function addUniqueGroups(draft: TableDraft): void {
  const { entity, tenantColumn } = draft;
  for (const group of entity.uniqueTogether) {
    const columns = group.map((name) => keyColumn(entity, name));
    const leading = tenantColumn && !columns.includes(tenantColumn) ? [tenantColumn] : [];
    draft.uniques.push({
      name: constraintName(draft.table, [...leading, ...columns], "key"),
      columns: [...leading, ...columns],
    });
  }
}

/** The primary key; a partitioned table's primary key must contain the partition column. */
export function primaryKeyOf(draft: TableDraft, keyColumns: readonly string[]): UniqueConstraint {
  const { partitioning } = draft;
  return {
    name: constraintName(draft.table, [], "pkey"),
    columns:
      partitioning === undefined || keyColumns.includes(partitioning.column)
        ? [...keyColumns]
        : partitioning.strategy === "hash"
          ? [partitioning.column, ...keyColumns]
          : [...keyColumns, partitioning.column],
  };
}

/** Unique fields: a unique constraint, or a unique index on `lower(...)` for emails (case-insensitive). */
export function addUniqueFields(draft: TableDraft): void {
  const { entity, tenantColumn, table } = draft;
  for (const field of entity.fields) {
    if (!field.unique) continue;
    const column = columnName(field.name, Field.isRef(field));
    const leading = tenantColumn && column !== tenantColumn ? [tenantColumn] : [];
    const caseInsensitive = Field.isScalar(field) && field.type === "email";
    if (caseInsensitive) {
      draft.indexes.push({
        name: constraintName(table, [...leading, column], "key"),
        columns: [
          ...leading.map((c) => indexColumn(c)),
          { column, direction: "asc", expression: `lower(${sqlName(column)})` },
        ],
        unique: true,
        reason: `unique ${field.name}, case-insensitive${leading.length ? " within a tenant" : ""}`,
      });
    } else {
      draft.uniques.push({
        name: constraintName(table, [...leading, column], "key"),
        columns: [...leading, column],
      });
    }
  }
}
