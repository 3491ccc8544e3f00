import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { review } from "../../../src/review/review.js";
import { ruleCatalog } from "../../../src/review/rule-catalog.js";
import { editFixture, expectedError, ruleTester } from "../rule-tester.js";

const SPEC_PATH = "test/fixtures/cross/shop-spec.yaml";
const SPEC = readFileSync(SPEC_PATH, "utf8");
const ORDERING_SQL = "db/ordering/schema.sql";
const IDENTITY_SQL = "db/identity/schema.sql";
const BASE_FILES: Readonly<Record<string, string>> = {
  [ORDERING_SQL]: readFileSync("test/fixtures/cross/shop-ordering.sql", "utf8"),
  [IDENTITY_SQL]: readFileSync("test/fixtures/cross/shop-identity.sql", "utf8"),
};

const ORDERING_API = `openapi: 3.1.0
info: {title: ordering, version: "1"}
paths:
  /v1/orders:
    post: {operationId: createOrder, responses: {"201": {description: ok}}}
  /v1/orders/{orderId}:
    get: {operationId: getOrder, responses: {"200": {description: ok}}}
  /v1/payments:
    post: {operationId: createPayment, responses: {"201": {description: ok}}}
`;
const IDENTITY_API = `openapi: 3.1.0
info: {title: identity, version: "1"}
paths:
  /v1/customers:
    post: {operationId: createCustomer, responses: {"201": {description: ok}}}
`;

interface Case {
  readonly name: string;
  readonly rule: string;
  /** Exact [before, after] replacements in the spec. */
  readonly spec?: readonly (readonly [string, string])[];
  /** Files added to or replacing the two base databases. */
  readonly files?: Readonly<Record<string, string>>;
  readonly expected: readonly string[];
}

const cases: readonly Case[] = [
  // foreign-key-across-services
  { name: "ids across services without constraints", rule: "foreign-key-across-services", expected: [] },
  {
    name: "a foreign key to another service's table",
    rule: "foreign-key-across-services",
    files: {
      [ORDERING_SQL]: `CREATE TABLE customers (id uuid PRIMARY KEY);
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL,
  CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id) REFERENCES customers (id)
);`,
    },
    expected: [
      `${ORDERING_SQL}:5:3 Foreign key from orders (Order, service ordering) to customers (Customer, service identity) crosses a service boundary.`,
    ],
  },
  {
    name: "a foreign key within one service",
    rule: "foreign-key-across-services",
    files: {
      [ORDERING_SQL]: `CREATE TABLE orders (id uuid PRIMARY KEY);
CREATE TABLE order_notes (id uuid PRIMARY KEY, order_id uuid REFERENCES orders (id));`,
    },
    expected: [],
  },

  // entity-written-by-several-services
  {
    name: "each database holds its own service's tables",
    rule: "entity-written-by-several-services",
    expected: [],
  },
  {
    name: "another service's table in a service's database",
    rule: "entity-written-by-several-services",
    files: { [ORDERING_SQL]: `${BASE_FILES[ORDERING_SQL]}CREATE TABLE payments (id uuid PRIMARY KEY);\n` },
    expected: [
      `${ORDERING_SQL}:8:14 Table payments for Payment is in the ordering database (db/ordering), but the spec gives Payment to service payments.`,
    ],
  },
  {
    name: "a write operation on another service's resource",
    rule: "entity-written-by-several-services",
    files: { "openapi/ordering.yaml": ORDERING_API, "openapi/identity.yaml": IDENTITY_API },
    expected: [
      "openapi/ordering.yaml:9:5 POST /v1/payments in the ordering API writes Payment, which the spec gives to service payments.",
    ],
  },
  {
    name: "a single description may be a gateway and is not judged",
    rule: "entity-written-by-several-services",
    files: { "openapi/ordering.yaml": ORDERING_API },
    expected: [],
  },

  // synchronous-call-cycle
  { name: "calls in one direction", rule: "synchronous-call-cycle", expected: [] },
  {
    name: "two services reading each other synchronously",
    rule: "synchronous-call-cycle",
    spec: [
      [
        "  - name: Profile\n",
        "  - name: Customer orders\n    actor: customer\n    reads: [Order]\n    writes: [Customer]\n    peakRps: 5\n  - name: Profile\n",
      ],
    ],
    expected: [
      `${SPEC_PATH}:33:5 Services identity, ordering call each other synchronously in a cycle: identity → ordering ("Customer orders"); ordering → identity ("Place order").`,
    ],
  },
  {
    name: "a hot read served by a projection breaks the cycle",
    rule: "synchronous-call-cycle",
    spec: [
      [
        "  - name: Profile\n",
        "  - name: Customer orders\n    actor: customer\n    reads: [Order]\n    writes: [Customer]\n    peakRps: 150\n  - name: Profile\n",
      ],
    ],
    expected: [],
  },

  // multi-service-write-without-saga
  { name: "transactional multi-service write", rule: "multi-service-write-without-saga", expected: [] },
  {
    // Without SQL for payments there is no evidence against a saga, and the design plans one anyway.
    name: "not marked transactional and no SQL for the answering service",
    rule: "multi-service-write-without-saga",
    spec: [["    transactional: true\n", ""]],
    expected: [],
  },
  {
    name: "the answering service's database has no outbox",
    rule: "multi-service-write-without-saga",
    files: { "db/payments/schema.sql": "CREATE TABLE payments (id uuid PRIMARY KEY);\n" },
    expected: [
      `${SPEC_PATH}:38:5 Use case "Pay" writes data of services ordering, payments, but the payments database (db/payments) has no outbox table.`,
    ],
  },
  {
    name: "the answering service's database has an outbox",
    rule: "multi-service-write-without-saga",
    spec: [["    transactional: true\n", ""]],
    files: {
      "db/payments/schema.sql":
        "CREATE TABLE payments (id uuid PRIMARY KEY);\nCREATE TABLE outbox (id uuid PRIMARY KEY);\n",
    },
    expected: [],
  },

  // fan-out-exceeds-latency-budget
  { name: "two services within 200 ms", rule: "fan-out-exceeds-latency-budget", expected: [] },
  {
    name: "two services over a 90 ms target",
    rule: "fan-out-exceeds-latency-budget",
    spec: [["latencyP99Ms: 200", "latencyP99Ms: 90"]],
    expected: [
      // "Pay" writes Order too, but with no SQL of payments reviewed its write runs as the design's saga.
      `${SPEC_PATH}:33:5 Use case "Place order" is answered by ordering and calls identity in series: about 100 ms p99 at 50 ms per hop, over the 90 ms target.`,
    ],
  },
  {
    name: "a write in another service with no saga is a hop",
    rule: "fan-out-exceeds-latency-budget",
    spec: [["latencyP99Ms: 200", "latencyP99Ms: 90"]],
    files: { "db/payments/schema.sql": "CREATE TABLE payments (id uuid PRIMARY KEY);\n" },
    expected: [
      `${SPEC_PATH}:33:5 Use case "Place order" is answered by ordering and calls identity in series: about 100 ms p99 at 50 ms per hop, over the 90 ms target.`,
      `${SPEC_PATH}:38:5 Use case "Pay" is answered by payments and calls ordering in series: about 100 ms p99 at 50 ms per hop, over the 90 ms target.`,
    ],
  },
  {
    name: "a read from a local projection is no hop",
    rule: "fan-out-exceeds-latency-budget",
    spec: [["latencyP99Ms: 200", "latencyP99Ms: 90"]],
    files: {
      [ORDERING_SQL]: `${BASE_FILES[ORDERING_SQL]}CREATE TABLE customers_projection (id uuid PRIMARY KEY);\n`,
    },
    expected: [],
  },

  // large-table-without-partitioning
  { name: "the growing table is partitioned", rule: "large-table-without-partitioning", expected: [] },
  {
    name: "the growing table is a plain heap",
    rule: "large-table-without-partitioning",
    files: {
      [ORDERING_SQL]: BASE_FILES[ORDERING_SQL]?.replace(" PARTITION BY RANGE (created_at)", "") ?? "",
    },
    expected: [
      `${ORDERING_SQL}:1:14 Table orders (Order) passes 100M rows in month 33 of 60 (182,625,000 rows at retention) and is not partitioned.`,
    ],
  },
  {
    name: "slow growth needs no partitions",
    rule: "large-table-without-partitioning",
    spec: [["perActiveUserPerDay: 1 }", "perActiveUserPerDay: 0.1 }"]],
    files: {
      [ORDERING_SQL]: BASE_FILES[ORDERING_SQL]?.replace(" PARTITION BY RANGE (created_at)", "") ?? "",
    },
    expected: [],
  },
];

