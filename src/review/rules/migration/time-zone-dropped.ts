import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";
import { previousDeclaration } from "../../sql/previous-declaration.js";

export const timeZoneDropped: Rule<SqlReviewContext> = {
  meta: {
    id: "time-zone-dropped",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration turns a `timestamptz` column into `timestamp` (without time zone).",
    rationale:
      "The conversion keeps each value's wall-clock reading in the session's TimeZone and throws the instant away: rows written from other zones, or read by a session with another TimeZone, no longer compare or sort as the instants they were, and daylight-saving changes create duplicate hours. It usually comes from an ORM default, not a decision; it is also a table rewrite unless the session TimeZone is UTC.",
    howToFix:
      "Keep the column `timestamptz`; if a local time is really wanted, add a separate column and keep the zone (or the instant) beside it.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "alter-column-type" || change.type.name !== "timestamp") continue;
      if (change.previousType?.name !== "timestamptz") continue;
      report({
        message: `Changing ${change.tableDisplayName}.${change.column} from ${change.previousType.text} to ${change.type.text} drops the time zone: stored instants become wall-clock readings.`,
        location: change.location,
        fix: `Keep ${change.column} as timestamptz.`,
        related: previousDeclaration(change),
      });
    }
  },
};
