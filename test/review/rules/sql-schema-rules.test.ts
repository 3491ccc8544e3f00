import { readFileSync } from "node:fs";
import { constraintNeverValidated } from "../../../src/review/rules/schema/constraint-never-validated.js";
import { duplicateIndex } from "../../../src/review/rules/schema/duplicate-index.js";
import { entityAttributeValueTable } from "../../../src/review/rules/schema/entity-attribute-value-table.js";
import { fixedLengthCharColumn } from "../../../src/review/rules/schema/fixed-length-char-column.js";
import { floatForMoneyAmount } from "../../../src/review/rules/schema/float-for-money-amount.js";
import { foreignKeyTypeMismatch } from "../../../src/review/rules/schema/foreign-key-type-mismatch.js";
import { foreignKeyWithoutIndex } from "../../../src/review/rules/schema/foreign-key-without-index.js";
import { foreignKeyWithoutOnDelete } from "../../../src/review/rules/schema/foreign-key-without-on-delete.js";
import { integerPrimaryKey } from "../../../src/review/rules/schema/integer-primary-key.js";
import { jsonInsteadOfJsonb } from "../../../src/review/rules/schema/json-instead-of-jsonb.js";
import { moneyColumn } from "../../../src/review/rules/schema/money-column.js";
import { multiValuedColumn } from "../../../src/review/rules/schema/multi-valued-column.js";
import { nullableColumnInUniqueConstraint } from "../../../src/review/rules/schema/nullable-column-in-unique-constraint.js";
import { preferIdentityOverSerial } from "../../../src/review/rules/schema/prefer-identity-over-serial.js";
import { redundantIndex } from "../../../src/review/rules/schema/redundant-index.js";
import { tableWithoutPrimaryKey } from "../../../src/review/rules/schema/table-without-primary-key.js";
import { timestampWithoutTimeZone } from "../../../src/review/rules/schema/timestamp-without-time-zone.js";
import { MAX_INDEXES_PER_TABLE, tooManyIndexes } from "../../../src/review/rules/schema/too-many-indexes.js";
import { varcharLengthLimit } from "../../../src/review/rules/schema/varchar-length-limit.js";
import { ruleTester } from "../rule-tester.js";

const PARENT = "CREATE TABLE parent (id bigint PRIMARY KEY);\n";

/** Trimmed from the openstreetmap dump; see the fixture's header. */
const OSM_DUMP = readFileSync(new URL("../../fixtures/sql/osm-dump-excerpt.sql", import.meta.url), "utf8");
/** Trimmed from synapse's headerless pg_dump; see the fixture's header. */
const SYNAPSE_DUMP = readFileSync(
  new URL("../../fixtures/sql/synapse-headerless-excerpt.sql", import.meta.url),
  "utf8",
);

ruleTester(tableWithoutPrimaryKey, {
  valid: [
    { name: "inline primary key", sql: "CREATE TABLE t (id bigint PRIMARY KEY);" },
    {
      name: "primary key added later",
      sql: "CREATE TABLE t (id bigint);\nALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id);",
    },
    {
      name: "partition of a keyed parent",
      sql: "CREATE TABLE p (id bigint, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');",
    },
    {
      // Trimmed from lago (../shared/corpus/sql/lago-api-structure.sql, line 1952): pg_partman's
      // template for the partitions of enriched_events holds no rows.
      name: "lago: a pg_partman template table",
      sql: "CREATE SCHEMA partman;\nCREATE TABLE partman.template_public_enriched_events (\n    id uuid DEFAULT gen_random_uuid() NOT NULL,\n    organization_id uuid NOT NULL,\n    timestamp timestamp without time zone NOT NULL\n);",
    },
  ],
  invalid: [
    {
      name: "no key",
      sql: "CREATE TABLE log (msg text);",
      errors: [{ message: "Table log has no primary key.", line: 1, column: 14 }],
    },
    {
      name: "unique index is not a primary key",
      sql: "CREATE TABLE billing.t (a int);\nCREATE UNIQUE INDEX t_a ON billing.t (a);",
      errors: [
        {
          message:
            "Table billing.t has no primary key (it has a unique index, which is not the same: no replica identity and columns may be null).",
          line: 1,
          column: 14,
        },
      ],
    },
  ],
});

