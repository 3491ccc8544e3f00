import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { designSystem } from "../../../src/design/design-system.js";
import type { Finding } from "../../../src/review/finding.js";
import { review } from "../../../src/review/review.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { EDGE_CASES, TENANT_UNASSIGNED } from "../../fixtures/spec-shapes.js";

/*
 * archwright's own design output, reviewed together with the spec it came from, must pass every
 * cross-artifact and architecture rule, including partitioning of tables that pass 100M rows.
 */

const EXAMPLES = ["b2b-saas", "e-commerce", "social-sharing", "edge-cases", "tenant-unassigned"] as const;
const SHAPES: Readonly<Record<string, string>> = {
  "edge-cases": EDGE_CASES,
  "tenant-unassigned": TENANT_UNASSIGNED,
};

async function reviewDesign(
  example: string,
  change: (path: string, text: string) => string = (_, text) => text,
): Promise<Finding[]> {
  const specPath = SHAPES[example] === undefined ? `examples/${example}/archwright.yaml` : `${example}.yaml`;
  const spec = parseSpec(SHAPES[example] ?? readFileSync(specPath, "utf8"), specPath);
  const design = designSystem(spec, { svg: false });
  const inputs = [...design.files]
    .filter(([path]) => /^openapi\/.*\.yaml$/.test(path) || /\.up\.sql$/.test(path))
    .map(([path, text]) => ({ path, text: change(path, text) }));
  const result = await review(inputs, { spec });
  return result.findings.filter((f) => f.area === "cross-artifact" || f.area === "architecture");
}

/** 1-based line of the first line containing `needle`, so expectations follow edits to the example. */
function lineOf(path: string, needle: string): number {
  return (
    readFileSync(path, "utf8")
      .split("\n")
      .findIndex((l) => l.includes(needle)) + 1
  );
}

function describe(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line} ${f.message}`);
}

for (const example of EXAMPLES) {
  test(`${example}: the design and its spec agree on every cross-artifact and architecture rule`, async () => {
    const findings = await reviewDesign(example);
    assert.deepEqual(describe(findings), []);
  });
}

test("the rules see the design: a large table emitted without partitions is reported", async () => {
  const unpartitioned = await reviewDesign("social-sharing", (path, text) =>
    path === "db/content/migrations/0001_init.up.sql"
      ? text
          .replace(") PARTITION BY HASH (id);", ");")
          .replace(/CREATE TABLE posts_p\d+ PARTITION OF[^\n]*\n/g, "")
      : text,
  );
  assert.deepEqual(
    unpartitioned.map((f) => `${f.ruleId} ${f.location.file}`),
    ["large-table-without-partitioning db/content/migrations/0001_init.up.sql"],
  );
});

test("the rules see the design: removing a keyset index or the outbox is reported", async () => {
  const withoutIndex = await reviewDesign("e-commerce", (path, text) =>
    path === "db/ordering/migrations/0001_init.up.sql"
      ? text.replace(/CREATE INDEX orders_customer_id_created_at_id_idx[^\n]*\n/, "")
      : text,
  );
  // The customer filter is still served by the unique (customer_id, "order") constraint's index;
  // the keyset sort by created_at has nothing behind it.
  assert.deepEqual(
    withoutIndex.map((f) => `${f.ruleId} ${f.location.file}`),
    ["list-parameter-without-index openapi/ordering.yaml"],
  );
  assert.match(withoutIndex[0]?.message ?? "", /GET \/v1\/orders sorts by orders\.created_at/);

  const withoutOutbox = await reviewDesign("e-commerce", (path, text) =>
    path === "db/ordering/migrations/0001_init.up.sql"
      ? text.replace(/CREATE TABLE outbox \(/, "CREATE TABLE event_log (")
      : text,
  );
  assert.deepEqual(describe(withoutOutbox), [
    `multi-service-write-without-saga examples/e-commerce/archwright.yaml:${lineOf("examples/e-commerce/archwright.yaml", "- name: Check out")} Use case "Check out" writes data of services inventory, ordering, payments, but the ordering database (db/ordering/migrations) has no outbox table.`,
  ]);
});
