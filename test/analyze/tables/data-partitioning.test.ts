import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { remainingObjects } from "../../../src/verify/verify-migrations.js";
import { ledgerSpec, MEMBERSHIP_SPEC, TELEMETRY_SPEC } from "../../fixtures/data-rules/specs.js";

let db: PGlite;
before(async () => {
  db = new PGlite();
});
after(async () => {
  await db.close();
});

const design = (text: string) => designSystem(parseSpec(text, "spec.yaml"), { svg: false });

describe("partitioning keeps a composite key", () => {
  const result = design(MEMBERSHIP_SPEC);
  const up = result.files.get("db/chat/migrations/0001_init.up.sql") ?? "";

  it("splits memberships by a column of their key, so the key never gains created_at", () => {
    // Before: PRIMARY KEY (conversation_id, user_id, created_at), PARTITION BY RANGE (created_at).
    assert.match(
      up,
      /CONSTRAINT memberships_pkey PRIMARY KEY \(conversation_id, user_id\),[^;]*\) PARTITION BY HASH \(conversation_id\);/,
    );
    const doc = result.files.get("DESIGN.md") ?? "";
    assert.match(doc, /`memberships` is hash-partitioned by `conversation_id`/);
    assert.match(doc, /nothing is archived by age/);
    assert.doesNotMatch(doc, /`memberships`[^\n]*archive older partitions/);
  });

  it("refuses the same user joining the same conversation twice, in PostgreSQL", async () => {
    await db.exec(up);
    const user = "0190a000-0000-7000-8000-000000000001";
    const conversation = "0190a000-0000-7000-8000-000000000002";
    await db.exec(`INSERT INTO users (id, handle) VALUES ('${user}', 'ana')`);
    await db.exec(`INSERT INTO conversations (id, title) VALUES ('${conversation}', 'general')`);
    const join = `INSERT INTO memberships (conversation_id, user_id) VALUES ('${conversation}', '${user}')`;
    await db.exec(join);
    await assert.rejects(db.exec(join), /duplicate key/);
    await db.exec(result.files.get("db/chat/migrations/0001_init.down.sql") ?? "");
    assert.deepEqual(await remainingObjects(db), []);
  });
});

describe("partitioning by age only for append-only rows, at the width the plan states", () => {
  const result = design(TELEMETRY_SPEC);
  const up = result.files.get("db/fleet/migrations/0001_init.up.sql") ?? "";
  const doc = result.files.get("DESIGN.md") ?? "";

  it("creates daily partitions when a month of readings alone passes the threshold, and says so everywhere", () => {
    // 20M readings a day: a month is 608M rows, a week 140M, both past 100M, so one day per partition.
    assert.match(up, /one partition per day/);
    assert.match(up, /date_trunc\('day', now\(\)\)/);
    assert.match(up, /make_interval\(days => i\)/);
    assert.match(doc, /`readings` is range-partitioned by `created_at`, daily partitions/);
    assert.match(
      doc,
      /range-partitioned by created_at day from its first migration: create daily partitions ahead/,
    );
    assert.doesNotMatch(doc, /partition by day or week/);
  });

  it("keeps the readings for the spec's retention rather than a shorter window", () => {
    assert.match(doc, /dropped only past retention/);
  });

  it("puts a new reading into today's partition", async () => {
    await db.exec(up);
    await db.exec(
      "INSERT INTO readings (vehicle, latitude, longitude) VALUES (gen_random_uuid(), 52.5, 13.4)",
    );
    const landed = await db.query<{ partition: string }>(
      "SELECT tableoid::regclass::text AS partition FROM readings",
    );
    assert.match(landed.rows[0]?.partition ?? "", /^readings_\d{4}_\d{2}_\d{2}$/);
    await db.exec(result.files.get("db/fleet/migrations/0001_init.down.sql") ?? "");
    assert.deepEqual(await remainingObjects(db), []);
  });

  it("never splits live state by age: a referenced, updated table is hashed by its key", () => {
    const vehicles = design(TELEMETRY_SPEC.replace("growth: { rows: 250000 }", "growth: { perDay: 500000 }"));
    const fleet = vehicles.files.get("db/fleet/migrations/0001_init.up.sql") ?? "";
    assert.match(fleet, /CREATE TABLE vehicles \([^;]*\) PARTITION BY HASH \(id\);/);
  });
});

describe("partitioning never weakens a unique constraint", () => {
  it("leaves a big table whole when its unique column is outside the key, and says why", () => {
    // Balance.wallet is unique; a hash split by id would make it unique per part only.
    const big = ledgerSpec().replace(
      "      amount: { type: decimal, precision: 18, scale: 2, min: 0 }\n    growth: { perDay: 2000 }",
      "      amount: { type: decimal, precision: 18, scale: 2, min: 0 }\n    growth: { perDay: 200000 }",
    );
    const result = design(big);
    const up = result.files.get("db/ledger/migrations/0001_init.up.sql") ?? "";
    assert.match(up, /CREATE TABLE balances \([^;]*UNIQUE \(wallet\)[^;]*\n\);/);
    assert.match(
      result.files.get("DESIGN.md") ?? "",
      /`balances` passes the row threshold but stays one table: the unique constraint on \(wallet\) must hold across the whole table/,
    );
  });
});
