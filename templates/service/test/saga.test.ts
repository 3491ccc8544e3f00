import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DESIGN } from "../src/generated/design.js";
import { SCENARIOS } from "../src/generated/scenarios.js";
import type { Row } from "../src/runtime/database.js";
import type { SagaSpec } from "../src/runtime/design-types.js";
import type { DomainEvent } from "../src/runtime/outbox.js";
import type { SagaSteps, SagaStepTransaction } from "../src/runtime/saga.js";
import { operation, prepare, startHarness } from "./scenario-support.js";

/**
 * The design's sagas, run by the generated service: the orchestrator's create starts the saga's
 * state in its own transaction; with no step registered every participant answers failed and the
 * orchestrator compensates its row; with steps registered, one failing cancels the saga and the
 * participants that completed undo what they wrote; all completing completes it. Redelivering
 * every event afterwards changes nothing.
 */
type Behaviour = "succeed" | "fail";
const behaviour = new Map<string, Behaviour>();
/** Participant -> the row its step changed, seeded before the request. */
const targets = new Map<string, { table: string; key: Row; column: string; before: number }>();

async function step(participant: string, tx: SagaStepTransaction): Promise<void> {
  const mode = behaviour.get(participant);
  if (mode === undefined) throw new Error("the test registered no behaviour");
  const target = targets.get(participant);
  if (target) await tx.update(target.table, target.key, { [target.column]: target.before + 1 });
  if (mode === "fail") throw new Error(`${participant} is out of stock`);
}

const sagaSteps: Record<
  string,
  Record<string, (event: DomainEvent, tx: SagaStepTransaction) => Promise<void>>
> = {};
for (const saga of DESIGN.sagas)
  sagaSteps[saga.name] = Object.fromEntries(
    saga.participants.map((p) => [
      p.name,
      (_event: DomainEvent, tx: SagaStepTransaction) => step(p.name, tx),
    ]),
  );

const plain = await startHarness();
const withSteps = await startHarness({ extensions: { sagaSteps: sagaSteps satisfies SagaSteps } });
after(async () => {
  await plain.close();
  await withSteps.close();
});
type Harness = typeof plain;

const searchPathOf = (service: string) =>
  DESIGN.services.find((s) => s.name === service)?.searchPath ?? [service];
const query = (harness: Harness, service: string, text: string, params: unknown[] = []) =>
  harness.db.transaction({ searchPath: searchPathOf(service) }, (sql) => sql.query(text, params));

function starterOf(saga: SagaSpec) {
  return SCENARIOS.useCases.find((u) =>
    operation(u.operationId).events.some((e) => e.name === saga.requested && e.saga === saga.name),
  );
}

/** Performs the saga's starting use case; returns the orchestrator row's key and the saga id. */
async function start(harness: Harness, saga: SagaSpec, seedTargets: boolean) {
  const scenario = starterOf(saga);
  assert.ok(scenario, `a use case starts ${saga.name}`);
  const request = await prepare(harness, scenario);
  targets.clear();
  if (seedTargets)
    for (const participant of saga.participants) {
      const table = participant.steps[0]?.table;
      const seed = SCENARIOS.tables.find((t) => t.table === table && t.service === participant.name);
      // The step adds one to a plain number column of a seeded row (updated_at is the trigger's).
      const column = seed?.columns.find(
        (c) =>
          typeof c.value === "number" &&
          !c.unique &&
          c.ref === undefined &&
          !seed.keyColumns.includes(c.name),
      );
      if (!table || !seed || !column) continue;
      const row = await harness.seeds.ensure(seed.entity);
      const key = Object.fromEntries(seed.keyColumns.map((c) => [c, row[c]]));
      const before = Number((await rowOf(harness, participant.name, table, key))?.[column.name]);
      targets.set(participant.name, { table, key, column: column.name, before });
    }
  if (seedTargets) assert.ok(targets.size > 0, "a participant's step has a row to change");
  const response = await harness.service.app.inject(request);
  assert.equal(response.statusCode, scenario.status, response.body);
  const key = String((response.json() as Row).id);
  const states = await query(
    harness,
    saga.orchestrator,
    "SELECT * FROM archwright_runtime.sagas WHERE orchestrator_key = $1",
    [key],
  );
  assert.equal(states.length, 1, "the create wrote the saga's state with its row");
  assert.equal(states[0]?.status, "started");
  return { key, sagaId: String(states[0]?.saga_id) };
}

async function rowOf(harness: Harness, service: string, table: string, key: Row): Promise<Row | undefined> {
  const columns = Object.keys(key);
  const rows = await query(
    harness,
    service,
    `SELECT * FROM "${table}" WHERE ${columns.map((c, i) => `"${c}"::text = $${i + 1}::text`).join(" AND ")}`,
    columns.map((c) => key[c]),
  );
  return rows[0];
}

async function sagaState(harness: Harness, sagaId: string) {
  const [state] = await query(
    harness,
    "public",
    "SELECT status, participants FROM archwright_runtime.sagas WHERE saga_id = $1",
    [sagaId],
  );
  const steps = await query(
    harness,
    "public",
    "SELECT participant, status, reason FROM archwright_runtime.saga_steps WHERE saga_id = $1 ORDER BY participant",
    [sagaId],
  );
  return { state, steps: Object.fromEntries(steps.map((s) => [String(s.participant), s])) };
}

