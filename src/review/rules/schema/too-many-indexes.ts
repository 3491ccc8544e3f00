import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

/**
 * More than this many indexes on one table is reported. Each index is another write per INSERT
 * and per non-HOT UPDATE; past about ten, write latency and WAL volume grow noticeably, and
 * experience (pg_stat_user_indexes audits) says several of them are usually unused or overlapping.
 */
export const MAX_INDEXES_PER_TABLE = 10;

export const tooManyIndexes: Rule<SqlReviewContext> = {
  meta: {
    id: "too-many-indexes",
    area: "schema",
    defaultSeverity: "warning",
    description: `A table has more than ${MAX_INDEXES_PER_TABLE} indexes (counting primary-key and unique constraints).`,
    rationale:
      "Every index is updated on every INSERT and on every UPDATE that cannot be HOT, so a heavily indexed table multiplies write I/O and WAL, slows vacuum and replication, and crowds the cache. Beyond ten indexes some are almost always unused or covered by others.",
    howToFix:
      "Check `pg_stat_user_indexes.idx_scan` in production, drop unused and redundant indexes, and merge single-column ones into multi-column indexes that match real filters and sort orders.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      const count = table.indexes.length;
      if (count <= MAX_INDEXES_PER_TABLE) continue;
      report({
        message: `Table ${table.displayName} has ${count} indexes (more than ${MAX_INDEXES_PER_TABLE}); each one adds work to every write.`,
        location: table.location,
        fix: `Audit the indexes of ${table.displayName} for unused and overlapping ones.`,
      });
    }
  },
};
