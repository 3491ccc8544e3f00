import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const dropTable: Rule<SqlReviewContext> = {
  meta: {
    id: "drop-table",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration drops an existing table.",
    rationale:
      "Dropping a table breaks every client still using it and destroys its data; it also takes an ACCESS EXCLUSIVE lock on the table and on tables referencing it through foreign keys.",
    howToFix:
      "Remove every use of the table in a release first, keep a backup or rename it aside for a while, then drop it in a later migration.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "drop-table") continue;
      report({
        message: `Dropping table ${change.tableDisplayName} breaks clients that still use it and loses its data.`,
        location: change.location,
        fix: "Retire every use of the table before dropping it.",
      });
    }
  },
};
