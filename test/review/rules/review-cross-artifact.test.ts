import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { review } from "../../../src/review/review.js";
import { ruleCatalog } from "../../../src/review/rule-catalog.js";
import { editFixture, expectedError, ruleTester } from "../rule-tester.js";

const API_PATH = "test/fixtures/cross/orders-api.yaml";
const SQL_PATH = "test/fixtures/cross/orders-schema.sql";
const API = readFileSync(API_PATH, "utf8");
const SQL = readFileSync(SQL_PATH, "utf8");

interface Case {
  readonly name: string;
  readonly rule: string;
  /** Edits to the fixtures, each an exact [before, after] replacement that must apply. */
  readonly api?: readonly (readonly [string, string])[];
  readonly sql?: readonly (readonly [string, string])[];
  /** Expected findings of `rule`: file:line:column and message. Empty for a valid case. */
  readonly expected: readonly string[];
}

const cases: readonly Case[] = [
  // list-parameter-without-index
  { name: "filters and keyset sort served by indexes", rule: "list-parameter-without-index", expected: [] },
  {
    name: "filter with no index",
    rule: "list-parameter-without-index",
    sql: [["CREATE INDEX orders_status_idx ON orders (status);", ""]],
    expected: [`${API_PATH}:9:11 GET /v1/orders filters by orders.status, but no index of orders serves it.`],
  },
  {
    name: "filter that is only the second key of an index led by a non-filter column",
    rule: "list-parameter-without-index",
    sql: [["ON orders (status);", "ON orders (created_at, status);"]],
    expected: [`${API_PATH}:9:11 GET /v1/orders filters by orders.status, but no index of orders serves it.`],
  },
  {
    name: "filter behind a leading tenant column counts as served",
    rule: "list-parameter-without-index",
    sql: [
      ["  customer_id uuid NOT NULL,", "  customer_id uuid NOT NULL,\n  organization_id uuid NOT NULL,"],
      ["ON orders (status);", "ON orders (organization_id, status);"],
    ],
    expected: [],
  },
  {
    name: "filter behind another filter of the same endpoint counts as served",
    rule: "list-parameter-without-index",
    sql: [["ON orders (status);", "ON orders (customer_id, status);"]],
    expected: [],
  },
  {
    name: "sort column that no index has after the endpoint's filters",
    rule: "list-parameter-without-index",
    sql: [["ON orders (customer_id, created_at DESC, id DESC);", "ON orders (customer_id);"]],
    expected: [
      `${API_PATH}:10:11 GET /v1/orders sorts by orders.created_at, but no index of orders serves it.`,
    ],
  },
  {
    name: "named cursor parameter without an index",
    rule: "list-parameter-without-index",
    api: [
      [
        "- {name: limit,",
        "- {name: after_created_at, in: query, schema: {type: string}}\n        - {name: limit,",
      ],
    ],
    sql: [["ON orders (customer_id, created_at DESC, id DESC);", "ON orders (customer_id);"]],
    expected: [
      `${API_PATH}:10:11 GET /v1/orders sorts by orders.created_at, but no index of orders serves it.`,
      `${API_PATH}:13:11 GET /v1/orders pages by orders.created_at, but no index of orders serves it.`,
    ],
  },
  {
    name: "a partial index does not serve every query",
    rule: "list-parameter-without-index",
    sql: [["ON orders (status);", "ON orders (status) WHERE total > 0;"]],
    expected: [`${API_PATH}:9:11 GET /v1/orders filters by orders.status, but no index of orders serves it.`],
  },
  {
    name: "a path that names two tables (in two schemas) is not matched",
    rule: "list-parameter-without-index",
    sql: [
      [
        "CREATE INDEX orders_status_idx ON orders (status);",
        "CREATE SCHEMA archive;\nCREATE TABLE archive.orders (id uuid PRIMARY KEY);",
      ],
    ],
    expected: [],
  },

  // property-column-type-mismatch
  { name: "types, formats and lengths agree", rule: "property-column-type-mismatch", expected: [] },
  {
    name: "maxLength above a CHECK on char_length",
    rule: "property-column-type-mismatch",
    sql: [["char_length(note) <= 200", "char_length(note) <= 120"]],
    expected: [
      `${API_PATH}:53:9 Property note allows 200 characters, but column orders.note has a CHECK allowing at most 120.`,
      `${API_PATH}:64:9 Property note allows 200 characters, but column orders.note has a CHECK allowing at most 120.`,
    ],
  },
  {
    name: "maxLength above varchar(n)",
    rule: "property-column-type-mismatch",
    sql: [
      ["  note text NOT NULL DEFAULT '',", "  note varchar(100) NOT NULL DEFAULT '',"],
      [
        "  CONSTRAINT orders_note_length_check CHECK (char_length(note) <= 200)",
        "  CONSTRAINT orders_total_check CHECK (total >= 0)",
      ],
    ],
    expected: [
      `${API_PATH}:53:9 Property note allows 200 characters, but column orders.note is varchar(100), at most 100.`,
      `${API_PATH}:64:9 Property note allows 200 characters, but column orders.note is varchar(100), at most 100.`,
    ],
  },
  {
    name: "BETWEEN limit equal to maxLength is fine",
    rule: "property-column-type-mismatch",
    sql: [["char_length(note) <= 200", "char_length(note) BETWEEN 0 AND 200"]],
    expected: [],
  },
  {
    name: "uuid property over an integer column",
    rule: "property-column-type-mismatch",
    sql: [["  customer_id uuid NOT NULL,", "  customer_id bigint NOT NULL,"]],
    expected: [
      `${API_PATH}:51:9 Property customerId is a uuid, but column orders.customer_id is bigint.`,
      `${API_PATH}:62:9 Property customerId is a uuid, but column orders.customer_id is bigint.`,
    ],
  },
  {
    name: "integer property over a text column",
    rule: "property-column-type-mismatch",
    api: [
      [
        "        lineCount: {type: integer}",
        "        lineCount: {type: integer}\n        reference: {type: integer}",
      ],
    ],
    sql: [["  total numeric(12,2),", "  total numeric(12,2),\n  reference text,"]],
    expected: [`${API_PATH}:58:9 Property reference is an integer, but column orders.reference is text.`],
  },
  {
    name: "int64 property over an integer column",
    rule: "property-column-type-mismatch",
    api: [
      [
        "        lineCount: {type: integer}",
        "        lineCount: {type: integer}\n        position: {type: integer, format: int64}",
      ],
    ],
    sql: [["  total numeric(12,2),", "  total numeric(12,2),\n  position integer,"]],
    expected: [
      `${API_PATH}:58:9 Property position accepts values up to int64, but column orders.position is integer.`,
    ],
  },
  {
    name: "a decimal as a string over numeric is fine",
    rule: "property-column-type-mismatch",
    api: [
      [
        "        total: {type: string, format: decimal}",
        "        total: {type: string, format: decimal, maxLength: 20}",
      ],
    ],
    expected: [],
  },

  // property-nullability-mismatch
  { name: "required-ness agrees with NOT NULL", rule: "property-nullability-mismatch", expected: [] },
  {
    name: "required response property over a nullable column",
    rule: "property-nullability-mismatch",
    api: [
      [
        "required: [id, customerId, status, note, createdAt]",
        "required: [id, customerId, status, note, total, createdAt]",
      ],
    ],
    expected: [
      `${API_PATH}:54:9 Response property total is required and not nullable, but column orders.total allows NULL.`,
    ],
  },
  {
    name: "required but nullable response property is fine",
    rule: "property-nullability-mismatch",
    api: [
      [
        "required: [id, customerId, status, note, createdAt]",
        "required: [id, customerId, status, note, total, createdAt]",
      ],
      [
        "        total: {type: string, format: decimal}\n        createdAt",
        '        total: {type: [string, "null"], format: decimal}\n        createdAt',
      ],
    ],
    expected: [],
  },
  {
    name: "optional create property over NOT NULL without default",
    rule: "property-nullability-mismatch",
    api: [["required: [customerId, status]", "required: [status]"]],
    expected: [
      `${API_PATH}:62:9 Create property customerId is optional, but column orders.customer_id is NOT NULL with no default.`,
    ],
  },
  {
    name: "optional create property over NOT NULL with a default is fine",
    rule: "property-nullability-mismatch",
    api: [["required: [customerId, status]", "required: [customerId]"]],
    expected: [],
  },

  // response-property-without-column
  {
    name: "every scalar has a column; arrays and counts are derived",
    rule: "response-property-without-column",
    expected: [],
  },
  {
    name: "scalar with no column",
    rule: "response-property-without-column",
    api: [
      [
        "        lineCount: {type: integer}",
        "        lineCount: {type: integer}\n        discountLabel: {type: string}",
      ],
    ],
    expected: [
      `${API_PATH}:58:9 Response property discountLabel has no column in orders and no evident source.`,
    ],
  },
  {
    name: "an expanded reference backed by <name>_id is fine",
    rule: "response-property-without-column",
    api: [
      [
        "        lineCount: {type: integer}",
        "        lineCount: {type: integer}\n        customer: {type: string}",
      ],
    ],
    expected: [],
  },

  // create-property-without-column
  { name: "every create property has a column", rule: "create-property-without-column", expected: [] },
  {
    name: "a create property the table cannot keep",
    rule: "create-property-without-column",
    api: [
      [
        "        total: {type: string, format: decimal}\n    OrderPage:",
        "        total: {type: string, format: decimal}\n        giftMessage: {type: string, maxLength: 200}\n    OrderPage:",
      ],
    ],
    expected: [
      `${API_PATH}:66:9 Create property giftMessage has no column in orders: the value would be dropped.`,
    ],
  },

  // path-id-sequential-column
  { name: "uuid keys in paths", rule: "path-id-sequential-column", expected: [] },
  {
    name: "a text key whose default calls nextval is not a serial",
    rule: "path-id-sequential-column",
    sql: [
      [
        "  id uuid NOT NULL DEFAULT gen_random_uuid(),",
        "  id text NOT NULL DEFAULT 'ord_' || lpad(nextval('orders_seq')::text, 12, '0'),",
      ],
    ],
    expected: [],
  },
  {
    name: "identity key in the path",
    rule: "path-id-sequential-column",
    sql: [["  id uuid NOT NULL DEFAULT gen_random_uuid(),", "  id bigint GENERATED ALWAYS AS IDENTITY,"]],
    expected: [
      `${API_PATH}:35:9 Path parameter orderId of /v1/orders/{orderId} is orders.id, a bigint filled from a sequence; ids can be guessed and counted.`,
    ],
  },
  {
    name: "serial key in the path",
    rule: "path-id-sequential-column",
    sql: [["  id uuid NOT NULL DEFAULT gen_random_uuid(),", "  id serial,"]],
    expected: [
      `${API_PATH}:35:9 Path parameter orderId of /v1/orders/{orderId} is orders.id, a serial filled from a sequence; ids can be guessed and counted.`,
    ],
  },
  {
    name: "an integer key without a sequence is not sequential",
    rule: "path-id-sequential-column",
    sql: [["  id uuid NOT NULL DEFAULT gen_random_uuid(),", "  id bigint NOT NULL,"]],
    expected: [],
  },

  // enum-values-mismatch
  { name: "enum values agree with the enum type", rule: "enum-values-mismatch", expected: [] },
  {
    name: "API and enum type differ both ways",
    rule: "enum-values-mismatch",
    sql: [["('pending', 'paid', 'shipped')", "('pending', 'paid', 'refunded')"]],
    expected: [
      `${API_PATH}:52:32 Enum of status differs from column orders.status: the API allows "shipped" which enum type order_status rejects; enum type order_status allows "refunded" which the API does not list.`,
      `${API_PATH}:63:32 Enum of status differs from column orders.status: the API allows "shipped" which enum type order_status rejects; enum type order_status allows "refunded" which the API does not list.`,
    ],
  },
  {
    name: "API enum against a CHECK IN list",
    rule: "enum-values-mismatch",
    sql: [
      [
        "  status order_status NOT NULL DEFAULT 'pending',",
        "  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),",
      ],
    ],
    expected: [
      `${API_PATH}:52:32 Enum of status differs from column orders.status: the API allows "shipped" which its CHECK rejects.`,
      `${API_PATH}:63:32 Enum of status differs from column orders.status: the API allows "shipped" which its CHECK rejects.`,
    ],
  },
  {
    name: "pg_dump's = ANY (ARRAY[...]) form that agrees",
    rule: "enum-values-mismatch",
    sql: [
      [
        "  status order_status NOT NULL DEFAULT 'pending',",
        "  status text NOT NULL,\n  CONSTRAINT orders_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'paid'::text, 'shipped'::text]))),",
      ],
    ],
    expected: [],
  },
];

