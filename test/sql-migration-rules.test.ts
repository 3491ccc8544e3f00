import { addColumnWithVolatileDefault } from "../src/review/rules/migration/add-column-with-volatile-default.js";
import { addRequiredColumnWithoutDefault } from "../src/review/rules/migration/add-required-column-without-default.js";
import { columnTypeChange } from "../src/review/rules/migration/column-type-change.js";
import { concurrentIndexInTransaction } from "../src/review/rules/migration/concurrent-index-in-transaction.js";
import { constraintWithoutNotValid } from "../src/review/rules/migration/constraint-without-not-valid.js";
import { createIndexWithoutConcurrently } from "../src/review/rules/migration/create-index-without-concurrently.js";
import { ddlWithoutLockTimeout } from "../src/review/rules/migration/ddl-without-lock-timeout.js";
import { dropColumn } from "../src/review/rules/migration/drop-column.js";
import { dropIndexWithoutConcurrently } from "../src/review/rules/migration/drop-index-without-concurrently.js";
import { dropTable } from "../src/review/rules/migration/drop-table.js";
import { renameColumn } from "../src/review/rules/migration/rename-column.js";
import { renameTable } from "../src/review/rules/migration/rename-table.js";
import { setNotNullOnExistingColumn } from "../src/review/rules/migration/set-not-null-on-existing-column.js";
import { uniqueConstraintWithoutIndex } from "../src/review/rules/migration/unique-constraint-without-index.js";
import { ruleCases } from "./sql-rule-harness.js";

/** A schema built by a first migration, then the migration under review, as a migration tool runs them. */
const migrate = (change: string) => [
  {
    path: "db/migrations/0001_init.sql",
    text: "CREATE TABLE users (id bigint PRIMARY KEY, email text, age int, name varchar(50));\n",
  },
  { path: "db/migrations/0002_change.sql", text: change },
];

ruleCases(createIndexWithoutConcurrently, {
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
      findings: [
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
      findings: [
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

ruleCases(dropIndexWithoutConcurrently, {
  valid: [{ name: "concurrently", sql: migrate("DROP INDEX CONCURRENTLY users_email;") }],
  invalid: [
    {
      name: "plain drop of an index the input knows",
      sql: [
        ...migrate("CREATE INDEX CONCURRENTLY users_email ON users (email);"),
        { path: "db/migrations/0003_drop.sql", text: "DROP INDEX users_email;" },
      ],
      findings: [
        {
          message: "DROP INDEX users_email without CONCURRENTLY locks users against reads and writes.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleCases(concurrentIndexInTransaction, {
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
      findings: [
        { message: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block.", line: 2, column: 1 },
      ],
    },
  ],
});

ruleCases(constraintWithoutNotValid, {
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
      findings: [
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

ruleCases(uniqueConstraintWithoutIndex, {
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
      findings: [
        {
          message: "Adding UNIQUE (email) to existing table users builds its index under an exclusive lock.",
          line: 1,
          column: 23,
        },
      ],
    },
  ],
});

ruleCases(setNotNullOnExistingColumn, {
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
      findings: [
        {
          message: "SET NOT NULL on users.email scans the table under an exclusive lock.",
          line: 2,
          column: 3,
        },
      ],
    },
  ],
});

ruleCases(addRequiredColumnWithoutDefault, {
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
      findings: [
        {
          message: "Adding NOT NULL column users.tenant_id without a default fails if the table has rows.",
          line: 1,
          column: 30,
        },
      ],
    },
  ],
});

ruleCases(addColumnWithVolatileDefault, {
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
      findings: [
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

ruleCases(columnTypeChange, {
  valid: [
    { name: "widening varchar", sql: migrate("ALTER TABLE users ALTER COLUMN name TYPE varchar(100);") },
    { name: "varchar to text", sql: migrate("ALTER TABLE users ALTER COLUMN name TYPE text;") },
  ],
  invalid: [
    {
      name: "int to bigint",
      sql: migrate("ALTER TABLE users ALTER COLUMN age TYPE bigint;"),
      findings: [
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

ruleCases(renameColumn, {
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
      findings: [
        {
          message: "Renaming users.email to email_address breaks clients that still use the old name.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleCases(renameTable, {
  valid: [
    { name: "rename a new table", sql: migrate("CREATE TABLE t (a int);\nALTER TABLE t RENAME TO u;") },
  ],
  invalid: [
    {
      name: "rename",
      sql: migrate("ALTER TABLE users RENAME TO accounts;"),
      findings: [
        {
          message: "Renaming table users to accounts breaks clients that still use the old name.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleCases(dropColumn, {
  valid: [{ name: "schema file", sql: "CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;" }],
  invalid: [
    {
      name: "drop",
      sql: migrate("ALTER TABLE users DROP COLUMN age;"),
      findings: [
        {
          message: "Dropping users.age breaks clients that still use it and loses its data.",
          line: 1,
          column: 19,
        },
      ],
    },
  ],
});

ruleCases(dropTable, {
  valid: [{ name: "drop a table created here", sql: migrate("CREATE TABLE tmp (a int);\nDROP TABLE tmp;") }],
  invalid: [
    {
      name: "drop",
      sql: migrate("DROP TABLE IF EXISTS users;"),
      findings: [
        {
          message: "Dropping table users breaks clients that still use it and loses its data.",
          line: 1,
          column: 1,
        },
      ],
    },
  ],
});

ruleCases(ddlWithoutLockTimeout, {
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
      findings: [
        {
          message:
            "This migration locks users without a lock_timeout; if the lock is not granted at once, all traffic on the table queues behind it.",
          line: 1,
          column: 30,
        },
      ],
    },
    {
      name: "timeout switched off again",
      sql: migrate("SET lock_timeout = '1s';\nRESET lock_timeout;\nDROP TABLE users;"),
      findings: [
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
