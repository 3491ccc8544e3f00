import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { type ConventionHit, reportConventionHits } from "../../sql/convention-summary.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

const SERIALS = new Set(["smallserial", "serial", "bigserial"]);

export const preferIdentityOverSerial: Rule<SqlReviewContext> = {
  meta: {
    id: "prefer-identity-over-serial",
    area: "schema",
    defaultSeverity: "info",
    description:
      "A column uses `serial`/`bigserial` (or its dump form, a `nextval()` default) instead of an identity column.",
    rationale:
      "A serial column's sequence is a separate object with its own permissions and ownership, it is easy to insert explicit ids past it, and copying the table definition (`LIKE`, some migration tools) shares the sequence. SQL-standard identity columns fix all three; for keys generated outside the database, uuid (v7) avoids the sequence entirely.",
    howToFix:
      "Use `bigint GENERATED ALWAYS AS IDENTITY` (or `uuid DEFAULT uuidv7()` on PostgreSQL 18) for new keys; existing serial columns can be converted in place with `ALTER TABLE ... ALTER COLUMN ... ADD GENERATED ... AS IDENTITY` after dropping the default.",
  },
  check(context, report) {
    const hits: ConventionHit[] = [];
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        if (column.identity !== undefined) continue;
        const serial = SERIALS.has(column.type.name);
        if (!serial && !column.default?.functions.includes("nextval")) continue;
        hits.push({
          subject: `${table.displayName}.${column.name}`,
          report: {
            message: `Column ${table.displayName}.${column.name} ${serial ? `is ${column.type.text}` : `takes its default from a sequence (${column.default?.text ?? "nextval"})`}; prefer an identity column.`,
            location: column.location,
            fix: `Declare ${column.name} as bigint GENERATED ALWAYS AS IDENTITY.`,
          },
        });
      }
    }
    reportConventionHits(context, hits, report, {
      what: "columns take their values from serial sequences",
      fix: "Declare new keys as bigint GENERATED ALWAYS AS IDENTITY; convert existing ones in place.",
    });
  },
};
