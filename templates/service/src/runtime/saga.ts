import type { Row, Sql } from "./database.js";
import type { SagaSpec, SagaUndoSpec } from "./design-types.js";
import type { DomainEvent } from "./outbox.js";

/** What a participant's step wrote, so that a generic compensation can undo it. */
export type SagaWrite =
  | { readonly table: string; readonly op: "insert"; readonly key: Row; readonly row: Row }
  | { readonly table: string; readonly op: "update"; readonly key: Row; readonly before: Row };

/**
 * The step's view of its transaction (the inbox transaction of the participant). Writes made through
 * `insert` and `update` are recorded (inserted keys, before-images) and undone by the design's
 * compensation if the saga is cancelled; `sql` is for reads and for writes nothing needs to undo.
 */
export interface SagaStepTransaction {
  readonly sql: Sql;
  insert(table: string, values: Row): Promise<Row>;
  update(table: string, key: Row, values: Row): Promise<Row | undefined>;
}

/** A participant's step; throwing fails it (its writes roll back) and the saga compensates. */
export type SagaStepRun = (event: DomainEvent, tx: SagaStepTransaction) => Promise<void>;

/**
 * A step, or a step with its own compensation (required where the design's compensation is a
 * reversing row: what offsets a row is domain knowledge).
 */
export type SagaStep =
  | SagaStepRun
  | {
      readonly run: SagaStepRun;
      readonly compensate?: (event: DomainEvent, writes: readonly SagaWrite[], sql: Sql) => Promise<void>;
    };

/** Saga name -> participant -> its step (src/handlers/). */
export type SagaSteps = {
  readonly [saga: string]: { readonly [participant: string]: SagaStep | undefined } | undefined;
};

export interface SagaLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function publish(sql: Sql, type: string, aggregateKey: string, payload: Row): Promise<void> {
  await sql.query("INSERT INTO outbox (event_type, aggregate_key, payload) VALUES ($1, $2, $3)", [
    type,
    aggregateKey,
    JSON.stringify({ ...payload, occurredAt: new Date().toISOString() }),
  ]);
  await sql.query("SELECT pg_notify('archwright_outbox', $1)", [type]);
}

/** Records a saga's start: in the orchestrator's transaction, beside its row and the `.requested` event. */
export async function startSaga(
  sql: Sql,
  saga: SagaSpec,
  sagaId: string,
  orchestratorKey: string,
): Promise<void> {
  const participants = Object.fromEntries(saga.participants.map((p) => [p.name, "pending"]));
  await sql.query(
    `INSERT INTO archwright_runtime.sagas (saga_id, saga, use_case, orchestrator, orchestrator_key, participants, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'started')`,
    [sagaId, saga.name, saga.useCase, saga.orchestrator, orchestratorKey, JSON.stringify(participants)],
  );
}

const where = (key: Row, params: unknown[]): string =>
  Object.entries(key)
    .map(([column, value]) => {
      params.push(value);
      return `${q(column)}::text = $${params.length}::text`;
    })
    .join(" AND ");

function recordingTransaction(
  sql: Sql,
  keyColumnsOf: (table: string) => readonly string[],
  writes: SagaWrite[],
) {
  return {
    sql,
    async insert(table: string, values: Row): Promise<Row> {
      const columns = Object.keys(values);
      const rows = await sql.query(
        `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`,
        columns.map((c) => values[c]),
      );
      const row = rows[0] ?? {};
      writes.push({
        table,
        op: "insert",
        key: Object.fromEntries(keyColumnsOf(table).map((c) => [c, row[c]])),
        row,
      });
      return row;
    },
    async update(table: string, key: Row, values: Row): Promise<Row | undefined> {
      const columns = Object.keys(values);
      const params: unknown[] = [];
      const condition = where(key, params);
      const before =
        // As text: the restore writes back exactly what was there (timestamps keep their microseconds).
        (
          await sql.query(
            `SELECT ${columns.map((c) => `${q(c)}::text AS ${q(c)}`).join(", ")} FROM ${q(table)} WHERE ${condition} FOR UPDATE`,
            params,
          )
        )[0];
      if (!before) return undefined;
      const sets = columns.map((c) => {
        params.push(values[c]);
        return `${q(c)} = $${params.length}`;
      });
      const rows = await sql.query(
        `UPDATE ${q(table)} SET ${sets.join(", ")} WHERE ${condition} RETURNING *`,
        params,
      );
      writes.push({ table, op: "update", key, before });
      return rows[0];
    },
  } satisfies SagaStepTransaction;
}

