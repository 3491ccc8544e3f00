import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { estimateCapacity } from "../../src/analyze/capacity/index.js";
import { designSystem } from "../../src/design/design-system.js";
import { InputError } from "../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import { TELEMETRY_SPEC } from "../fixtures/data-rules/specs.js";
import { LIFETIME_SPEC } from "../fixtures/data-rules/store-specs.js";

const result = designSystem(parseSpec(LIFETIME_SPEC, "fleet.yaml"), { svg: false });
const up = result.files.get("db/ops/migrations/0001_init.up.sql") ?? "";
const doc = result.files.get("DESIGN.md") ?? "";

function specError(text: string): [string, string, number][] {
  try {
    parseSpec(text, "s.yaml");
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => [d.code, d.message, d.location.line]);
  }
  return [];
}

describe("per-entity retention", () => {
  it("sizes the table at its own retention, not the spec's", () => {
    const sessions = estimateCapacity(result.model).storage.find((t) => t.table === "sessions");
    assert.equal(sessions?.current.rowsAtRetention, 4000 * 30);
  });

  it("a scheduled delete for an unpartitioned table, with an index on created_at, stated in DESIGN.md and handoff.json", () => {
    assert.match(up, /CREATE INDEX sessions_created_at_idx ON sessions \(created_at\);/);
    assert.match(up, /CREATE FUNCTION purge_expired_sessions\(\) RETURNS integer/);
    assert.match(up, /WHERE created_at < now\(\) - interval '30 days'/);
    assert.match(
      doc,
      /`sessions` keeps 30 days of rows: a scheduled job \(pg_cron, hourly\) calls `purge_expired_sessions\(\)`/,
    );
    const handoff = JSON.parse(result.files.get("handoff.json") ?? "{}") as {
      schema: { tables: { name: string; retentionDays: number | null }[] }[];
    };
    const tables = handoff.schema.flatMap((s) => s.tables);
    assert.equal(tables.find((t) => t.name === "sessions")?.retentionDays, 30);
    assert.equal(tables.find((t) => t.name === "trips")?.retentionDays, null);
  });

  it("a range-partitioned table drops partitions past its retention", () => {
    const telemetry = designSystem(
      parseSpec(TELEMETRY_SPEC.replace("appendOnly: true", "appendOnly: true\n    retention: 7d"), "t.yaml"),
      { svg: false },
    );
    const ddl = telemetry.files.get("db/fleet/migrations/0001_init.up.sql") ?? "";
    assert.match(
      ddl,
      /-- Retention: 7 days\. The partition job drops every partition whose range ends more than 7 days ago\./,
    );
    assert.doesNotMatch(ddl, /purge_expired_readings/);
    assert.match(
      telemetry.files.get("DESIGN.md") ?? "",
      /`readings` keeps 7 days of rows: the partition job drops/,
    );
  });

  it("rejects a retention that is not a count and a unit, at its line", () => {
    const bad = LIFETIME_SPEC.replace("retention: 30d", "retention: 30 days");
    const problems = specError(bad);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.[2], bad.split("\n").findIndex((l) => l.includes("retention: 30 days")) + 1);
  });
});

describe("ephemeral latest-value state", () => {
  it("is an UNLOGGED table when nothing references it, and says so", () => {
    assert.match(up, /CREATE UNLOGGED TABLE driver_positions \(/);
    assert.match(doc, /`driver_positions` is ephemeral latest-value state: an UNLOGGED table/);
  });

  it("stays logged, with the reason, when another table references it", () => {
    assert.match(up, /\nCREATE TABLE vehicles \(/);
    assert.match(
      doc,
      /`vehicles` is ephemeral latest-value state but stays a logged table: `trips` references it/,
    );
  });

  it("cannot also be append-only", () => {
    const bad = LIFETIME_SPEC.replace(
      "    ephemeral: true\n    fields:\n      plate",
      "    ephemeral: true\n    appendOnly: true\n    fields:\n      plate",
    );
    assert.deepEqual(specError(bad), [
      [
        "spec/ephemeral-append-only",
        "`Vehicle` is both ephemeral (latest values, overwritten and lost on a crash) and appendOnly (facts kept unchanged)",
        bad.split("\n").findIndex((l) => l.includes("ephemeral: true")) + 1,
      ],
    ]);
  });
});

describe("retention on PostgreSQL", () => {
  let db: PGlite;
  before(async () => {
    db = new PGlite();
    await db.exec(up);
  });
  after(async () => {
    await db.close();
  });

  it("the purge deletes only expired rows, and the append-only trigger lets exactly those through", async () => {
    const operator = "0190a000-0000-7000-8000-000000000001";
    await db.exec(`INSERT INTO operators (id, email) VALUES ('${operator}', 'a@example.com');`);
    await db.exec(
      `INSERT INTO audit_events (operator_id, action, created_at) VALUES ('${operator}', 'old', now() - interval '100 days'), ('${operator}', 'new', now());`,
    );
    const purged = await db.query<{ n: number }>("SELECT purge_expired_audit_events() AS n;");
    assert.equal(purged.rows[0]?.n, 1);
    const left = await db.query<{ action: string }>("SELECT action FROM audit_events;");
    assert.deepEqual(
      left.rows.map((r) => r.action),
      ["new"],
    );
    await assert.rejects(db.exec("DELETE FROM audit_events;"), /append-only/);
  });
});
