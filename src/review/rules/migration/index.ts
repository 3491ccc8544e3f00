import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { addColumnWithVolatileDefault } from "./add-column-with-volatile-default.js";
import { addRequiredColumnWithoutDefault } from "./add-required-column-without-default.js";
import { columnTypeChange } from "./column-type-change.js";
import { concurrentIndexInTransaction } from "./concurrent-index-in-transaction.js";
import { constraintWithoutNotValid } from "./constraint-without-not-valid.js";
import { createIndexWithoutConcurrently } from "./create-index-without-concurrently.js";
import { ddlWithoutLockTimeout } from "./ddl-without-lock-timeout.js";
import { ddlWithoutStatementTimeout } from "./ddl-without-statement-timeout.js";
import { dropColumn } from "./drop-column.js";
import { dropIndexWithoutConcurrently } from "./drop-index-without-concurrently.js";
import { dropTable } from "./drop-table.js";
import { renameColumn } from "./rename-column.js";
import { renameTable } from "./rename-table.js";
import { setDefaultNotNull } from "./set-default-not-null.js";
import { setNotNullOnExistingColumn } from "./set-not-null-on-existing-column.js";
import { timeZoneDropped } from "./time-zone-dropped.js";
import { uniqueConstraintWithoutIndex } from "./unique-constraint-without-index.js";

/**
 * Migration-safety rules. They look only at files judged to be migrations (see
 * src/import/sql/migration-heuristic.ts) and at tables that existed before the file ran.
 */
export const migrationRules: readonly Rule<SqlReviewContext>[] = Object.freeze([
  createIndexWithoutConcurrently,
  dropIndexWithoutConcurrently,
  concurrentIndexInTransaction,
  constraintWithoutNotValid,
  uniqueConstraintWithoutIndex,
  setNotNullOnExistingColumn,
  addRequiredColumnWithoutDefault,
  addColumnWithVolatileDefault,
  columnTypeChange,
  timeZoneDropped,
  setDefaultNotNull,
  renameColumn,
  renameTable,
  dropColumn,
  dropTable,
  ddlWithoutLockTimeout,
  ddlWithoutStatementTimeout,
]);