/** Undoes recorded writes, newest first, as the design says for each table. */
async function undoWrites(
  sql: Sql,
  writes: readonly SagaWrite[],
  undoOf: (table: string) => SagaUndoSpec,
): Promise<string[]> {
  const missing: string[] = [];
  for (const write of [...writes].reverse()) {
    const undo = undoOf(write.table);
    const params: unknown[] = [];
    const condition = where(write.key, params);
    if (undo.kind === "set-status") {
      params.push(undo.value);
      await sql.query(
        `UPDATE ${q(write.table)} SET ${q(undo.column)} = $${params.length} WHERE ${condition}`,
        params,
      );
    } else if (undo.kind === "reverse") {
      if (write.op === "insert") await sql.query(`DELETE FROM ${q(write.table)} WHERE ${condition}`, params);
      else {
        const sets = Object.entries(write.before).map(([c, v]) => {
          params.push(v);
          return `${q(c)} = $${params.length}`;
        });
        if (sets.length > 0)
          await sql.query(`UPDATE ${q(write.table)} SET ${sets.join(", ")} WHERE ${condition}`, params);
      }
    } else missing.push(write.table);
  }
  return missing;
}

/**
 * The generated saga consumers, run by the relay in each consumer's inbox transaction (so at most
 * once per event): participants run their step on `.requested` and undo it on `.cancelled`; the
 * orchestrator tracks each participant's answer and, on the first failure, compensates its own row
 * and publishes `.cancelled`. A redelivered event is already in the inbox and never gets here; the
 * state checks below also make a replayed answer change nothing.
 */
export function sagaConsumer(
  sagas: readonly SagaSpec[],
  steps: SagaSteps,
  log: SagaLog,
): (event: DomainEvent, sql: Sql, consumer: string) => Promise<void> {
  return async (event, sql, consumer) => {
    for (const saga of sagas) {
      const sagaId = String(event.payload.sagaId ?? "");
      if (event.type === saga.requested) {
        const participant = saga.participants.find((p) => p.name === consumer);
        if (participant) await runStep(saga, participant, event, sagaId, sql, steps, log);
      } else if (event.type === saga.cancelled) {
        const participant = saga.participants.find((p) => p.name === consumer);
        if (participant) await compensateStep(saga, participant, event, sagaId, sql, steps, log);
      } else if (consumer === saga.orchestrator) {
        const from = saga.participants.find((p) => p.completed === event.type || p.failed === event.type);
        if (from) await answer(saga, from.name, event.type === from.completed, event, sagaId, sql, log);
      }
    }
  };
}

async function runStep(
  saga: SagaSpec,
  participant: SagaSpec["participants"][number],
  event: DomainEvent,
  sagaId: string,
  sql: Sql,
  steps: SagaSteps,
  log: SagaLog,
): Promise<void> {
  const done = await sql.query(
    "SELECT 1 FROM archwright_runtime.saga_steps WHERE saga_id = $1 AND participant = $2",
    [sagaId, participant.name],
  );
  if (done.length > 0) return;
  const step = steps[saga.name]?.[participant.name];
  const run = typeof step === "function" ? step : step?.run;
  const writes: SagaWrite[] = [];
  let reason: string | undefined;
  if (!run) {
    // Nothing here knows how to do this participant's part: saying "done" would be a lie.
    reason = `no step handler for ${saga.name}.${participant.name} in src/handlers/`;
    log.warn({ saga: saga.name, sagaId, participant: participant.name }, reason);
  } else {
    const keyColumnsOf = (table: string) =>
      participant.steps.find((s) => s.table === table)?.keyColumns ?? ["id"];
    // The step's writes roll back on failure; the inbox record and the `.failed` answer stay.
    await sql.query("SAVEPOINT archwright_saga_step");
    try {
      await run(event, recordingTransaction(sql, keyColumnsOf, writes));
      await sql.query("RELEASE SAVEPOINT archwright_saga_step");
    } catch (error) {
      await sql.query("ROLLBACK TO SAVEPOINT archwright_saga_step");
      writes.length = 0;
      reason = error instanceof Error ? error.message : String(error);
      log.warn({ saga: saga.name, sagaId, participant: participant.name, reason }, "saga step failed");
    }
  }
  await sql.query(
    "INSERT INTO archwright_runtime.saga_steps (saga_id, participant, status, writes, reason) VALUES ($1, $2, $3, $4, $5)",
    [
      sagaId,
      participant.name,
      reason === undefined ? "completed" : "failed",
      JSON.stringify(writes),
      reason ?? null,
    ],
  );
  const payload: Row = { sagaId, useCase: saga.useCase };
  if (reason === undefined) await publish(sql, participant.completed, sagaId, payload);
  else await publish(sql, participant.failed, sagaId, { ...payload, reason });
}

