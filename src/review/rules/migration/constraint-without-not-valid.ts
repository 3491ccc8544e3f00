import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const constraintWithoutNotValid: Rule<SqlReviewContext> = {
  meta: {
    id: "constraint-without-not-valid",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration adds a FOREIGN KEY or CHECK constraint to an existing table without NOT VALID.",
    rationale:
      "Adding a validated constraint scans the whole table while holding a lock that blocks writes (SHARE ROW EXCLUSIVE for a foreign key, on both tables; ACCESS EXCLUSIVE for a CHECK). NOT VALID adds it instantly for new rows, and a later VALIDATE CONSTRAINT checks old rows under a lock that lets reads and writes continue.",
    howToFix:
      "Add the constraint with NOT VALID, then run `ALTER TABLE ... VALIDATE CONSTRAINT name` in a separate transaction or migration.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "add-constraint") continue;
      const c = change.constraint;
      if ((c.kind !== "foreign-key" && c.kind !== "check") || c.notValid) continue;
      report({
        message:
          `Adding ${c.kind === "foreign-key" ? "foreign key" : "CHECK"} ${c.name ?? ""} to existing table ${change.tableDisplayName} without NOT VALID scans the table while blocking writes.`.replace(
            "  ",
            " ",
          ),
        location: change.location,
        fix: "Add it NOT VALID, then VALIDATE CONSTRAINT separately.",
      });
    }
  },
};
