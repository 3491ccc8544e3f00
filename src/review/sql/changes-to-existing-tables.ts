import type { SqlChange, SqlReviewContext } from "../../import/sql/sql-review-context.js";

/**
 * Changes made by migration files to tables that already existed when the file ran: those are
 * the tables that may hold data and serve traffic. A table created earlier in the same file is
 * empty and invisible to other sessions, so anything done to it is safe.
 */
export function changesToExistingTables(context: SqlReviewContext): readonly SqlChange[] {
  return context.changes.filter((change) => change.inMigration && !change.tableIsNew);
}

/** `users` or `the table` when the change names an index whose table the input never showed. */
export function tableName(change: SqlChange): string {
  return change.tableDisplayName === "" ? "its table" : change.tableDisplayName;
}
