import assert from "node:assert/strict";
import { test } from "node:test";
import { addColumnWithVolatileDefault } from "../../../src/review/rules/migration/add-column-with-volatile-default.js";
import { addRequiredColumnWithoutDefault } from "../../../src/review/rules/migration/add-required-column-without-default.js";
import { columnTypeChange } from "../../../src/review/rules/migration/column-type-change.js";
import { concurrentIndexInTransaction } from "../../../src/review/rules/migration/concurrent-index-in-transaction.js";
import { constraintWithoutNotValid } from "../../../src/review/rules/migration/constraint-without-not-valid.js";
import { createIndexWithoutConcurrently } from "../../../src/review/rules/migration/create-index-without-concurrently.js";
import { ddlWithoutLockTimeout } from "../../../src/review/rules/migration/ddl-without-lock-timeout.js";
import { ddlWithoutStatementTimeout } from "../../../src/review/rules/migration/ddl-without-statement-timeout.js";
import { dropColumn } from "../../../src/review/rules/migration/drop-column.js";
import { dropIndexWithoutConcurrently } from "../../../src/review/rules/migration/drop-index-without-concurrently.js";
import { dropTable } from "../../../src/review/rules/migration/drop-table.js";
import { renameColumn } from "../../../src/review/rules/migration/rename-column.js";
import { renameTable } from "../../../src/review/rules/migration/rename-table.js";
import { setDefaultNotNull } from "../../../src/review/rules/migration/set-default-not-null.js";
import { setNotNullOnExistingColumn } from "../../../src/review/rules/migration/set-not-null-on-existing-column.js";
import { timeZoneDropped } from "../../../src/review/rules/migration/time-zone-dropped.js";
import { uniqueConstraintWithoutIndex } from "../../../src/review/rules/migration/unique-constraint-without-index.js";
import { ruleReports, ruleTester } from "../rule-tester.js";

/** A schema built by a first migration, then the migration under review, as a migration tool runs them. */
const migrate = (change: string) => [
  {
    path: "db/migrations/0001_init.sql",
    text: "CREATE TABLE users (id bigint PRIMARY KEY, email text, age int, name varchar(50));\n",
  },
  { path: "db/migrations/0002_change.sql", text: change },
];

/**
 * A base schema (a pg_dump, as in the corpus: ../shared/corpus/sql/pagila-schema.sql declares
 * `last_update timestamp with time zone`) and an upgrade that turns timestamptz columns into
 * timestamp, the shape of a real upgrade that did so to 81 columns.
 */
const upgrade = (change: string) => [
  {
    path: "schema.sql",
    text: "CREATE TABLE public.rental (\n    rental_id integer NOT NULL,\n    rental_date timestamp with time zone NOT NULL,\n    last_update timestamp with time zone DEFAULT now() NOT NULL,\n    staff_id integer\n);\n",
  },
  { path: "db/migrations/0042_upgrade.sql", text: change },
];

