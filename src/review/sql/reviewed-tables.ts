import type { SqlReviewContext, SqlTable } from "../../import/sql/sql-review-context.js";

/**
 * Tables the schema rules judge. Partitions are left out: their keys, indexes and foreign keys
 * come from the partitioned table, so a finding belongs on the parent, once.
 */
export function reviewedTables(context: SqlReviewContext): readonly SqlTable[] {
  return context.tables.filter((table) => table.partitionOf === undefined);
}