/** Every case of one rule through the one rule tester: the fixtures with the case's edits, findings as file:line:column. */
function inputsOf(c: Case) {
  return {
    name: c.name,
    openapi: { path: API_PATH, text: editFixture(API, c.api) },
    sql: [{ path: SQL_PATH, text: editFixture(SQL, c.sql) }],
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

test("cross-artifact rules run only when both an OpenAPI description and SQL are reviewed", async () => {
  const sql = SQL.replace("CREATE INDEX orders_status_idx ON orders (status);", "");
  const both = await review([
    { path: API_PATH, text: API },
    { path: SQL_PATH, text: sql },
  ]);
  assert.equal(both.findings.filter((f) => f.area === "cross-artifact").length, 1);
  assert.ok(both.rules.some((r) => r.id === "list-parameter-without-index"));
  const apiOnly = await review([{ path: API_PATH, text: API }]);
  assert.equal(
    apiOnly.rules.some((r) => r.area === "cross-artifact"),
    false,
  );
});

test("x-archwright-ignore suppresses a cross-artifact finding at the parameter", async () => {
  const sql = SQL.replace("CREATE INDEX orders_status_idx ON orders (status);", "");
  const api = API.replace(
    "- {name: status, in: query, schema: {type: string}}",
    "- {name: status, in: query, schema: {type: string}, x-archwright-ignore: [list-parameter-without-index]}",
  );
  const result = await review([
    { path: API_PATH, text: api },
    { path: SQL_PATH, text: sql },
  ]);
  assert.equal(result.findings.filter((f) => f.ruleId === "list-parameter-without-index").length, 0);
});

/**
 * The shape of PowerDNS's HTTP API and its generic schema (pdns `schema.pgsql.sql`): the API's
 * `Zone` resource lives in the `domains` table, which no name rule finds without an alias.
 */
const PDNS_API = `openapi: 3.0.3
info: {title: PowerDNS, version: "1"}
paths:
  /v1/zones/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Zone"}}}
components:
  schemas:
    Zone:
      type: object
      properties:
        name: {type: string, maxLength: 255}
        kind: {type: string, maxLength: 8}
`;
const PDNS_SQL = `CREATE TABLE domains (
  id SERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  type TEXT NOT NULL
);
`;

test("a configured alias maps a resource to a table named apart from it", async () => {
  const inputs = [
    { path: "pdns.yaml", text: PDNS_API },
    { path: "schema.pgsql.sql", text: PDNS_SQL },
  ];
  const without = await review(inputs);
  assert.deepEqual(
    without.findings.filter((f) => f.area === "cross-artifact").map((f) => f.ruleId),
    [],
  );
  const withAlias = await review(inputs, { tableAliases: { Zone: "domains" } });
  assert.deepEqual(
    withAlias.findings
      .filter((f) => f.area === "cross-artifact")
      .map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.message}`),
    [
      "path-id-sequential-column 7:11 Path parameter id of /v1/zones/{id} is domains.id, a serial filled from a sequence; ids can be guessed and counted.",
      "response-property-without-column 18:9 Response property kind has no column in domains and no evident source.",
    ],
  );
});

test("the review config reads aliases, and rejects a non-string table with its location", async () => {
  const { parseReviewConfig } = await import("../../../src/review/review-config.js");
  assert.deepEqual(parseReviewConfig("archwright.review.yaml", "aliases:\n  Zone: domains\n").aliases, {
    Zone: "domains",
  });
  assert.throws(
    () => parseReviewConfig("archwright.review.yaml", "aliases:\n  Zone: [domains]\n"),
    /archwright\.review\.yaml:2:9: aliases\.Zone/,
  );
});