ruleTester(foreignKeyWithoutIndex, {
  valid: [
    {
      name: "single-column index",
      sql: `${PARENT}CREATE TABLE c (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent);\nCREATE INDEX ON c (parent_id);`,
    },
    {
      name: "multi-column index leading with the key",
      sql: `${PARENT}CREATE TABLE c (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent, at date);\nCREATE INDEX c_p_at ON c (parent_id, at);`,
    },
    {
      name: "primary key leading with the key",
      sql: `${PARENT}CREATE TABLE c (parent_id bigint REFERENCES parent, n int, PRIMARY KEY (parent_id, n));`,
    },
    {
      name: "composite key columns in another order",
      sql: "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));\nCREATE TABLE c (a int, b int, x int, PRIMARY KEY (b, a, x), FOREIGN KEY (a, b) REFERENCES p);",
    },
  ],
  invalid: [
    {
      name: "no index",
      sql: `${PARENT}CREATE TABLE c (\n  id bigint PRIMARY KEY,\n  parent_id bigint CONSTRAINT c_parent_fk REFERENCES parent\n);`,
      errors: [
        {
          message: "Foreign key c_parent_fk on c(parent_id) has no index that starts with its columns.",
          line: 4,
          column: 20,
        },
      ],
    },
    {
      name: "index with the key second, and a partial index",
      sql: `${PARENT}CREATE TABLE c (id bigint PRIMARY KEY, at date, parent_id bigint);\nALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (parent_id) REFERENCES parent(id);\nCREATE INDEX ON c (at, parent_id);\nCREATE INDEX ON c (parent_id) WHERE at > '2020-01-01';`,
      errors: [
        {
          message: "Foreign key c_fk on c(parent_id) has no index that starts with its columns.",
          line: 3,
          column: 19,
        },
      ],
    },
  ],
});

ruleTester(foreignKeyTypeMismatch, {
  valid: [
    {
      name: "same type",
      sql: `${PARENT}CREATE TABLE c (id bigint PRIMARY KEY, parent_id int8 REFERENCES parent(id));`,
    },
    {
      name: "serial and integer",
      sql: "CREATE TABLE p (id serial PRIMARY KEY);\nCREATE TABLE c (p_id integer REFERENCES p);",
    },
    {
      name: "varchar and text",
      sql: "CREATE TABLE p (code text PRIMARY KEY);\nCREATE TABLE c (code varchar(10) REFERENCES p);",
    },
  ],
  invalid: [
    {
      name: "integer to bigint",
      sql: `${PARENT}CREATE TABLE c (\n  parent_id integer REFERENCES parent\n);`,
      errors: [
        {
          message: "Column c.parent_id is integer but references parent.id, which is bigint.",
          line: 3,
          column: 3,
        },
      ],
    },
    {
      name: "through a domain",
      sql: "CREATE DOMAIN code AS char(3);\nCREATE TABLE p (code text PRIMARY KEY);\nCREATE TABLE c (code code, FOREIGN KEY (code) REFERENCES p (code));",
      errors: [
        { message: "Column c.code is char(3) but references p.code, which is text.", line: 3, column: 17 },
      ],
    },
  ],
});

ruleTester(foreignKeyWithoutOnDelete, {
  valid: [
    // pg_dump omits ON DELETE NO ACTION: a dump's keys say nothing about a missing decision.
    { name: "openstreetmap dump", sql: [{ path: "structure.sql", text: OSM_DUMP }] },
    { name: "synapse dump without its header", sql: [{ path: "full.sql.postgres", text: SYNAPSE_DUMP }] },
    { name: "cascade", sql: `${PARENT}CREATE TABLE c (p bigint REFERENCES parent ON DELETE CASCADE);` },
    {
      name: "explicit no action",
      sql: `${PARENT}CREATE TABLE c (p bigint REFERENCES parent ON UPDATE CASCADE ON DELETE NO ACTION);`,
    },
  ],
  invalid: [
    {
      name: "default action",
      sql: `${PARENT}CREATE TABLE c (p bigint, q bigint REFERENCES parent ON DELETE SET NULL, CONSTRAINT c_p FOREIGN KEY (p) REFERENCES parent);`,
      errors: [{ message: "Foreign key c_p from c to parent has no ON DELETE action.", line: 2, column: 74 }],
    },
  ],
});

