import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const fixedLengthCharColumn: Rule<SqlReviewContext> = {
  meta: {
    id: "fixed-length-char-column",
    area: "schema",
    defaultSeverity: "warning",
    description: "A column uses `char(n)` / `character(n)`.",
    rationale:
      "`char(n)` pads values with spaces, ignores trailing spaces when comparing but not in LIKE or regular expressions, and is no faster than `text` in PostgreSQL. Its length limit is the only thing it adds, and a CHECK says that more clearly.",
    howToFix:
      "Use `text` (or `varchar(n)`), with `CHECK (char_length(col) = n)` if the length really is fixed.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        const type = columnType(context, column);
        if (type.name !== "bpchar") continue;
        report({
          message: `Column ${table.displayName}.${column.name} is ${type.text}, which pads with spaces.`,
          location: column.location,
          fix: `Declare ${column.name} as text with a CHECK on its length.`,
        });
      }
    }
  },
};
