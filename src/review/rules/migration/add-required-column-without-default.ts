import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

const SERIALS = new Set(["smallserial", "serial", "bigserial"]);

export const addRequiredColumnWithoutDefault: Rule<SqlReviewContext> = {
  meta: {
    id: "add-required-column-without-default",
    area: "migration",
    defaultSeverity: "error",
    description: "A migration adds a NOT NULL column without a default to an existing table.",
    rationale:
      "Existing rows would get NULL in the new column, so the ALTER fails on any table that has rows: the migration passes on an empty development database and breaks in production.",
    howToFix:
      "Add the column nullable (or with a constant DEFAULT, instant since PostgreSQL 11), backfill in batches, then enforce NOT NULL through a validated CHECK.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "add-column") continue;
      const c = change.column;
      if (
        !c.notNull ||
        c.default !== undefined ||
        c.identity !== undefined ||
        c.generated ||
        SERIALS.has(c.type.name)
      ) {
        continue;
      }
      report({
        message: `Adding NOT NULL column ${change.tableDisplayName}.${c.name} without a default fails if the table has rows.`,
        location: change.location,
        fix: `Add ${c.name} nullable or with a DEFAULT, backfill, then enforce NOT NULL.`,
      });
    }
  },
};