ruleTester(duplicateIndex, {
  valid: [
    { name: "different columns", sql: "CREATE TABLE t (a int PRIMARY KEY, b int);\nCREATE INDEX ON t (b);" },
    {
      name: "different predicate",
      sql: "CREATE TABLE t (a int, b int);\nCREATE INDEX i1 ON t (b);\nCREATE INDEX i2 ON t (b) WHERE a > 0;",
    },
    {
      name: "different method",
      sql: "CREATE TABLE t (a int, b int[]);\nCREATE INDEX i1 ON t (b);\nCREATE INDEX i2 ON t USING gin (b);",
    },
  ],
  invalid: [
    {
      name: "plain index copying the primary key",
      sql: "CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX t_id ON t (id);",
      errors: [{ message: "Index t_id (id) on t duplicates primary key (id).", line: 2, column: 1 }],
    },
    {
      name: "two alike indexes",
      sql: "CREATE TABLE t (a int, b int);\nCREATE INDEX i1 ON t (lower(a::text), b);\nCREATE INDEX i2 ON t (lower(a::text), b);",
      errors: [
        {
          message: "Index i2 ((expression), b) on t duplicates index i1 ((expression), b).",
          line: 3,
          column: 1,
        },
      ],
    },
  ],
});

ruleTester(redundantIndex, {
  valid: [
    {
      name: "unique prefix enforces something",
      sql: "CREATE TABLE t (a int, b int);\nCREATE UNIQUE INDEX i1 ON t (a);\nCREATE INDEX i2 ON t (a, b);",
    },
    {
      name: "not a prefix",
      sql: "CREATE TABLE t (a int, b int);\nCREATE INDEX i1 ON t (b);\nCREATE INDEX i2 ON t (a, b);",
    },
    {
      name: "gin index",
      sql: "CREATE TABLE t (a int[], b int);\nCREATE INDEX i1 ON t USING gin (a);\nCREATE INDEX i2 ON t (a, b);",
    },
  ],
  invalid: [
    {
      name: "prefix of a composite primary key",
      sql: "CREATE TABLE t (a int, b int, PRIMARY KEY (a, b));\nCREATE INDEX t_a ON t (a);",
      errors: [
        {
          message: "Index t_a (a) on t is a prefix of primary key (a, b) and is redundant.",
          line: 2,
          column: 1,
        },
      ],
    },
  ],
});

const manyIndexes = (n: number) =>
  `CREATE TABLE wide (${Array.from({ length: n }, (_, i) => `c${i} int`).join(", ")});\n${Array.from(
    { length: n },
    (_, i) => `CREATE INDEX ON wide (c${i});`,
  ).join("\n")}`;
ruleTester(tooManyIndexes, {
  valid: [{ name: "at the threshold", sql: manyIndexes(MAX_INDEXES_PER_TABLE) }],
  invalid: [
    {
      name: "past the threshold",
      sql: manyIndexes(MAX_INDEXES_PER_TABLE + 1),
      errors: [
        {
          message: `Table wide has ${MAX_INDEXES_PER_TABLE + 1} indexes (more than ${MAX_INDEXES_PER_TABLE}); each one adds work to every write.`,
          line: 1,
          column: 14,
        },
      ],
    },
  ],
});

ruleTester(nullableColumnInUniqueConstraint, {
  valid: [
    { name: "single nullable column", sql: "CREATE TABLE t (email text UNIQUE);" },
    { name: "not null columns", sql: "CREATE TABLE t (a int NOT NULL, b int NOT NULL, UNIQUE (a, b));" },
    {
      name: "nulls not distinct",
      sql: "CREATE TABLE t (a int NOT NULL, b int, UNIQUE NULLS NOT DISTINCT (a, b));",
    },
    {
      name: "partial index",
      sql: "CREATE TABLE t (a int NOT NULL, b int);\nCREATE UNIQUE INDEX ON t (a, b) WHERE b IS NOT NULL;",
    },
    {
      // Shape of lago's index_memberships_by_id_and_organization (../shared/corpus/sql/lago-api-structure.sql,
      // line 9729), with organization_id nullable: the primary key among the keys keeps it unique anyway.
      name: "lago: the primary key is among the keys",
      sql: "CREATE TABLE public.memberships (\n    id uuid DEFAULT gen_random_uuid() NOT NULL,\n    organization_id uuid\n);\nALTER TABLE ONLY public.memberships ADD CONSTRAINT memberships_pkey PRIMARY KEY (id);\nCREATE UNIQUE INDEX index_memberships_by_id_and_organization ON public.memberships USING btree (id, organization_id);",
    },
  ],
  invalid: [
    {
      name: "nullable second column",
      sql: "CREATE TABLE t (a int NOT NULL, b int, CONSTRAINT t_ab UNIQUE (a, b));",
      errors: [
        {
          message:
            "Unique constraint t_ab (a, b) on t includes nullable b, so rows with NULL there are never duplicates.",
          line: 1,
          column: 40,
        },
      ],
    },
  ],
});

