import type { Entity, UseCase } from "../../model/index.js";
import type { Table } from "../relational-schema.js";
import { findColumn, type SizedColumn } from "./table-columns.js";

export interface PlannedIndex {
  /** Column names in key order. */
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** Why the index exists: "primary key", "unique email", "foreign key author_id", "use case Home feed". */
  readonly reasons: readonly string[];
}

/**
 * The btree indexes a table is sized with, following the data rules of the design guide: the
 * primary key, one per unique field, one per foreign key, and one per use case that filters or
 * sorts the entity (filter columns, then sort columns, then the key as tie-breaker for keyset
 * pagination). A non-unique index whose columns lead another index is left out: the longer index
 * serves its queries, so counting both would overstate the size.
 */
export function planIndexes(
  entity: Entity,
  useCases: readonly UseCase[],
  columns: readonly SizedColumn[],
  /** A use case's equality filters on the entity, implied ones included (see access/row-keys.ts). */
  filtersOf: (useCase: UseCase) => readonly string[] = (useCase) => useCase.filter[entity.name] ?? [],
): readonly PlannedIndex[] {
  const keyColumns = entity.key.length === 0 ? ["id"] : names(entity, entity.key, columns);
  const candidates: PlannedIndex[] = [{ columns: keyColumns, unique: true, reasons: ["primary key"] }];
  for (const field of entity.fields) {
    const column = names(entity, [field.name], columns);
    if (field.unique && !entity.key.includes(field.name)) {
      candidates.push({ columns: column, unique: true, reasons: [`unique ${column[0]}`] });
    }
  }
  for (const field of entity.fields) {
    if (field.kind !== "ref") continue;
    const column = names(entity, [field.name], columns);
    candidates.push({ columns: column, unique: false, reasons: [`foreign key ${column[0]}`] });
  }
  for (const useCase of useCases) {
    const filter = filtersOf(useCase);
    const sort = (useCase.sort[entity.name] ?? []).map((key) => key.field);
    if (filter.length === 0 && sort.length === 0) continue;
    const leading = names(entity, [...filter, ...sort], columns);
    const tail = keyColumns.filter((c) => !leading.includes(c));
    candidates.push({ columns: [...leading, ...tail], unique: false, reasons: [`use case ${useCase.name}`] });
  }
  return dropRedundant(mergeDuplicates(candidates));
}

function names(entity: Entity, fieldNames: readonly string[], columns: readonly SizedColumn[]): string[] {
  const result: string[] = [];
  for (const fieldName of fieldNames) {
    const column = findColumn(entity, fieldName, columns);
    if (column !== undefined && !result.includes(column.name)) result.push(column.name);
  }
  return result;
}

function mergeDuplicates(candidates: readonly PlannedIndex[]): PlannedIndex[] {
  const merged: PlannedIndex[] = [];
  for (const candidate of candidates) {
    if (candidate.columns.length === 0) continue;
    const at = merged.findIndex((m) => sameColumns(m.columns, candidate.columns));
    const existing = merged[at];
    if (existing === undefined) {
      merged.push(candidate);
    } else {
      merged[at] = {
        columns: existing.columns,
        unique: existing.unique || candidate.unique,
        reasons: [...existing.reasons, ...candidate.reasons],
      };
    }
  }
  return merged;
}

function dropRedundant(indexes: readonly PlannedIndex[]): PlannedIndex[] {
  return indexes.filter(
    (index) =>
      index.unique ||
      !indexes.some(
        (other) =>
          other !== index &&
          other.columns.length > index.columns.length &&
          leads(index.columns, other.columns),
      ),
  );
}

function leads(prefix: readonly string[], columns: readonly string[]): boolean {
  return prefix.every((c, i) => columns[i] === c);
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && leads(a, b);
}

/**
 * The indexes of a table the design already derived: its primary key (with the partition column
 * when partitioned), unique constraints and every index it emits, each counted once.
 */
export function schemaIndexes(table: Table): readonly PlannedIndex[] {
  return mergeDuplicates([
    { columns: table.primaryKey.columns, unique: true, reasons: ["primary key"] },
    ...table.uniques.map((u) => ({
      columns: u.columns,
      unique: true,
      reasons: [`unique ${u.columns.join(", ")}`],
    })),
    ...table.indexes.map((index) => ({
      columns: index.columns.map((c) => c.column),
      unique: index.unique,
      reasons: [index.reason],
    })),
  ]);
}
