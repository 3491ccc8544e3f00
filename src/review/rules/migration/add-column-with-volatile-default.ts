import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

/**
 * Built-in functions marked VOLATILE in pg_proc that appear in defaults. now(), current_timestamp,
 * statement_timestamp() and friends are STABLE: PostgreSQL 11+ evaluates them once and stores the
 * value in the catalog, so they are not listed.
 */
const VOLATILE = new Set([
  "random",
  "random_normal",
  "gen_random_uuid",
  "uuidv4",
  "uuidv7",
  "uuid_generate_v1",
  "uuid_generate_v1mc",
  "uuid_generate_v4",
  "gen_random_bytes",
  "clock_timestamp",
  "timeofday",
  "nextval",
  "setseed",
]);
const SERIALS = new Set(["smallserial", "serial", "bigserial"]);

export const addColumnWithVolatileDefault: Rule<SqlReviewContext> = {
  meta: {
    id: "add-column-with-volatile-default",
    area: "migration",
    defaultSeverity: "warning",
    description:
      "A migration adds a column whose default is volatile (random(), gen_random_uuid(), clock_timestamp(), a sequence, an identity or a stored generated column) to an existing table.",
    rationale:
      "Since PostgreSQL 11 a column with a constant or STABLE default (including now()) is added instantly. A volatile default must be computed per row, so PostgreSQL rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock; the same holds for serial and identity columns and stored generated columns.",
    howToFix:
      "Add the column without a default (or with a constant one), set the volatile default with a separate ALTER COLUMN ... SET DEFAULT (applies to new rows only), and backfill existing rows in batches.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "add-column") continue;
      const c = change.column;
      const volatile = c.default?.functions.find((f) => VOLATILE.has(f));
      const why = volatile
        ? `its default calls ${volatile}()`
        : SERIALS.has(c.type.name)
          ? `it is ${c.type.text}, which fills every row from a sequence`
          : c.identity !== undefined
            ? "it is an identity column, which fills every row from a sequence"
            : c.generated
              ? "it is a stored generated column"
              : undefined;
      if (why === undefined) continue;
      report({
        message: `Adding ${change.tableDisplayName}.${c.name} rewrites the whole table under an exclusive lock: ${why}.`,
        location: change.location,
        fix: "Add the column without the volatile default, then SET DEFAULT and backfill in batches.",
      });
    }
  },
};
