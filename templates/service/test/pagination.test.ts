import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { operation, prepare, startHarness } from "./scenario-support.js";

/**
 * Keyset pagination: walking a list two rows at a time meets every row the caller may see once, in
 * the order one large page has, also when rows share their sort value down to the microsecond
 * (only the key then tells them apart).
 */
const harness = await startHarness();
after(() => harness.close());

const lists = SCENARIOS.useCases.filter((u) => {
  const op = operation(u.operationId);
  return op.kind === "list" && op.status === 200;
});

describe("cursor pagination", () => {
  for (const scenario of lists) {
    it(`${scenario.useCase} as ${scenario.actor}: pages meet each row once, in order`, async () => {
      const op = operation(scenario.operationId);
      const request = await prepare(harness, scenario);
      for (let i = 0; i < 4; i++) await harness.seeds.insert(scenario.entity, {});
      // Ties: the newest rows get one timestamp with microseconds, when the table allows updates.
      const table = harness.seeds.table(scenario.entity);
      await harness.db
        .transaction({ searchPath: [table.service] }, (sql) =>
          sql.query(
            `UPDATE "${table.service}"."${table.table}" SET created_at = '2026-01-02 03:04:05.123456+00' WHERE created_at > now() - interval '1 hour'`,
          ),
        )
        .catch(() => undefined);
      const join = request.url.includes("?") ? "&" : "?";
      const whole = await harness.service.app.inject({ ...request, url: `${request.url}${join}limit=100` });
      assert.equal(whole.statusCode, 200, whole.body);
      const expected = (whole.json().data as { id: unknown }[]).map((r) => r.id);
      const seen: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `${request.url}${join}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page = await harness.service.app.inject({ ...request, url });
        assert.equal(page.statusCode, 200, page.body);
        const body = page.json() as { data: { id: unknown }[]; nextCursor: string | null };
        seen.push(...body.data.map((r) => r.id));
        cursor = body.nextCursor;
        pages++;
        assert.ok(pages <= expected.length + 1, `${op.operationId}: the cursor does not advance`);
      } while (cursor !== null);
      assert.deepEqual(seen, expected);
      assert.ok(expected.length >= 3, `${op.operationId}: only ${expected.length} rows to page through`);
    });
  }
});
