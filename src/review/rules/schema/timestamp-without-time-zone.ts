import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { type ConventionHit, reportConventionHits } from "../../sql/convention-summary.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const timestampWithoutTimeZone: Rule<SqlReviewContext> = {
  meta: {
    id: "timestamp-without-time-zone",
    area: "schema",
    defaultSeverity: "warning",
    description: "A column uses `timestamp` (without time zone) instead of `timestamptz`.",
    rationale:
      "`timestamp` stores a wall-clock reading with no zone, so the same instant written by servers or sessions in different time zones compares wrongly, and daylight-saving changes create duplicate or missing hours. `timestamptz` stores an absolute instant in the same 8 bytes.",
    howToFix:
      "Use `timestamptz`. To convert a live column, `ALTER COLUMN ... TYPE timestamptz USING col AT TIME ZONE 'UTC'` (a table rewrite unless the session TimeZone is UTC on PostgreSQL 12+).",
  },
  check(context, report) {
    const hits: ConventionHit[] = [];
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        if (columnType(context, column).name !== "timestamp") continue;
        hits.push({
          subject: `${table.displayName}.${column.name}`,
          report: {
            message: `Column ${table.displayName}.${column.name} is timestamp without time zone.`,
            location: column.location,
            fix: `Declare ${column.name} as timestamptz.`,
          },
        });
      }
    }
    reportConventionHits(context, hits, report, {
      what: "columns are timestamp without time zone",
      fix: "Declare them as timestamptz (one migration per table: a rewrite unless the session TimeZone is UTC).",
    });
  },
};