ruleTester(createIndexWithoutConcurrently, {
  valid: [
    { name: "concurrently", sql: migrate("CREATE INDEX CONCURRENTLY users_email ON users (email);") },
    {
      name: "table created in the same file",
      sql: "CREATE TABLE t (a int);\nCREATE INDEX ON t (a);\nALTER TABLE other ADD COLUMN x int;",
    },
    {
      name: "schema build across files (not a migration)",
      sql: [
        { path: "tables.sql", text: "CREATE TABLE t (a int);" },
        { path: "indexes.sql", text: "CREATE INDEX ON t (a);" },
      ],
    },
    {
      name: "pg_dump output",
      sql: "-- PostgreSQL database dump\nCREATE INDEX users_email ON public.users (email);",
    },
  ],
  invalid: [
    {
      name: "plain create index",
      sql: migrate("SET lock_timeout = '2s';\nCREATE UNIQUE INDEX users_email ON users (email);"),
      errors: [
        {
          message:
            "CREATE UNIQUE INDEX users_email on existing table users without CONCURRENTLY blocks writes while it builds.",
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: "table the input never created",
      sql: "  -- add an index\n  CREATE INDEX ON accounts (owner_id);",
      errors: [
        {
          message:
            "CREATE INDEX on existing table accounts without CONCURRENTLY blocks writes while it builds.",
          line: 2,
          column: 3,
        },
      ],
    },
  ],
});

ruleTester(dropIndexWithoutConcurrently, {
  valid: [{ name: "concurrently", sql: migrate("DROP INDEX CONCURRENTLY users_email;") }],
  invalid: [
    {
      name: "plain drop of an index the input knows",
      sql: [
        ...migrate("CREATE INDEX CONCURRENTLY users_email ON users (email);"),
        { path: "db/migrations/0003_drop.sql", text: "DROP INDEX users_email;" },
      ],
      errors: [
        {
          message: "DROP INDEX users_email without CONCURRENTLY locks users against reads and writes.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleTester(concurrentIndexInTransaction, {
  valid: [
    {
      name: "outside a transaction",
      sql: migrate(
        "BEGIN;\nALTER TABLE users ADD COLUMN x int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY ON users (x);",
      ),
    },
  ],
  invalid: [
    {
      name: "inside BEGIN",
      sql: migrate("BEGIN;\nCREATE INDEX CONCURRENTLY ON users (email);\nCOMMIT;"),
      errors: [
        { message: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block.", line: 2, column: 1 },
      ],
    },
  ],
});

ruleTester(constraintWithoutNotValid, {
  valid: [
    { name: "not valid", sql: migrate("ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0) NOT VALID;") },
    {
      name: "new table",
      sql: migrate("CREATE TABLE t (u bigint);\nALTER TABLE t ADD FOREIGN KEY (u) REFERENCES users;"),
    },
  ],
  invalid: [
    {
      name: "foreign key and check",
      sql: migrate(
        "ALTER TABLE users\n  ADD CONSTRAINT age_ok CHECK (age > 0),\n  ADD COLUMN boss bigint,\n  ADD CONSTRAINT boss_fk FOREIGN KEY (boss) REFERENCES users (id);",
      ),
      errors: [
        {
          message:
            "Adding CHECK age_ok to existing table users without NOT VALID scans the table while blocking writes.",
          line: 2,
          column: 7,
        },
        {
          message:
            "Adding foreign key boss_fk to existing table users without NOT VALID scans the table while blocking writes.",
          line: 4,
          column: 7,
        },
      ],
    },
  ],
});

ruleTester(uniqueConstraintWithoutIndex, {
  valid: [
    {
      name: "using index",
      sql: migrate("ALTER TABLE users ADD CONSTRAINT users_email UNIQUE USING INDEX users_email_idx;"),
    },
  ],
  invalid: [
    {
      name: "unique constraint",
      sql: migrate("ALTER TABLE users ADD CONSTRAINT users_email UNIQUE (email);"),
      errors: [
        {
          message: "Adding UNIQUE (email) to existing table users builds its index under an exclusive lock.",
          line: 1,
          column: 23,
        },
      ],
    },
  ],
});

ruleTester(setNotNullOnExistingColumn, {
  valid: [
    {
      name: "proved by a validated check",
      sql: migrate(
        "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      ),
    },
  ],
  invalid: [
    {
      name: "set not null",
      sql: migrate("ALTER TABLE users\n  ALTER COLUMN email SET NOT NULL;"),
      errors: [
        {
          message: "SET NOT NULL on users.email scans the table under an exclusive lock.",
          line: 2,
          column: 3,
        },
      ],
    },
  ],
});

ruleTester(addRequiredColumnWithoutDefault, {
  valid: [
    {
      name: "with a default",
      sql: migrate("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;"),
    },
    { name: "nullable", sql: migrate("ALTER TABLE users ADD COLUMN nick text;") },
  ],
  invalid: [
    {
      name: "required without default",
      sql: migrate("ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;"),
      errors: [
        {
          message: "Adding NOT NULL column users.tenant_id without a default fails if the table has rows.",
          line: 1,
          column: 30,
        },
      ],
    },
  ],
});

ruleTester(addColumnWithVolatileDefault, {
  valid: [
    {
      name: "now() is stable",
      sql: migrate("ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();"),
    },
    { name: "constant", sql: migrate("ALTER TABLE users ADD COLUMN n int DEFAULT 0;") },
  ],
  invalid: [
    {
      name: "gen_random_uuid and bigserial",
      sql: migrate(
        "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\nALTER TABLE users ADD COLUMN seq bigserial;",
      ),
      errors: [
        {
          message:
            "Adding users.token rewrites the whole table under an exclusive lock: its default calls gen_random_uuid().",
          line: 1,
          column: 30,
        },
        {
          message:
            "Adding users.seq rewrites the whole table under an exclusive lock: it is bigserial, which fills every row from a sequence.",
          line: 2,
          column: 30,
        },
      ],
    },
  ],
});

ruleTester(columnTypeChange, {
  valid: [
    { name: "widening varchar", sql: migrate("ALTER TABLE users ALTER COLUMN name TYPE varchar(100);") },
    { name: "varchar to text", sql: migrate("ALTER TABLE users ALTER COLUMN name TYPE text;") },
  ],
  invalid: [
    {
      name: "int to bigint",
      sql: migrate("ALTER TABLE users ALTER COLUMN age TYPE bigint;"),
      errors: [
        {
          message:
            "Changing users.age from integer to bigint can rewrite the table under an exclusive lock and break clients.",
          line: 1,
          column: 32,
        },
      ],
    },
  ],
});

ruleTester(renameColumn, {
  valid: [
    {
      name: "rename on a new table",
      sql: migrate("CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;"),
    },
  ],
  invalid: [
    {
      name: "rename",
      sql: migrate("ALTER TABLE users RENAME COLUMN email TO email_address;"),
      errors: [
        {
          message: "Renaming users.email to email_address breaks clients that still use the old name.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleTester(renameTable, {
  valid: [
    { name: "rename a new table", sql: migrate("CREATE TABLE t (a int);\nALTER TABLE t RENAME TO u;") },
  ],
  invalid: [
    {
      name: "rename",
      sql: migrate("ALTER TABLE users RENAME TO accounts;"),
      errors: [
        {
          message: "Renaming table users to accounts breaks clients that still use the old name.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleTester(dropColumn, {
  valid: [{ name: "schema file", sql: "CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;" }],
  invalid: [
    {
      name: "drop",
      sql: migrate("ALTER TABLE users DROP COLUMN age;"),
      errors: [
        {
          message: "Dropping users.age breaks clients that still use it and loses its data.",
          line: 1,
          column: 19,
        },
      ],
    },
  ],
});

ruleTester(dropTable, {
  valid: [{ name: "drop a table created here", sql: migrate("CREATE TABLE tmp (a int);\nDROP TABLE tmp;") }],
  invalid: [
    {
      name: "drop",
      sql: migrate("DROP TABLE IF EXISTS users;"),
      errors: [
        {
          message: "Dropping table users breaks clients that still use it and loses its data.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleTester(ddlWithoutLockTimeout, {
  valid: [
    {
      name: "timeout set first",
      sql: migrate("SET lock_timeout TO '2s';\nALTER TABLE users ADD COLUMN x int;"),
    },
    { name: "only concurrent index builds", sql: migrate("CREATE INDEX CONCURRENTLY ON users (email);") },
  ],
  invalid: [
    {
      name: "no timeout, reported once",
      sql: migrate("ALTER TABLE users ADD COLUMN x int;\nALTER TABLE users ADD COLUMN y int;"),
      errors: [
        {
          message:
            "This migration locks users without a lock_timeout; if the lock is not granted at once, all traffic on the table queues behind it.",
          line: 1,
          column: 30,
        },
      ],
    },
    {
      // SET DEFAULT takes ACCESS EXCLUSIVE too: the finding belongs at it, not at a later ALTER.
      name: "SET DEFAULT is the first lock",
      sql: upgrade(
        "ALTER TABLE rental ALTER COLUMN staff_id SET DEFAULT 1;\n\nALTER TABLE rental ADD COLUMN note text;",
      ),
      errors: [
        {
          message:
            "This migration locks rental without a lock_timeout; if the lock is not granted at once, all traffic on the table queues behind it.",
          line: 1,
          column: 20,
        },
      ],
    },
    {
      name: "timeout switched off again",
      sql: migrate("SET lock_timeout = '1s';\nRESET lock_timeout;\nDROP TABLE users;"),
      errors: [
        {
          message:
            "This migration locks users without a lock_timeout; if the lock is not granted at once, all traffic on the table queues behind it.",
          line: 3,
          column: 1,
        },
      ],
    },
  ],
});

ruleTester(timeZoneDropped, {
  valid: [
    {
      name: "timestamp to timestamptz gains the zone",
      sql: migrate(
        "ALTER TABLE users ADD COLUMN at timestamp;\nALTER TABLE users ALTER COLUMN at TYPE timestamptz;",
      ),
    },
    { name: "another type change", sql: upgrade("ALTER TABLE rental ALTER COLUMN staff_id TYPE bigint;") },
  ],
  invalid: [
    {
      name: "pagila-like upgrade: each column reported",
      sql: upgrade(
        "ALTER TABLE rental ALTER COLUMN rental_date TYPE timestamp without time zone;\nALTER TABLE rental ALTER COLUMN last_update TYPE timestamp;",
      ),
      errors: [
        {
          message:
            "Changing rental.rental_date from timestamptz to timestamp drops the time zone: stored instants become wall-clock readings.",
          line: 1,
          column: 33,
        },
        {
          message:
            "Changing rental.last_update from timestamptz to timestamp drops the time zone: stored instants become wall-clock readings.",
          line: 2,
          column: 33,
        },
      ],
    },
  ],
});

test("a type change names the base file's declaration and line", () => {
  const [finding] = ruleReports(timeZoneDropped, {
    sql: upgrade("ALTER TABLE rental ALTER COLUMN rental_date TYPE timestamp;"),
  });
  assert.deepEqual(
    finding?.related?.map((r) => [r.message, r.location.file, r.location.line, r.location.column]),
    [["rental.rental_date is declared timestamptz here", "schema.sql", 3, 5]],
  );
  const [other] = ruleReports(columnTypeChange, {
    sql: upgrade("ALTER TABLE rental ALTER COLUMN staff_id TYPE bigint;"),
  });
  assert.equal(other?.message.includes("from integer to bigint"), true);
  assert.deepEqual(
    other?.related?.map((r) => [r.location.file, r.location.line]),
    [["schema.sql", 5]],
  );
});

test("timestamptz to timestamp is reported once, by time-zone-dropped", () => {
  assert.deepEqual(
    ruleReports(columnTypeChange, {
      sql: upgrade("ALTER TABLE rental ALTER COLUMN rental_date TYPE timestamp;"),
    }),
    [],
  );
});

ruleTester(setDefaultNotNull, {
  valid: [
    { name: "SET NOT NULL", sql: migrate("ALTER TABLE users ALTER COLUMN email SET NOT NULL;") },
    { name: "a real default", sql: migrate("ALTER TABLE users ALTER COLUMN age SET DEFAULT 0;") },
  ],
  invalid: [
    {
      name: "SET DEFAULT NOT NULL",
      sql: upgrade("ALTER TABLE rental ALTER COLUMN staff_id SET DEFAULT NOT NULL;"),
      errors: [
        {
          message:
            "SET DEFAULT NOT NULL on rental.staff_id sets the default to NULL and adds no constraint; SET NOT NULL was surely meant.",
          line: 1,
          column: 20,
        },
      ],
    },
  ],
});

ruleTester(ddlWithoutStatementTimeout, {
  valid: [
    {
      name: "timeout set first",
      sql: migrate("SET statement_timeout = '5min';\nALTER TABLE users ADD COLUMN x int;"),
    },
    { name: "only concurrent index builds", sql: migrate("CREATE INDEX CONCURRENTLY ON users (email);") },
  ],
  invalid: [
    {
      name: "no timeout, reported once",
      sql: migrate(
        "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN x int;\nALTER TABLE users ADD COLUMN y int;",
      ),
      errors: [
        {
          message:
            "This migration changes users without a statement_timeout; a slow statement holds its lock, and the table, until it ends.",
          line: 2,
          column: 30,
        },
      ],
    },
  ],
});
