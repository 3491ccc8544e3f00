import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const jsonInsteadOfJsonb: Rule<SqlReviewContext> = {
  meta: {
    id: "json-instead-of-jsonb",
    area: "schema",
    defaultSeverity: "warning",
    description: "A column uses `json` rather than `jsonb`.",
    rationale:
      "`json` keeps the raw text and re-parses it on every access, cannot be indexed with GIN, has no equality operator (so DISTINCT, GROUP BY and UNION fail), and keeps duplicate keys. `jsonb` is what PostgreSQL's JSON operators and indexes are built for.",
    howToFix:
      "Use `jsonb`; keep `json` only when exact key order or whitespace of the original text must be preserved.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        if (columnType(context, column).name !== "json") continue;
        report({
          message: `Column ${table.displayName}.${column.name} is json; use jsonb.`,
          location: column.location,
          fix: `Declare ${column.name} as jsonb.`,
        });
      }
    }
  },
};