async function compensateStep(
  saga: SagaSpec,
  participant: SagaSpec["participants"][number],
  event: DomainEvent,
  sagaId: string,
  sql: Sql,
  steps: SagaSteps,
  log: SagaLog,
): Promise<void> {
  const rows = await sql.query<{ status: string; writes: unknown }>(
    "SELECT status, writes FROM archwright_runtime.saga_steps WHERE saga_id = $1 AND participant = $2 FOR UPDATE",
    [sagaId, participant.name],
  );
  const record = rows[0];
  if (record?.status !== "completed") return; // a failed step wrote nothing; a compensated one is done
  const writes = (
    typeof record.writes === "string" ? JSON.parse(record.writes) : record.writes
  ) as SagaWrite[];
  const step = steps[saga.name]?.[participant.name];
  if (typeof step === "object" && step.compensate) await step.compensate(event, writes, sql);
  else {
    const undoOf = (table: string): SagaUndoSpec =>
      participant.steps.find((s) => s.table === table)?.undo ?? { kind: "reverse" };
    const missing = await undoWrites(sql, writes, undoOf);
    if (missing.length > 0)
      log.error(
        { saga: saga.name, sagaId, participant: participant.name, tables: missing },
        "a reversing row needs the step's own compensate in src/handlers/: these writes stay",
      );
  }
  await sql.query(
    "UPDATE archwright_runtime.saga_steps SET status = 'compensated', updated_at = now() WHERE saga_id = $1 AND participant = $2",
    [sagaId, participant.name],
  );
}

async function answer(
  saga: SagaSpec,
  participant: string,
  completed: boolean,
  event: DomainEvent,
  sagaId: string,
  sql: Sql,
  log: SagaLog,
): Promise<void> {
  const rows = await sql.query<{ status: string; participants: unknown; orchestrator_key: string }>(
    "SELECT status, participants, orchestrator_key FROM archwright_runtime.sagas WHERE saga_id = $1 FOR UPDATE",
    [sagaId],
  );
  const state = rows[0];
  if (!state) {
    log.warn({ saga: saga.name, sagaId, event: event.type }, "an answer for an unknown saga");
    return;
  }
  const participants = (
    typeof state.participants === "string" ? JSON.parse(state.participants) : state.participants
  ) as Record<string, string>;
  if (participants[participant] !== "pending") return; // a replayed answer
  participants[participant] = completed ? "completed" : "failed";
  let status = state.status;
  const reason = typeof event.payload.reason === "string" ? event.payload.reason : undefined;
  if (!completed && status === "started") {
    status = "cancelled";
    if (saga.undo) {
      await sql.query(
        `UPDATE ${q(saga.table)} SET ${q(saga.undo.column)} = $1 WHERE ${q(saga.keyColumn)}::text = $2`,
        [saga.undo.value, state.orchestrator_key],
      );
    }
    await publish(sql, saga.cancelled, state.orchestrator_key, {
      sagaId,
      useCase: saga.useCase,
      [saga.keyProperty]: state.orchestrator_key,
      reason: `${participant}: ${reason ?? "failed"}`,
    });
  } else if (status === "started" && Object.values(participants).every((s) => s === "completed")) {
    status = "completed";
  }
  await sql.query(
    "UPDATE archwright_runtime.sagas SET participants = $2, status = $3, reason = COALESCE(reason, $4), updated_at = now() WHERE saga_id = $1",
    [
      sagaId,
      JSON.stringify(participants),
      status,
      completed ? null : `${participant}: ${reason ?? "failed"}`,
    ],
  );
}
