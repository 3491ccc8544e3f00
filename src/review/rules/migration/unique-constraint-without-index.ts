import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const uniqueConstraintWithoutIndex: Rule<SqlReviewContext> = {
  meta: {
    id: "unique-constraint-without-index",
    area: "migration",
    defaultSeverity: "warning",
    description:
      "A migration adds a PRIMARY KEY or UNIQUE constraint to an existing table without USING INDEX.",
    rationale:
      "The constraint builds its index while holding an ACCESS EXCLUSIVE lock, so the table is unreadable and unwritable for the whole build.",
    howToFix:
      "Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY`, then `ALTER TABLE ... ADD CONSTRAINT name PRIMARY KEY / UNIQUE USING INDEX index_name`, which is instant.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "add-constraint") continue;
      const c = change.constraint;
      if ((c.kind !== "primary-key" && c.kind !== "unique") || c.usingIndex !== undefined) continue;
      report({
        message: `Adding ${c.kind === "primary-key" ? "PRIMARY KEY" : "UNIQUE"} (${c.columns.join(", ")}) to existing table ${change.tableDisplayName} builds its index under an exclusive lock.`,
        location: change.location,
        fix: "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX.",
      });
    }
  },
};
