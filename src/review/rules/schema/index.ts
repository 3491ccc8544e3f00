import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { constraintNeverValidated } from "./constraint-never-validated.js";
import { duplicateIndex } from "./duplicate-index.js";
import { entityAttributeValueTable } from "./entity-attribute-value-table.js";
import { fixedLengthCharColumn } from "./fixed-length-char-column.js";
import { floatForMoneyAmount } from "./float-for-money-amount.js";
import { foreignKeyTypeMismatch } from "./foreign-key-type-mismatch.js";
import { foreignKeyWithoutIndex } from "./foreign-key-without-index.js";
import { foreignKeyWithoutOnDelete } from "./foreign-key-without-on-delete.js";
import { integerPrimaryKey } from "./integer-primary-key.js";
import { jsonInsteadOfJsonb } from "./json-instead-of-jsonb.js";
import { moneyColumn } from "./money-column.js";
import { multiValuedColumn } from "./multi-valued-column.js";
import { nullableColumnInUniqueConstraint } from "./nullable-column-in-unique-constraint.js";
import { preferIdentityOverSerial } from "./prefer-identity-over-serial.js";
import { redundantIndex } from "./redundant-index.js";
import { tableWithoutPrimaryKey } from "./table-without-primary-key.js";
import { timestampWithoutTimeZone } from "./timestamp-without-time-zone.js";
import { tooManyIndexes } from "./too-many-indexes.js";
import { varcharLengthLimit } from "./varchar-length-limit.js";

/** Schema and indexing rules over an imported PostgreSQL schema. */
export const schemaRules: readonly Rule<SqlReviewContext>[] = Object.freeze([
  tableWithoutPrimaryKey,
  foreignKeyWithoutIndex,
  foreignKeyTypeMismatch,
  foreignKeyWithoutOnDelete,
  duplicateIndex,
  redundantIndex,
  tooManyIndexes,
  nullableColumnInUniqueConstraint,
  constraintNeverValidated,
  integerPrimaryKey,
  preferIdentityOverSerial,
  timestampWithoutTimeZone,
  fixedLengthCharColumn,
  moneyColumn,
  floatForMoneyAmount,
  jsonInsteadOfJsonb,
  varcharLengthLimit,
  entityAttributeValueTable,
  multiValuedColumn,
]);
