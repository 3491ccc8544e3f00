import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { rps } from "../../../src/analyze/stack/number-text.js";
import { type DesignResult, designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import {
  ledgerSpec,
  MEMBERSHIP_SPEC,
  REDIRECT_SPEC,
  TELEMETRY_SPEC,
  TINY_SPEC,
} from "../../fixtures/data-rules/specs.js";
import { CLICKS_SPEC, catalogueSpec, RIDE_SPEC } from "../../fixtures/data-rules/store-specs.js";

interface Choice {
  concern: string;
  choice: string;
  rationale: string;
  alternativesConsidered: { name: string; whyNot: string }[];
  tradeOff: string;
}
const designs = new Map<string, DesignResult>();
function design(name: string, text: string): DesignResult {
  const made = designs.get(name) ?? designSystem(parseSpec(text, `${name}.yaml`), { svg: false });
  designs.set(name, made);
  return made;
}
function stack(name: string, text: string): Choice[] {
  return (JSON.parse(design(name, text).files.get("handoff.json") ?? "{}") as { technology: Choice[] })
    .technology;
}
const concern = (choices: Choice[], name: string) => choices.find((c) => c.concern === name);
/** The capacity table's writes/s for a table, as the stack must quote it. */
function tableWrites(name: string, table: string): string {
  const row = design(name, "").statements.capacity.current.tables.find((t) => t.table === table);
  assert.ok(row, table);
  return rps(row.writesPerSecond);
}

describe("store choice from access patterns", () => {
  it("a high-rate location stream gets Redis GEO, argued from the capacity table's write rate", () => {
    const ride = stack("ride", RIDE_SPEC);
    const geo = concern(ride, "Location store");
    assert.match(geo?.choice ?? "", /^Redis 7 GEO sets for the latest position per DriverLocation/);
    const writes = tableWrites("ride", "driver_locations");
    assert.ok(
      geo?.rationale.includes(`\`driver_locations\` takes ${writes} of position writes`),
      geo?.rationale,
    );
    assert.match(geo?.alternativesConsidered[0]?.whyNot ?? "", /^[\d,.]+ rps of updates is \d+x what one /);
    assert.equal(concern(ride, "Event log"), undefined, "latest values are not an append-only stream");
  });

  it("the saturated primary's advice names the same store as the stack, not a shard", () => {
    stack("ride", RIDE_SPEC);
    const top = design("ride", "").statements.capacity.bottlenecks[0];
    assert.equal(top?.kind, "postgres-primary");
    assert.match(
      top?.mitigation ?? "",
      /`driver_locations` takes [\d,.]+ writes\/s of latest values; keep only the latest value per key in memory \(Redis GEO/,
    );
  });

  it("ephemeral state at a high rate without a position gets a latest-value store with a TTL", () => {
    const presence = `archwright: 1
system: { name: Presence, description: Who is online }
scale: { users: 2000000, dailyActiveUsers: 500000, peakRequestsPerSecond: 9000 }
security: { roles: [member, admin] }
entities:
  Member:
    service: presence
    fields:
      handle: { type: string, max: 40 }
  Presence:
    service: presence
    ephemeral: true
    retention: 1d
    fields:
      member: { type: uuid, unique: true }
      status: { type: enum, values: [online, away] }
    growth: { rows: 500000 }
useCases:
  - name: Heartbeat
    actor: member
    update: { entity: Presence, fields: [status] }
    peakRps: 8000
  - name: Who is online
    actor: member
    list: Presence
    peakRps: 900
`;
    const latest = concern(stack("presence", presence), "Latest-value store");
    assert.match(
      latest?.choice ?? "",
      /^Redis 7 hashes for Presence, one key per row with a TTL of 1 day \(its retention\)$/,
    );
    assert.ok(
      latest?.rationale.includes(`written ${tableWrites("presence", "presences")}`),
      latest?.rationale,
    );
  });

  it("an append-only stream at a high rate gets a log loaded in batches", () => {
    const telemetry = stack("telemetry", TELEMETRY_SPEC);
    const log = concern(telemetry, "Event log");
    assert.match(log?.choice ?? "", /Kafka .* loaded into `readings` in batches \(COPY\)/);
    assert.ok(log?.rationale.includes(tableWrites("telemetry", "readings")));
    assert.match(
      concern(telemetry, "Messaging")?.rationale ?? "",
      /event log for Reading is an ingestion path/,
    );
  });

  it("clicks nobody reads one by one become counters; the hot redirect lookup gets a cache in front", () => {
    const clicks = stack("clicks", CLICKS_SPEC);
    assert.match(concern(clicks, "Counters")?.choice ?? "", /Redis counters .* for Click analytics/);
    const hot = concern(clicks, "Hot lookup");
    assert.match(hot?.choice ?? "", /in front of `links`, keyed by code/);
    assert.match(hot?.rationale ?? "", /^"Follow a link" looks one Link up by code 100,000 rps/);
    assert.ok(
      concern(clicks, "Cache"),
      "the capacity plan caches links, so the stack has the cache it names",
    );
  });

  it("small and ordinary specs get none of these stores", () => {
    for (const [name, text] of [
      ["tiny", TINY_SPEC],
      ["membership", MEMBERSHIP_SPEC],
    ] as const) {
      const concerns = stack(name, text).map((c) => c.concern);
      for (const extra of ["Location store", "Event log", "Counters", "Hot lookup"])
        assert.ok(!concerns.includes(extra), `${name} has ${extra}`);
    }
  });

  it("search only for real text search, never because a use case is named Find", () => {
    assert.equal(concern(stack("find", catalogueSpec({ search: false })), "Search"), undefined);
    const search = concern(stack("search", catalogueSpec({ search: true })), "Search");
    assert.match(search?.choice ?? "", /^PostgreSQL full-text search/);
    assert.match(search?.rationale ?? "", /^"Search books" peaks at 80 rps/);
  });

  it("DynamoDB is rejected with a reason from each spec's figures, never one shared sentence", () => {
    const specs: [string, string][] = [
      ["social-sharing", readFileSync("examples/social-sharing/archwright.yaml", "utf8")],
      ["e-commerce", readFileSync("examples/e-commerce/archwright.yaml", "utf8")],
      ["b2b-saas", readFileSync("examples/b2b-saas/archwright.yaml", "utf8")],
      ["ledger", ledgerSpec()],
      ["membership", MEMBERSHIP_SPEC],
      ["telemetry", TELEMETRY_SPEC],
      ["redirect", REDIRECT_SPEC],
      ["tiny", TINY_SPEC],
      ["ride", RIDE_SPEC],
      ["clicks", CLICKS_SPEC],
    ];
    const reasons = specs.map(([name, text]) => {
      const dynamo = concern(stack(name, text), "Primary database")?.alternativesConsidered.find(
        (a) => a.name === "Amazon DynamoDB",
      );
      assert.ok(dynamo, name);
      assert.match(dynamo.whyNot, /cost about \$[\d,]+\/month in write units/);
      return dynamo.whyNot;
    });
    assert.equal(new Set(reasons).size, reasons.length, reasons.join("\n"));
  });
});
