import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const renameColumn: Rule<SqlReviewContext> = {
  meta: {
    id: "rename-column",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration renames a column of an existing table.",
    rationale:
      "The rename is instant in the database but every deployed client that still uses the old name fails from that moment: during a rolling deploy, old and new application versions run side by side, and views, reports and replicas break as well.",
    howToFix:
      "Expand and contract: add the new column, write to both, backfill, move readers, then drop the old column in a later release (or keep a view with the old name meanwhile).",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "rename-column") continue;
      report({
        message: `Renaming ${change.tableDisplayName}.${change.column} to ${change.newName} breaks clients that still use the old name.`,
        location: change.location,
        fix: "Add the new column and migrate readers and writers before removing the old one.",
      });
    }
  },
};
