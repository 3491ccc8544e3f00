import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const moneyColumn: Rule<SqlReviewContext> = {
  meta: {
    id: "money-column",
    area: "schema",
    defaultSeverity: "warning",
    description: "A column uses the `money` type.",
    rationale:
      "`money` has a fixed fractional precision taken from the server's `lc_monetary` setting, so a dump restored under another locale changes meaning, it cannot hold more than one currency, and rounding on division is not controllable.",
    howToFix: "Use `numeric(p, s)` (or an integer count of minor units) plus a currency code column.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        if (columnType(context, column).name !== "money") continue;
        report({
          message: `Column ${table.displayName}.${column.name} uses the money type.`,
          location: column.location,
          fix: `Declare ${column.name} as numeric (or bigint minor units) with a currency column.`,
        });
      }
    }
  },
};