/** Every event of every outbox, delivered again to each of its consumers: the inbox refuses each. */
async function redeliverEverything(harness: Harness): Promise<number> {
  let redelivered = 0;
  for (const service of DESIGN.services.filter((s) => s.outbox)) {
    const rows = await query(
      harness,
      service.name,
      "SELECT id, event_type, aggregate_key, payload FROM outbox",
    );
    for (const row of rows) {
      const event: DomainEvent = {
        id: String(row.id),
        type: String(row.event_type),
        aggregateKey: String(row.aggregate_key),
        payload: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Row,
      };
      for (const consumer of DESIGN.events.find((e) => e.name === event.type)?.consumers ?? []) {
        assert.equal(
          await harness.service.relay.deliver(consumer, event),
          false,
          `${event.type} to ${consumer}`,
        );
        redelivered++;
      }
    }
  }
  return redelivered;
}

async function orchestratorStatus(harness: Harness, saga: SagaSpec, key: string): Promise<unknown> {
  if (!saga.undo) return undefined;
  const [row] = await query(
    harness,
    saga.orchestrator,
    `SELECT "${saga.undo.column}" AS v FROM "${saga.table}" WHERE "${saga.keyColumn}"::text = $1`,
    [key],
  );
  return row?.v;
}

async function cancelledEvents(harness: Harness, saga: SagaSpec, sagaId: string): Promise<number> {
  const rows = await query(
    harness,
    saga.orchestrator,
    "SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND payload->>'sagaId' = $2",
    [saga.cancelled, sagaId],
  );
  return Number(rows[0]?.n);
}

for (const saga of DESIGN.sagas) {
  describe(`saga ${saga.name}`, { skip: !starterOf(saga) }, () => {
    it("without a step handler every participant fails honestly and the orchestrator compensates", async () => {
      const { key, sagaId } = await start(plain, saga, false);
      await plain.service.relay.drain();
      const { state, steps } = await sagaState(plain, sagaId);
      assert.equal(state?.status, "cancelled");
      for (const participant of saga.participants) {
        assert.equal(steps[participant.name]?.status, "failed");
        assert.match(String(steps[participant.name]?.reason), /no step handler for /);
      }
      if (saga.undo) assert.equal(await orchestratorStatus(plain, saga, key), saga.undo.value);
      assert.equal(await cancelledEvents(plain, saga, sagaId), 1);
      const before = await sagaState(plain, sagaId);
      assert.ok((await redeliverEverything(plain)) > 0);
      assert.deepEqual(await sagaState(plain, sagaId), before);
    });

    for (const failing of saga.participants) {
      it(`${failing.name} failing cancels the saga and the participants that completed undo their step`, {
        skip: saga.participants.length < 2,
      }, async () => {
        behaviour.clear();
        for (const p of saga.participants) behaviour.set(p.name, p === failing ? "fail" : "succeed");
        const { key, sagaId } = await start(withSteps, saga, true);
        await withSteps.service.relay.drain();
        const { state, steps } = await sagaState(withSteps, sagaId);
        assert.equal(state?.status, "cancelled");
        for (const p of saga.participants) {
          if (p === failing) {
            assert.equal(steps[p.name]?.status, "failed");
            assert.match(String(steps[p.name]?.reason), /out of stock/);
          } else assert.equal(steps[p.name]?.status, "compensated", p.name);
        }
        if (saga.undo) assert.equal(await orchestratorStatus(withSteps, saga, key), saga.undo.value);
        for (const [participant, target] of targets) {
          const row = await rowOf(withSteps, participant, target.table, target.key);
          const undo = saga.participants.find((p) => p.name === participant)?.steps[0]?.undo;
          if (participant === failing.name) {
            // A failed step's writes rolled back with its savepoint.
            assert.equal(Number(row?.[target.column]), target.before, `${participant} rolled back`);
          } else if (undo?.kind === "set-status") assert.equal(row?.[undo.column], undo.value);
          else if (undo?.kind === "reverse")
            assert.equal(Number(row?.[target.column]), target.before, `${participant} restored its row`);
        }
        assert.equal(await cancelledEvents(withSteps, saga, sagaId), 1);
        const before = await sagaState(withSteps, sagaId);
        await redeliverEverything(withSteps);
        assert.deepEqual(await sagaState(withSteps, sagaId), before);
      });
    }

    it("every participant completing completes the saga and nothing is compensated", async () => {
      behaviour.clear();
      for (const p of saga.participants) behaviour.set(p.name, "succeed");
      const { key, sagaId } = await start(withSteps, saga, true);
      await withSteps.service.relay.drain();
      const { state, steps } = await sagaState(withSteps, sagaId);
      assert.equal(state?.status, "completed");
      for (const p of saga.participants) assert.equal(steps[p.name]?.status, "completed");
      if (saga.undo) assert.notEqual(await orchestratorStatus(withSteps, saga, key), saga.undo.value);
      for (const [participant, target] of targets) {
        const row = await rowOf(withSteps, participant, target.table, target.key);
        assert.equal(Number(row?.[target.column]), target.before + 1, `${participant}'s step wrote`);
      }
      assert.equal(await cancelledEvents(withSteps, saga, sagaId), 0);
      const before = await sagaState(withSteps, sagaId);
      await redeliverEverything(withSteps);
      assert.deepEqual(await sagaState(withSteps, sagaId), before);
    });
  });
}
