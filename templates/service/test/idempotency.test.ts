import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { DESIGN } from "../src/generated/design.js";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { IdempotencySweeper } from "../src/runtime/idempotency.js";
import { operation, prepare, startHarness } from "./scenario-support.js";

/**
 * Idempotency-Keys expire after the design's replay window: a retry after it is a fresh request, and
 * the sweep deletes expired keys in batches. No test sleeps: the stored time is moved back instead.
 */
const harness = await startHarness();
after(() => harness.close());
const app = harness.service.app;
const window = DESIGN.idempotencyWindowMs;
const keys = (where = "true") =>
  harness.db.transaction({ searchPath: ["archwright_runtime"] }, (sql) =>
    sql.query<{ key: string }>(`SELECT key FROM idempotency_keys WHERE ${where} ORDER BY key`),
  );
/** Moves the stored time of matching keys back by the window plus `extraMs`. */
const age = (extraMs: number, where: string) =>
  harness.db.transaction({ searchPath: ["archwright_runtime"] }, (sql) =>
    sql.query(
      `UPDATE idempotency_keys SET created_at = now() - $1::double precision * interval '1 millisecond' WHERE ${where}`,
      [window + extraMs],
    ),
  );

describe("Idempotency-Key expiry", () => {
  const scenario = SCENARIOS.useCases.find(
    (u) => operation(u.operationId).idempotent && u.actor !== "anonymous",
  );
  it("replays within the window and treats a retry after it as a fresh request", {
    skip: !scenario,
  }, async () => {
    if (!scenario) return;
    assert.ok(window > 0);
    const request = await prepare(harness, scenario);
    const key = request.headers["idempotency-key"] ?? "";
    const first = await app.inject(request);
    assert.equal(first.statusCode, scenario.status, first.body);
    // A minute before the window ends: still the first response.
    await age(-60_000, `key = '${key}'`);
    const replay = await app.inject(request);
    assert.equal(replay.headers["idempotent-replayed"], "true");
    assert.deepEqual(replay.json(), first.json());
    // A minute after: a new request, a new row, and the key now stores the new response.
    await age(60_000, `key = '${key}'`);
    const fresh = await app.inject(request);
    assert.equal(fresh.statusCode, scenario.status, fresh.body);
    assert.equal(fresh.headers["idempotent-replayed"], undefined);
    assert.notDeepEqual(fresh.json(), first.json());
    const again = await app.inject(request);
    assert.equal(again.headers["idempotent-replayed"], "true");
    assert.deepEqual(again.json(), fresh.json());
  });

  it("the sweep deletes expired keys in batches and keeps the others", async () => {
    await harness.db.transaction({ searchPath: ["archwright_runtime"] }, (sql) =>
      sql.query("DELETE FROM idempotency_keys"),
    );
    const expired = Array.from({ length: 5 }, (_, i) => `expired-${i}-${randomUUID()}`);
    const live = Array.from({ length: 2 }, (_, i) => `live-${i}-${randomUUID()}`);
    for (const key of [...expired, ...live])
      await harness.db.transaction({ searchPath: ["archwright_runtime"] }, (sql) =>
        sql.query(
          "INSERT INTO idempotency_keys (operation, caller, key, status, body) VALUES ('op', 'caller', $1, 201, 'null')",
          [key],
        ),
      );
    await age(1, "key LIKE 'expired-%'");
    // One just inside the window survives too.
    await age(-60_000, `key = '${live[0]}'`);
    const sweeper = new IdempotencySweeper({
      db: harness.db,
      windowMs: window,
      everyMs: 60_000,
      batchSize: 2,
      onError: (error) => assert.fail(String(error)),
    });
    assert.deepEqual(await sweeper.sweep(), { deleted: 5, batches: 3 });
    assert.deepEqual(
      (await keys()).map((r) => r.key),
      [...live].sort(),
    );
    assert.deepEqual(await sweeper.sweep(), { deleted: 0, batches: 1 });
  });

  it("runs the periodic sweep with the service and stops it when the service closes", async () => {
    const running = await startHarness({ idempotencySweep: { everyMs: 60_000, batchSize: 1000 } });
    const sweeper = running.service.idempotencySweeper;
    assert.equal(sweeper.active, true);
    await running.close();
    assert.equal(sweeper.active, false);
  });
});
