import { Field } from "../../model/index.js";
import { listFilters } from "../access/row-keys.js";
import { columnName, snakeCase } from "../naming.js";
import type { Index, IndexColumn, UniqueConstraint } from "../relational-schema.js";
import type { TableDraft } from "./table-draft.js";
import { constraintName, indexColumn } from "./table-names.js";

/** One index per use case that filters or sorts this entity: tenant, equality filters, sort, then the key (keyset pagination). */
export function addUseCaseIndexes(draft: TableDraft, keyColumns: readonly string[]): void {
  const { model, entity, tenantColumn, table } = draft;
  const sortableColumns = (name: string) => {
    if (name === "createdAt") return "created_at";
    if (name === "updatedAt") return "updated_at";
    const field = entity.fields.find((f) => f.name === name);
    return field ? columnName(field.name, Field.isRef(field)) : snakeCase(name);
  };
  const tieBreaker = keyColumns;

  for (const useCase of model.useCases) {
    const filters = listFilters(model, useCase, entity);
    const sort = useCase.sort[entity.name] ?? [];
    if (filters.length === 0 && sort.length === 0) continue;
    const cols: IndexColumn[] = [];
    const seen = new Set<string>();
    const push = (column: string, direction: "asc" | "desc") => {
      if (seen.has(column)) return;
      seen.add(column);
      cols.push({ column, direction, expression: undefined });
    };
    if (tenantColumn) push(tenantColumn, "asc");
    for (const f of filters) push(sortableColumns(f), "asc");
    const lastDirection = sort[sort.length - 1]?.direction ?? "asc";
    for (const s of sort) push(sortableColumns(s.field), s.direction);
    for (const k of tieBreaker) push(k, lastDirection);
    const where = filters.map((f) => `${sortableColumns(f)} = ?`);
    const order = [
      ...sort.map((s) => `${sortableColumns(s.field)} ${s.direction.toUpperCase()}`),
      ...tieBreaker.map((k) => `${k} ${lastDirection.toUpperCase()}`),
    ];
    draft.indexes.push({
      name: constraintName(
        table,
        cols.map((c) => c.column),
        "idx",
      ),
      columns: cols,
      unique: false,
      reason: `use case "${useCase.name}" (${useCase.peakRps} rps): ${where.length ? `WHERE ${where.join(" AND ")} ` : ""}ORDER BY ${order.join(", ")} (keyset pagination)`,
    });
  }
}

/** An index for every reference column no key, unique constraint or earlier index already leads with. */
export function addReferenceIndexes(draft: TableDraft, primaryKey: UniqueConstraint): void {
  const { uniques, indexes } = draft;
  const referenceColumns: { column: string; leading: readonly string[]; why: string }[] = [
    ...draft.foreignKeys.map((fk) => ({
      column: fk.columns[fk.columns.length - 1] ?? "",
      leading: fk.columns.slice(0, -1),
      why: `foreign key to ${fk.refTable}: joins and ON DELETE checks`,
    })),
    ...draft.unenforcedRefs.map((r) => ({
      column: r.column,
      leading: [],
      why: `reference to partitioned ${r.refTable}: lookups and ON DELETE ${r.onDelete} applied by the service`,
    })),
    ...draft.crossServiceRefs.map((r) => ({
      column: r.column,
      leading: [],
      why: `reference to ${r.targetService}.${r.targetTable}: lookups and cleanup on ${r.targetEntity} deletion`,
    })),
  ];
  for (const reference of referenceColumns) {
    const { column, why } = reference;
    const wanted = [...reference.leading, column];
    const leads = (columns: readonly string[]) => wanted.every((c, i) => columns[i] === c);
    const covered =
      leads(primaryKey.columns) ||
      uniques.some((u) => leads(u.columns)) ||
      indexes.some(
        (i) => i.columns.every((c) => c.expression === undefined) && leads(i.columns.map((c) => c.column)),
      );
    if (covered) continue;
    indexes.push({
      name: constraintName(draft.table, wanted, "idx"),
      columns: wanted.map((c) => indexColumn(c)),
      unique: false,
      reason: why,
    });
  }
}

/** An index whose columns are a leading prefix of another's (same directions) adds write cost and no reads. */
export function dropRedundantIndexes(indexes: readonly Index[], primaryKey: UniqueConstraint): Index[] {
  const sameColumn = (a: IndexColumn, b: IndexColumn) =>
    a.column === b.column && a.direction === b.direction && a.expression === b.expression;
  const isPrefix = (short: readonly IndexColumn[], long: readonly IndexColumn[]) =>
    short.length <= long.length &&
    short.every((c, i) => {
      const other = long[i];
      return other !== undefined && sameColumn(c, other);
    });
  const pkColumns = primaryKey.columns.map((c) => indexColumn(c));
  const kept: Index[] = [];
  const byName = new Set<string>();
  for (const [i, index] of indexes.entries()) {
    if (index.unique) {
      kept.push(index);
      continue;
    }
    const redundant =
      isPrefix(index.columns, pkColumns) ||
      indexes.some(
        (other, j) =>
          j !== i &&
          isPrefix(index.columns, other.columns) &&
          (other.columns.length > index.columns.length || j < i),
      );
    if (redundant || byName.has(index.name)) continue;
    byName.add(index.name);
    kept.push(index);
  }
  return kept;
}