ruleTester(constraintNeverValidated, {
  valid: [
    {
      name: "validated later",
      sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT t_a CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT t_a;",
    },
    {
      name: "in a migration, validation comes later",
      sql: [
        { path: "0001_init.sql", text: "CREATE TABLE t (a int);" },
        { path: "0002_check.sql", text: "ALTER TABLE t ADD CONSTRAINT t_a CHECK (a > 0) NOT VALID;" },
      ],
    },
  ],
  invalid: [
    {
      name: "never validated",
      sql: "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT t_a CHECK (a > 0) NOT VALID;",
      errors: [{ message: "Constraint t_a on t is NOT VALID and never validated.", line: 2, column: 19 }],
    },
  ],
});

ruleTester(integerPrimaryKey, {
  valid: [
    { name: "bigint identity", sql: "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);" },
    { name: "natural integer key", sql: "CREATE TABLE t (code integer PRIMARY KEY);" },
  ],
  invalid: [
    {
      name: "serial key",
      sql: "CREATE TABLE t (\n  id serial PRIMARY KEY\n);",
      errors: [
        {
          message: "Primary key t.id is a generated 4-byte integer (limit 2,147,483,647).",
          line: 2,
          column: 3,
        },
      ],
    },
  ],
});

ruleTester(preferIdentityOverSerial, {
  valid: [{ name: "identity", sql: "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY);" }],
  invalid: [
    {
      name: "bigserial and the dump form",
      sql: "CREATE TABLE t (id bigserial, n integer NOT NULL);\nALTER TABLE ONLY t ALTER COLUMN n SET DEFAULT nextval('t_n_seq'::regclass);",
      errors: [
        { message: "Column t.id is bigserial; prefer an identity column.", line: 1, column: 17 },
        {
          message:
            "Column t.n takes its default from a sequence (nextval('t_n_seq'::regclass)); prefer an identity column.",
          line: 1,
          column: 31,
        },
      ],
    },
  ],
});

ruleTester(timestampWithoutTimeZone, {
  valid: [{ name: "timestamptz", sql: "CREATE TABLE t (at timestamptz, b timestamp with time zone);" }],
  invalid: [
    {
      name: "timestamp and a timestamp domain",
      sql: "CREATE DOMAIN moment AS timestamp(3);\nCREATE TABLE t (at timestamp without time zone, m moment);",
      errors: [
        { message: "Column t.at is timestamp without time zone.", line: 2, column: 17 },
        { message: "Column t.m is timestamp without time zone.", line: 2, column: 49 },
      ],
    },
    {
      name: "openstreetmap dump: one finding that counts them",
      sql: [{ path: "structure.sql", text: OSM_DUMP }],
      errors: [
        {
          message:
            "4 columns are timestamp without time zone in this dump: users.creation_time, changesets.created_at, changesets.closed_at and 1 more.",
          line: 11,
          column: 5,
        },
      ],
    },
  ],
});

ruleTester(fixedLengthCharColumn, {
  valid: [{ name: "text and varchar", sql: 'CREATE TABLE t (a text, b varchar(2), c "char");' }],
  invalid: [
    {
      name: "char(2)",
      sql: "CREATE TABLE t (country character(2));",
      errors: [{ message: "Column t.country is char(2), which pads with spaces.", line: 1, column: 17 }],
    },
  ],
});

ruleTester(moneyColumn, {
  valid: [{ name: "numeric", sql: "CREATE TABLE t (price numeric(12,2));" }],
  invalid: [
    {
      name: "money",
      sql: "CREATE TABLE t (price money);",
      errors: [{ message: "Column t.price uses the money type.", line: 1, column: 17 }],
    },
  ],
});

