import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";

export const setDefaultNotNull: Rule<SqlReviewContext> = {
  meta: {
    id: "set-default-not-null",
    area: "migration",
    defaultSeverity: "error",
    description:
      "`ALTER COLUMN ... SET DEFAULT NOT NULL` sets the default to NULL; `SET NOT NULL` was meant.",
    rationale:
      "PostgreSQL reads `NOT NULL` after `SET DEFAULT` as the expression NOT (NULL), which is NULL: the statement succeeds, the column stays nullable and its default is now NULL. The constraint the author wanted is silently missing.",
    howToFix:
      "Write `ALTER COLUMN ... SET NOT NULL` (after a NOT VALID check constraint on a large table), and `SET DEFAULT <value>` separately if a default was meant too.",
  },
  check(context, report) {
    // Wrong in any file, migration or schema build: the statement never does what it says.
    for (const change of context.changes) {
      if (change.kind !== "set-default" || !change.defaultIsNotNull) continue;
      report({
        message: `SET DEFAULT NOT NULL on ${change.tableDisplayName}.${change.column} sets the default to NULL and adds no constraint; SET NOT NULL was surely meant.`,
        location: change.location,
        fix: `Write ALTER COLUMN ${change.column} SET NOT NULL.`,
      });
    }
  },
};
