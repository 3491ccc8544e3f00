import { randomUUID } from "node:crypto";
import type { Database, Sql } from "./database.js";
import type { EventSpec, EventWrite, ProjectionSpec, ServiceSpec } from "./design-types.js";

export interface DomainEvent {
  readonly id: string;
  readonly type: string;
  readonly aggregateKey: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** A consumer's own reaction to an event, run in the consumer's transaction, once per event. */
export type EventConsumer = (event: DomainEvent, sql: Sql, service: string) => Promise<void>;

/** Inserts one event into the writer's outbox: same transaction as the change it describes. */
export async function writeOutbox(
  sql: Sql,
  event: EventWrite,
  aggregateKey: string,
  row: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = {};
  for (const field of event.fields) {
    const from = field.from;
    payload[field.name] =
      "row" in from
        ? (row[from.row] ?? null)
        : "now" in from
          ? new Date().toISOString()
          : "newId" in from
            ? randomUUID()
            : from.value;
  }
  await sql.query("INSERT INTO outbox (event_type, aggregate_key, payload) VALUES ($1, $2, $3)", [
    event.name,
    aggregateKey,
    JSON.stringify(payload),
  ]);
  // Delivered on commit to every relay listening on real PostgreSQL; harmless on PGlite.
  await sql.query("SELECT pg_notify('archwright_outbox', $1)", [event.name]);
  return payload;
}

export interface RelayOptions {
  readonly db: Database;
  readonly services: ReadonlyMap<string, ServiceSpec>;
  readonly events: readonly EventSpec[];
  readonly projections: readonly ProjectionSpec[];
  /** Event type -> the handlers a team wrote (src/handlers/). */
  readonly consumers: Readonly<Record<string, EventConsumer>>;
  /** The generated saga consumers, run before the team's consumer in the same transaction. */
  readonly sagas?: EventConsumer | undefined;
  /** Polling interval: a notification wakes the relay sooner, polling covers a missed one. */
  readonly pollMs: number;
  readonly onError: (error: unknown) => void;
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The outbox relay and the inbox consumers, in-process. At least once: an event is marked published
 * only after every consumer has committed it, so a crash in between delivers it again; each consumer
 * records the event id in its `processed_events` in the same transaction as its effect, so a
 * redelivery changes nothing.
 */
export class OutboxRelay {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #again = false;
  #unlisten: (() => Promise<void>) | undefined;
  readonly #producers: string[];

  constructor(private readonly options: RelayOptions) {
    this.#producers = [...options.services.values()].filter((s) => s.outbox).map((s) => s.name);
  }

  get active(): boolean {
    return this.#timer !== undefined;
  }

  async start(): Promise<void> {
    if (this.#timer) return;
    this.#unlisten = await this.options.db.listen("archwright_outbox", () => this.wake());
    this.#timer = setInterval(() => this.wake(), this.options.pollMs);
    this.#timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#unlisten?.();
    this.#unlisten = undefined;
    await this.#running;
  }

  /** Ask for a relay pass soon; passes never overlap. */
  wake(): void {
    if (!this.#timer) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.drain()
      .catch((error: unknown) => {
        this.options.onError(error);
        return 0;
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Relays every unpublished event once; returns how many it relayed. */
  async drain(): Promise<number> {
    let relayed = 0;
    // A delivery may write new events (a saga's answers): pass again until a pass relays nothing.
    for (let before = -1; before !== relayed; ) {
      before = relayed;
      relayed += await this.#pass();
    }
    return relayed;
  }

  async #pass(): Promise<number> {
    let relayed = 0;
    for (const producer of this.#producers) {
      const searchPath = this.options.services.get(producer)?.searchPath ?? [producer];
      for (;;) {
        const batch = await this.options.db.transaction({ searchPath }, (sql) =>
          sql.query<{
            id: string;
            event_type: string;
            aggregate_key: string;
            payload: Record<string, unknown>;
          }>(
            "SELECT id, event_type, aggregate_key, payload FROM outbox WHERE published_at IS NULL ORDER BY created_at, id LIMIT 100",
          ),
        );
        if (batch.length === 0) break;
        for (const row of batch) {
          const event: DomainEvent = {
            id: row.id,
            type: row.event_type,
            aggregateKey: row.aggregate_key,
            payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
          };
          const consumers = this.options.events.find((e) => e.name === event.type)?.consumers ?? [];
          for (const consumer of consumers) await this.deliver(consumer, event);
          await this.options.db.transaction({ searchPath }, (sql) =>
            sql.query("UPDATE outbox SET published_at = now() WHERE id = $1", [event.id]),
          );
          relayed++;
        }
      }
    }
    return relayed;
  }

  async deliver(consumer: string, event: DomainEvent): Promise<boolean> {
    const searchPath = this.options.services.get(consumer)?.searchPath ?? [consumer];
    return this.options.db.transaction({ searchPath }, async (sql) => {
      const fresh = await sql.query(
        "INSERT INTO processed_events (event_id, event_type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
        [event.id, event.type],
      );
      if (fresh.length === 0) return false;
      for (const projection of this.options.projections) {
        if (projection.service !== consumer) continue;
        if (projection.upsertOn.includes(event.type)) await upsertProjection(sql, projection, event);
        if (projection.deleteOn.includes(event.type)) await deleteFromProjection(sql, projection, event);
      }
      await this.options.sagas?.(event, sql, consumer);
      await this.options.consumers[event.type]?.(event, sql, consumer);
      return true;
    });
  }
}

async function upsertProjection(sql: Sql, projection: ProjectionSpec, event: DomainEvent): Promise<void> {
  const columns = projection.columns.filter((c) => c.property in event.payload);
  const values = columns.map((c) => {
    const v = event.payload[c.property];
    return typeof v === "object" && v !== null ? JSON.stringify(v) : v;
  });
  const names = columns.map((c) => q(c.column));
  const now = new Date().toISOString();
  // A projection keeps the source's timestamps: an older event never overwrites a newer copy.
  for (const stamp of ["created_at", "updated_at"]) {
    if (!columns.some((c) => c.column === stamp)) {
      names.push(q(stamp));
      values.push(typeof event.payload.occurredAt === "string" ? event.payload.occurredAt : now);
    }
  }
  const updates = names.filter((n) => !projection.keyColumns.map(q).includes(n));
  const table = q(projection.table);
  await sql.query(
    `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})
     ON CONFLICT (${projection.keyColumns.map(q).join(", ")}) DO ${
       updates.length === 0
         ? "NOTHING"
         : `UPDATE SET ${updates.map((n) => `${n} = EXCLUDED.${n}`).join(", ")} WHERE ${table}."updated_at" <= EXCLUDED."updated_at"`
     }`,
    values,
  );
}

async function deleteFromProjection(sql: Sql, projection: ProjectionSpec, event: DomainEvent): Promise<void> {
  const keys = projection.columns.filter((c) => projection.keyColumns.includes(c.column));
  if (keys.length !== projection.keyColumns.length) return;
  await sql.query(
    `DELETE FROM ${q(projection.table)} WHERE ${keys.map((c, i) => `${q(c.column)} = $${i + 1}`).join(" AND ")}`,
    keys.map((c) => event.payload[c.property]),
  );
}
