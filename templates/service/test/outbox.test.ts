import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DESIGN } from "../src/generated/design.js";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { type DomainEvent, OutboxRelay, writeOutbox } from "../src/runtime/outbox.js";
import { operation, prepare, startHarness } from "./scenario-support.js";

/**
 * The outbox and the inbox: an event written in a request's transaction waits in the outbox while
 * its consumer is down, reaches the consumer once it is back (a new relay, as after a restart), and a
 * redelivery of the same event changes nothing.
 */
const harness = await startHarness();
after(() => harness.close());

const consumersOf = (name: string) => DESIGN.events.find((e) => e.name === name)?.consumers ?? [];
const searchPathOf = (service: string) =>
  DESIGN.services.find((s) => s.name === service)?.searchPath ?? [service];

function newRelay(): OutboxRelay {
  return new OutboxRelay({
    db: harness.db,
    services: new Map(DESIGN.services.map((s) => [s.name, s])),
    events: DESIGN.events,
    projections: DESIGN.projections,
    consumers: {},
    pollMs: 60_000,
    onError: (error) => {
      throw error;
    },
  });
}

interface OutboxRow {
  id: string;
  event_type: string;
  aggregate_key: string;
  payload: Record<string, unknown>;
  published_at: Date | null;
}

async function outboxRows(service: string): Promise<OutboxRow[]> {
  return harness.db.transaction({ searchPath: searchPathOf(service) }, (sql) =>
    sql.query<OutboxRow & Record<string, unknown>>("SELECT * FROM outbox ORDER BY created_at, id"),
  );
}

async function processed(service: string, id: string): Promise<boolean> {
  const rows = await harness.db.transaction({ searchPath: searchPathOf(service) }, (sql) =>
    sql.query("SELECT 1 FROM processed_events WHERE event_id = $1", [id]),
  );
  return rows.length > 0;
}

const publishing = SCENARIOS.useCases.find((u) =>
  operation(u.operationId).events.some((e) => consumersOf(e.name).length > 0),
);
const anyEvent = DESIGN.events.find((e) => e.consumers.length > 0);

describe("outbox relay and inbox", () => {
  it("an event written in a transaction reaches its consumer after the consumer restarts", {
    skip: !anyEvent,
  }, async () => {
    if (!anyEvent) return;
    const before = newRelay();
    await before.start();
    await before.stop(); // the consumer side is down from here on

    let producer = anyEvent.producer;
    if (publishing) {
      const request = await prepare(harness, publishing);
      const response = await harness.service.app.inject(request);
      assert.equal(response.statusCode, publishing.status, response.body);
      producer = operation(publishing.operationId).service;
    } else {
      // No use case writes one of the design's events: write one as a handler would.
      await harness.seeds.reset(undefined);
      await harness.db.transaction({ searchPath: searchPathOf(producer) }, (sql) =>
        writeOutbox(
          sql,
          { name: anyEvent.name, fields: [{ name: "occurredAt", from: { now: true } }] },
          "seed",
          {},
        ),
      );
    }
    const written = (await outboxRows(producer)).filter((r) => consumersOf(r.event_type).length > 0);
    assert.ok(written.length > 0, "the write put an event in its outbox");
    for (const row of written) {
      assert.equal(row.published_at, null, "nothing relays while the consumer is down");
      for (const consumer of consumersOf(row.event_type))
        assert.equal(await processed(consumer, row.id), false);
    }

    const restarted = newRelay();
    assert.ok((await restarted.drain()) >= written.length);
    for (const row of await outboxRows(producer)) assert.notEqual(row.published_at, null, row.event_type);
    for (const row of written) {
      for (const consumer of consumersOf(row.event_type)) {
        assert.equal(await processed(consumer, row.id), true, `${consumer} received ${row.event_type}`);
        // At least once: a redelivery is recognised by the inbox and changes nothing.
        const event: DomainEvent = {
          id: row.id,
          type: row.event_type,
          aggregateKey: row.aggregate_key,
          payload: row.payload,
        };
        assert.equal(await restarted.deliver(consumer, event), false);
      }
      for (const projection of DESIGN.projections.filter((p) => p.upsertOn.includes(row.event_type))) {
        const copies = await harness.db.transaction({ searchPath: searchPathOf(projection.service) }, (sql) =>
          sql.query(`SELECT count(*)::int AS n FROM "${projection.table}"`),
        );
        assert.equal(copies[0]?.n, 1, `${projection.service}.${projection.table} holds the copy`);
      }
    }
  });

  it("a running relay delivers a committed event without being asked", { skip: !publishing }, async () => {
    if (!publishing) return;
    const relay = harness.service.relay;
    await relay.start();
    try {
      const request = await prepare(harness, publishing);
      const response = await harness.service.app.inject(request);
      assert.equal(response.statusCode, publishing.status, response.body);
      const producer = operation(publishing.operationId).service;
      // Wait for the relay's pass, however long the machine takes.
      for (;;) {
        const rows = await outboxRows(producer);
        if (rows.length > 0 && rows.every((r) => r.published_at !== null)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await relay.stop();
    }
  });
});
