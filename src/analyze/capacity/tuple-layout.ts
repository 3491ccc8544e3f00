import type { StorageAssumptions } from "./capacity-assumptions.js";
import type { SizedColumn } from "./table-columns.js";

/**
 * How many bytes rows and btree entries take on 8 KiB pages. Written out by hand rather than asking
 * PostgreSQL (pg_column_size on PGlite) so the arithmetic stays visible and can be redone from
 * docs/capacity.md; the formulas mirror src/include/access/htup_details.h and nbtree.h.
 */

export function alignUp(value: number, boundary: number): number {
  return Math.ceil(value / boundary) * boundary;
}

/** Bytes of the columns laid out one after another, each padded to its alignment. */
export function alignedLength(columns: readonly SizedColumn[]): number {
  let offset = 0;
  for (const column of columns) offset = alignUp(offset, column.align) + column.bytes;
  return offset;
}

/** Space one row takes in a heap page: header + data, padded to MAXALIGN, plus its line pointer. */
export function heapRowBytes(columns: readonly SizedColumn[], s: StorageAssumptions): number {
  return alignUp(s.tupleHeaderBytes + alignedLength(columns), s.maxAlignBytes) + s.itemPointerBytes;
}

/** Heap fill factor is PostgreSQL's default 100: pages fill until the next row does not fit. */
export function rowsPerHeapPage(rowBytes: number, s: StorageAssumptions): number {
  return Math.max(1, Math.floor((s.pageBytes - s.pageHeaderBytes) / rowBytes));
}

/** Space one btree leaf entry takes: IndexTupleData + key columns, padded to MAXALIGN, plus its line pointer. */
export function indexEntryBytes(keyColumns: readonly SizedColumn[], s: StorageAssumptions): number {
  return alignUp(s.indexTupleHeaderBytes + alignedLength(keyColumns), s.maxAlignBytes) + s.itemPointerBytes;
}

export function entriesPerIndexPage(entryBytes: number, s: StorageAssumptions): number {
  const usable = Math.floor((s.pageBytes - s.pageHeaderBytes - s.btreeSpecialBytes) * s.indexFillFactor);
  return Math.max(1, Math.floor(usable / entryBytes));
}

/** Whole pages needed for `count` items; a table or index never holds part of a page. */
export function pagesFor(count: number, perPage: number): number {
  return Math.ceil(count / perPage);
}
