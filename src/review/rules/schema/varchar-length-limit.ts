import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { type ConventionHit, reportConventionHits } from "../../sql/convention-summary.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const varcharLengthLimit: Rule<SqlReviewContext> = {
  meta: {
    id: "varchar-length-limit",
    area: "schema",
    defaultSeverity: "info",
    description: "A column uses `varchar(n)` where `text` with a CHECK would do.",
    rationale:
      "In PostgreSQL `varchar(n)` is `text` plus a length check, with no storage or speed benefit. Widening it later is cheap, but narrowing or changing a domain rule means a type change; a named CHECK constraint can be added NOT VALID and validated online, and says why the limit exists.",
    howToFix:
      "Use `text` with `CHECK (char_length(col) <= n)` when the limit is a business rule; keep `varchar(n)` only where a tool needs the declared length.",
  },
  check(context, report) {
    const hits: ConventionHit[] = [];
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        const type = column.type;
        if (type.name !== "varchar" || type.modifiers.length === 0) continue;
        hits.push({
          subject: `${table.displayName}.${column.name}`,
          report: {
            message: `Column ${table.displayName}.${column.name} is ${type.text}; text with a CHECK on its length is more flexible.`,
            location: column.location,
            fix: `Declare ${column.name} as text CHECK (char_length(${column.name}) <= ${type.modifiers[0]}).`,
          },
        });
      }
    }
    reportConventionHits(context, hits, report, {
      what: "columns are varchar(n)",
      fix: "Use text with a CHECK on the length where the limit is a business rule.",
    });
  },
};
