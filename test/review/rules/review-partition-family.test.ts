/**
 * A partition is its partitioned table to the rules that read a schema beside an API or a spec:
 * its foreign keys and indexes count as the parent's. The layouts follow older PostgreSQL
 * schemas that declare keys and indexes on each partition by hand (as pg_partman's children and
 * Rails apps partitioned before PostgreSQL 11 do), trimmed to two monthly partitions.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { type ReviewInput, review } from "../../../src/review/review.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

const API_PATH = "test/fixtures/cross/orders-api.yaml";
const SQL_PATH = "test/fixtures/cross/orders-schema.sql";
const API = readFileSync(API_PATH, "utf8");
const SQL = readFileSync(SQL_PATH, "utf8");
const PARENT_INDEX =
  "CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at DESC, id DESC);\n";

/** The fixture's orders table, partitioned by month, with `perPartition` appended for each partition. */
function partitioned(perPartition: (partition: string) => string): string {
  assert.ok(SQL.includes(PARENT_INDEX));
  const base = SQL.replace(PARENT_INDEX, "")
    .replace(
      "CONSTRAINT orders_pkey PRIMARY KEY (id),",
      "CONSTRAINT orders_pkey PRIMARY KEY (id, created_at),",
    )
    .replace(
      "CHECK (char_length(note) <= 200)\n);",
      "CHECK (char_length(note) <= 200)\n) PARTITION BY RANGE (created_at);",
    );
  assert.notEqual(base, SQL);
  const partitions = ["2026_01", "2026_02"].map((month, i) => {
    const name = `orders_${month}`;
    return `CREATE TABLE ${name} PARTITION OF orders FOR VALUES FROM ('2026-0${i + 1}-01') TO ('2026-0${i + 2}-01');\n${perPartition(name)}`;
  });
  return `${base}${partitions.join("")}`;
}

async function listFindings(sql: string): Promise<string[]> {
  const result = await review([
    { path: API_PATH, text: API },
    { path: SQL_PATH, text: sql },
  ]);
  return result.findings.filter((f) => f.ruleId === "list-parameter-without-index").map((f) => f.message);
}

test("the fixture's list is served by the parent's index, and not without it", async () => {
  assert.deepEqual(await listFindings(SQL), []);
  const missing = await listFindings(SQL.replace(PARENT_INDEX, ""));
  assert.ok(missing.length > 0, "removing the index must leave the list unserved");
});

test("an index every partition has serves the list on the partitioned table", async () => {
  const sql = partitioned(
    (p) => `CREATE INDEX ${p}_customer_idx ON ${p} (customer_id, created_at DESC, id DESC);\n`,
  );
  assert.deepEqual(await listFindings(sql), []);
});

test("an index on only some partitions serves none of the others", async () => {
  const sql = partitioned((p) =>
    p === "orders_2026_01"
      ? `CREATE INDEX ${p}_customer_idx ON ${p} (customer_id, created_at DESC, id DESC);\n`
      : "",
  );
  const unserved = await listFindings(sql);
  assert.deepEqual(await listFindings(partitioned(() => "")), unserved);
  assert.ok(unserved.length > 0);
});

const SPEC_PATH = "test/fixtures/cross/shop-spec.yaml";
const ORDERING_SQL = "db/ordering/schema.sql";
const IDENTITY_SQL = "db/identity/schema.sql";

async function crossServiceKeys(ordering: string): Promise<string[]> {
  const inputs: ReviewInput[] = [
    { path: ORDERING_SQL, text: ordering },
    { path: IDENTITY_SQL, text: readFileSync("test/fixtures/cross/shop-identity.sql", "utf8") },
  ];
  const result = await review(inputs, { spec: parseSpec(readFileSync(SPEC_PATH, "utf8"), SPEC_PATH) });
  return result.findings
    .filter((f) => f.ruleId === "foreign-key-across-services")
    .map((f) => `${f.location.line}:${f.location.column} ${f.message}`);
}

const ORDERS = `CREATE TABLE customers (id uuid PRIMARY KEY);
CREATE TABLE orders (
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE orders_2026_01 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE orders_2026_02 PARTITION OF orders FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
`;

test("a foreign key declared on each partition is the partitioned table's, reported once", async () => {
  const keys = ["orders_2026_01", "orders_2026_02"]
    .map(
      (p) =>
        `ALTER TABLE ${p} ADD CONSTRAINT ${p}_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);\n`,
    )
    .join("");
  assert.deepEqual(await crossServiceKeys(`${ORDERS}${keys}`), [
    "10:32 Foreign key from partition orders_2026_01 of orders (Order, service ordering) to customers (Customer, service identity) crosses a service boundary.",
  ]);
});

test("a foreign key to a partition is a key to its partitioned table", async () => {
  const sql = `CREATE TABLE customers (id uuid PRIMARY KEY, last_order_id uuid, last_order_at timestamptz);
CREATE TABLE orders (id uuid NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
CREATE TABLE orders_2026_01 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
ALTER TABLE customers ADD CONSTRAINT customers_last_order_fkey FOREIGN KEY (last_order_id, last_order_at) REFERENCES orders_2026_01 (id, created_at);
`;
  assert.deepEqual(await crossServiceKeys(sql), [
    "4:27 Foreign key from customers (Customer, service identity) to partition orders_2026_01 of orders (Order, service ordering) crosses a service boundary.",
  ]);
});
