import type { Entity, Model } from "../../model/index.js";
import { listFilters } from "../access/row-keys.js";
import { tableName } from "../naming.js";
import type { Table } from "../relational-schema.js";
import type { CapacityAssumptions } from "./capacity-assumptions.js";
import { planIndexes, schemaIndexes } from "./index-plan.js";
import { schemaTableColumns, tableColumns } from "./table-columns.js";
import {
  entriesPerIndexPage,
  heapRowBytes,
  indexEntryBytes,
  pagesFor,
  rowsPerHeapPage,
} from "./tuple-layout.js";

export const DAYS_PER_YEAR = 365.25;
export const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;

/**
 * Where a table's row count comes from: its `growth`, the spec's user count (the user entity
 * without growth), a fixed `growth.rows` alone, or nothing we can size from.
 */
export type RowSource = "growth" | "users" | "fixed" | "unknown";

/** How a table's rows accumulate: `fixedRows` present from the start plus `rowsPerDay` new ones. */
export interface RowGrowth {
  readonly source: RowSource;
  readonly fixedRows: number;
  readonly rowsPerDay: number;
  /** Whether `fixedRows` grows with load (users do; reference data does not). */
  readonly fixedScales: boolean;
}

export interface SizedIndex {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly reasons: readonly string[];
  readonly entryBytes: number;
  readonly entriesPerPage: number;
}

export interface TableShape {
  readonly entity: Entity;
  readonly table: string;
  readonly rowBytes: number;
  readonly rowsPerPage: number;
  readonly indexes: readonly SizedIndex[];
  readonly growth: RowGrowth;
}

/** Rows and bytes at the end of retention under one load multiple, unrounded. */
export interface TableVolume {
  readonly rowsPerDay: number;
  /** undefined when the row count is unknown. */
  readonly rowsAtRetention: number | undefined;
  readonly heapBytes: number | undefined;
  readonly indexBytes: readonly (number | undefined)[];
  /** 1-based month at whose end rows first exceed the threshold; 0 = from the start; undefined = never within retention. */
  readonly passesThresholdInMonth: number | undefined;
}

export function tableShape(
  entity: Entity,
  model: Model,
  userEntity: Entity | undefined,
  a: CapacityAssumptions,
  schemaTable?: Table,
): TableShape {
  // With the design's schema, size what it emits; without one, what it would emit from the entity.
  const columns = schemaTable ? schemaTableColumns(schemaTable, a.storage) : tableColumns(entity, a.storage);
  const rowBytes = heapRowBytes(columns, a.storage);
  const planned = schemaTable
    ? schemaIndexes(schemaTable)
    : planIndexes(entity, model.useCases, columns, (u) => listFilters(model, u, entity));
  const indexes = planned.map((index): SizedIndex => {
    const keyColumns = index.columns.flatMap((name) => columns.find((c) => c.name === name) ?? []);
    const entryBytes = indexEntryBytes(keyColumns, a.storage);
    return { ...index, entryBytes, entriesPerPage: entriesPerIndexPage(entryBytes, a.storage) };
  });
  return {
    entity,
    table: tableName(entity.name),
    rowBytes,
    rowsPerPage: rowsPerHeapPage(rowBytes, a.storage),
    indexes,
    growth: rowGrowth(entity, model, userEntity),
  };
}

function rowGrowth(entity: Entity, model: Model, userEntity: Entity | undefined): RowGrowth {
  const growth = entity.growth;
  if (growth !== undefined) {
    const rowsPerDay =
      (growth.perActiveUserPerDay ?? 0) * model.scale.dailyActiveUsers + (growth.perDay ?? 0);
    const fixedRows = growth.rows ?? 0;
    return { source: rowsPerDay > 0 ? "growth" : "fixed", fixedRows, rowsPerDay, fixedScales: false };
  }
  if (entity === userEntity) {
    return { source: "users", fixedRows: model.scale.users, rowsPerDay: 0, fixedScales: true };
  }
  return { source: "unknown", fixedRows: 0, rowsPerDay: 0, fixedScales: false };
}

export function tableVolume(
  shape: TableShape,
  multiple: number,
  retentionYears: number,
  a: CapacityAssumptions,
): TableVolume {
  const { growth } = shape;
  const rowsPerDay = growth.rowsPerDay * multiple;
  if (growth.source === "unknown") {
    return {
      rowsPerDay,
      rowsAtRetention: undefined,
      heapBytes: undefined,
      indexBytes: shape.indexes.map(() => undefined),
      passesThresholdInMonth: undefined,
    };
  }
  const fixedRows = growth.fixedScales ? growth.fixedRows * multiple : growth.fixedRows;
  // An entity's own retention (`retention: 30d`) replaces the spec's.
  const days = shape.entity.retentionDays ?? DAYS_PER_YEAR * retentionYears;
  const rows = fixedRows + rowsPerDay * days;
  const pageBytes = a.storage.pageBytes;
  return {
    rowsPerDay,
    rowsAtRetention: rows,
    heapBytes: pagesFor(rows, shape.rowsPerPage) * pageBytes,
    indexBytes: shape.indexes.map((index) => pagesFor(rows, index.entriesPerPage) * pageBytes),
    passesThresholdInMonth: thresholdMonth(
      fixedRows,
      rowsPerDay * DAYS_PER_MONTH,
      rows,
      a.growth.rowThreshold,
    ),
  };
}

/**
 * Rows after month m are fixed + perMonth x m; they first exceed the threshold in month
 * floor((threshold - fixed) / perMonth) + 1. Rows past retention are archived, so a table whose
 * retained rows stay at or below the threshold never passes it.
 */
function thresholdMonth(
  fixed: number,
  perMonth: number,
  rowsAtRetention: number,
  threshold: number,
): number | undefined {
  if (rowsAtRetention <= threshold) return undefined;
  if (fixed > threshold) return 0;
  return Math.floor((threshold - fixed) / perMonth) + 1;
}
