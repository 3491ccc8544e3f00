import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const setNotNullOnExistingColumn: Rule<SqlReviewContext> = {
  meta: {
    id: "set-not-null-on-existing-column",
    area: "migration",
    defaultSeverity: "warning",
    description:
      "A migration runs ALTER COLUMN ... SET NOT NULL on an existing table with no validated CHECK to prove it.",
    rationale:
      "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes. Since PostgreSQL 12 the scan is skipped when a validated `CHECK (col IS NOT NULL)` already exists, which can be added without blocking.",
    howToFix:
      "Add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it, then SET NOT NULL (now instant) and drop the CHECK.",
  },
  check(context, report) {
    const provenBy = validatedNotNullChecks(context);
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "set-not-null" || provenBy.has(`${change.table}.${change.column}`)) continue;
      report({
        message: `SET NOT NULL on ${change.tableDisplayName}.${change.column} scans the table under an exclusive lock.`,
        location: change.location,
        fix: `Validate a CHECK (${change.column} IS NOT NULL) first, then SET NOT NULL.`,
      });
    }
  },
};

/** `table.column` pairs that a CHECK (column IS NOT NULL) proves once validated. */
function validatedNotNullChecks(context: SqlReviewContext): Set<string> {
  const proven = new Set<string>();
  for (const change of context.changes) {
    if (change.kind !== "add-constraint" || change.constraint.kind !== "check") continue;
    const c = change.constraint;
    if (c.notValid && !c.validatedLater) continue;
    for (const match of c.text.matchAll(/"?([A-Za-z_][A-Za-z0-9_$]*)"?\s+IS\s+NOT\s+NULL/gi)) {
      if (match[1]) proven.add(`${change.table}.${match[1]}`);
    }
  }
  return proven;
}
