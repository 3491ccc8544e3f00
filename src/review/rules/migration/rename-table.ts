import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const renameTable: Rule<SqlReviewContext> = {
  meta: {
    id: "rename-table",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration renames an existing table.",
    rationale:
      "Every running client, view definition written in application code, report and ETL job that names the old table fails the moment the rename commits; during a rolling deploy the old application version is still running.",
    howToFix:
      "Rename, then create a view with the old name (`CREATE VIEW old_name AS SELECT * FROM new_name`, which stays updatable) until no client uses it.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "rename-table") continue;
      report({
        message: `Renaming table ${change.tableDisplayName} to ${change.newName} breaks clients that still use the old name.`,
        location: change.location,
        fix: `Keep a view named ${change.tableDisplayName} until every client has moved.`,
      });
    }
  },
};
