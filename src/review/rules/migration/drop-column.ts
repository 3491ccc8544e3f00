import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const dropColumn: Rule<SqlReviewContext> = {
  meta: {
    id: "drop-column",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration drops a column of an existing table.",
    rationale:
      "Clients that still select or insert the column fail as soon as it is gone (ORMs that list every column fail on any query of the table), and the data cannot be brought back without a restore.",
    howToFix:
      "Stop reading and writing the column in a release first (tell the ORM to ignore it), then drop it in a later migration once no deployed version uses it.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "drop-column") continue;
      report({
        message: `Dropping ${change.tableDisplayName}.${change.column} breaks clients that still use it and loses its data.`,
        location: change.location,
        fix: "Remove every use of the column in a release before dropping it.",
      });
    }
  },
};