/** Every case of one rule through the one rule tester: the spec with the case's edits and the databases and descriptions it names. */
function inputsOf(c: Case) {
  const files = Object.entries({ ...BASE_FILES, ...c.files }).map(([path, text]) => ({ path, text }));
  return {
    name: c.name,
    spec: { path: SPEC_PATH, text: editFixture(SPEC, c.spec) },
    openapi: files.filter((file) => !file.path.endsWith(".sql")),
    sql: files.filter((file) => file.path.endsWith(".sql")),
  };
}
for (const id of [...new Set(cases.map((c) => c.rule))]) {
  const ofRule = cases.filter((c) => c.rule === id);
  const entry = ruleCatalog.find((e) => e.rule.meta.id === id);
  assert.ok(entry, `unknown rule ${id}`);
  ruleTester(entry.rule, {
    valid: ofRule.filter((c) => c.expected.length === 0).map(inputsOf),
    invalid: ofRule
      .filter((c) => c.expected.length > 0)
      .map((c) => ({ ...inputsOf(c), errors: c.expected.map(expectedError) })),
  });
}

test("architecture rules run only with a spec, given as a Model or a path", async () => {
  const inputs = [{ path: ORDERING_SQL, text: "CREATE TABLE orders (id uuid PRIMARY KEY);\n" }];
  const without = await review(inputs);
  assert.equal(
    without.rules.some((r) => r.area === "architecture"),
    false,
  );
  const byPath = await review(inputs, {
    spec: SPEC_PATH,
    readFile: (path) => (path === SPEC_PATH ? SPEC : readFileSync(path, "utf8")),
  });
  assert.deepEqual(
    byPath.findings.filter((f) => f.area === "architecture").map((f) => f.ruleId),
    ["large-table-without-partitioning"],
  );
  assert.equal(byPath.sources.get(SPEC_PATH), SPEC);
});

test("a broken spec is a located input error", async () => {
  await assert.rejects(
    review([{ path: ORDERING_SQL, text: "CREATE TABLE t (id int);" }], {
      spec: "bad.yaml",
      readFile: () => "archwright: 1\nsystem: [\n",
    }),
    (error: Error & { diagnostics?: { location: { file: string } }[] }) => {
      assert.equal(error.name, "InputError");
      assert.equal(error.diagnostics?.[0]?.location.file, "bad.yaml");
      return true;
    },
  );
});