ruleTester(floatForMoneyAmount, {
  valid: [
    { name: "numeric amount", sql: "CREATE TABLE t (amount numeric);" },
    { name: "float rate", sql: "CREATE TABLE t (tax_rate double precision, latitude float8);" },
    // Northwind (../shared/corpus/sql/northwind-schema-only.sql): a discount that is a fraction.
    {
      name: "a bare discount is a fraction as often as an amount",
      sql: "CREATE TABLE order_details (discount real NOT NULL);",
    },
  ],
  invalid: [
    {
      name: "a discount amount in floating point",
      sql: "CREATE TABLE t (discount_amount real);",
      errors: [
        {
          message: "Column t.discount_amount holds an amount in floating point (real).",
          line: 1,
          column: 17,
        },
      ],
    },
    {
      name: "float total",
      sql: "CREATE TABLE t (id int, order_total real);",
      errors: [
        { message: "Column t.order_total holds an amount in floating point (real).", line: 1, column: 25 },
      ],
    },
  ],
});

ruleTester(jsonInsteadOfJsonb, {
  valid: [{ name: "jsonb", sql: "CREATE TABLE t (doc jsonb);" }],
  invalid: [
    {
      name: "json",
      sql: "CREATE TABLE t (doc json);",
      errors: [{ message: "Column t.doc is json; use jsonb.", line: 1, column: 17 }],
    },
  ],
});

ruleTester(varcharLengthLimit, {
  valid: [{ name: "unbounded varchar", sql: "CREATE TABLE t (a varchar, b text);" }],
  invalid: [
    {
      name: "varchar(255)",
      sql: "CREATE TABLE t (name character varying(255));",
      errors: [
        {
          message: "Column t.name is varchar(255); text with a CHECK on its length is more flexible.",
          line: 1,
          column: 17,
        },
      ],
    },
  ],
});

ruleTester(entityAttributeValueTable, {
  valid: [
    {
      name: "settings table without an entity",
      sql: "CREATE TABLE settings (key text PRIMARY KEY, value text);",
    },
    { name: "typed value", sql: "CREATE TABLE m (entity_id bigint, attribute text, value integer);" },
    {
      // Trimmed from lago (../shared/corpus/sql/lago-api-structure.sql, line 4773): the key/value pairs
      // of a billable metric are a dimension other tables point at, not attributes of an entity.
      name: "lago: a dimension table referenced by charges",
      sql: "CREATE TABLE public.groups (\n    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,\n    billable_metric_id uuid NOT NULL,\n    parent_group_id uuid REFERENCES public.groups(id),\n    key character varying NOT NULL,\n    value character varying NOT NULL\n);\nCREATE TABLE public.group_properties (\n    id uuid PRIMARY KEY,\n    group_id uuid NOT NULL REFERENCES public.groups(id),\n    values jsonb NOT NULL\n);",
    },
  ],
  invalid: [
    {
      name: "entity, attribute, value",
      sql: "CREATE TABLE product_attributes (product_id bigint, attribute_name text, value text);",
      errors: [
        {
          message:
            "Table product_attributes looks like entity-attribute-value storage (product_id, attribute_name, value).",
          line: 1,
          column: 14,
        },
      ],
    },
    {
      // Trimmed from lago (../shared/corpus/sql/lago-api-structure.sql, line 2630): free-form customer
      // metadata no other table references.
      name: "lago: customer metadata",
      sql: "CREATE TABLE public.customer_metadata (\n    id uuid DEFAULT gen_random_uuid() NOT NULL,\n    customer_id uuid NOT NULL,\n    key character varying NOT NULL,\n    value character varying NOT NULL\n);",
      errors: [
        {
          message:
            "Table customer_metadata looks like entity-attribute-value storage (customer_id, key, value).",
          line: 1,
          column: 14,
        },
      ],
    },
  ],
});

ruleTester(multiValuedColumn, {
  valid: [
    {
      name: "array of tags and free-text notes",
      sql: "CREATE TABLE t (tags text[], notes text, line1 text, line2 text);",
    },
    { name: "numbered columns of different types", sql: "CREATE TABLE t (a1 int, a2 text, a3 int);" },
  ],
  invalid: [
    {
      name: "list in a string",
      sql: "CREATE TABLE t (tags varchar(200), member_ids text);",
      errors: [
        {
          message:
            "Column t.tags is a varchar(200) named like a list; a delimited list in a string cannot be indexed or constrained.",
          line: 1,
          column: 17,
        },
        {
          message:
            "Column t.member_ids is a text named like a list; a delimited list in a string cannot be indexed or constrained.",
          line: 1,
          column: 36,
        },
      ],
    },
    {
      name: "numbered columns",
      sql: "CREATE TABLE contact (id int, phone1 text, phone2 text, phone3 text);",
      errors: [
        { message: "Table contact repeats numbered columns phone1, phone2, phone3.", line: 1, column: 31 },
      ],
    },
  ],
});
