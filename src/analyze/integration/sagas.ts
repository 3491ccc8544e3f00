import { type Entity, Field, type Model, type UseCase } from "../../model/index.js";
import { kebabCase, pascalCase } from "../naming.js";
import { type EventRegistry, eventField, subjectFields } from "./event-registry.js";
import type { Saga, SagaUndo } from "./integration-types.js";
import { primaryService, servicesOf } from "./use-case-services.js";

/** An orchestrated saga for every use case that writes in more than one service, with its messages. */
export function planSagas(
  model: Model,
  byName: ReadonlyMap<string, Entity>,
  registry: EventRegistry,
): Saga[] {
  const sagas: Saga[] = [];
  for (const useCase of model.useCases) {
    const writeServices = servicesOf(useCase.writes, byName);
    if (writeServices.length <= 1) continue;
    const orchestrator = primaryService(useCase, byName);
    const participants = writeServices.filter((s) => s !== orchestrator);
    // The orchestrator's own row (the one the client created) is what the participants act for.
    const started = useCase.writes.map((w) => byName.get(w)).find((e) => e?.service === orchestrator);
    const subject = started ? subjectFields(started) : [];
    // Participants act on what the client sent: the started row's fields that may leave its
    // service (no secrets, no personal data) travel with the request.
    const carried = started
      ? started.fields.filter((f) => !f.secret && !f.pii && !started.key.includes(f.name)).map(eventField)
      : [];
    const events = [
      registry.sagaMessage(
        sagaEvent(orchestrator, useCase.name, "requested"),
        orchestrator,
        participants,
        `starts "${useCase.name}": each participant does its local write and answers completed or failed`,
        [...subject, ...carried],
      ),
      registry.sagaMessage(
        sagaEvent(orchestrator, useCase.name, "cancelled"),
        orchestrator,
        participants,
        `a step of "${useCase.name}" failed: every participant that completed its step runs its compensation`,
        [...subject, { name: "reason", type: "string" }],
      ),
    ];
    for (const participant of participants) {
      for (const outcome of ["completed", "failed"] as const) {
        events.push(
          registry.sagaMessage(
            sagaEvent(participant, useCase.name, outcome),
            participant,
            [orchestrator],
            outcome === "completed"
              ? `${participant} reports its step of "${useCase.name}" done`
              : `${participant} reports its step of "${useCase.name}" failed; ${orchestrator} compensates its own write and publishes ${sagaEvent(orchestrator, useCase.name, "cancelled")}`,
            outcome === "failed" ? [{ name: "reason", type: "string" }] : [],
          ),
        );
      }
    }
    sagas.push({
      name: `${pascalCase(useCase.name)}Saga`,
      useCase: useCase.name,
      transactional: useCase.transactional,
      orchestrator,
      participants: writeServices,
      steps: useCase.writes.map((w) => {
        const undo = undoOf(byName.get(w));
        return {
          service: byName.get(w)?.service ?? "?",
          entity: w,
          compensation: compensation(undo, w),
          undo,
        };
      }),
      events: events.sort(),
    });
  }
  return sagas;
}

/** Status values that mark a row as undone, most specific first. */
const UNDONE_STATUSES = [
  "cancelled",
  "canceled",
  "voided",
  "void",
  "released",
  "refunded",
  "rejected",
  "failed",
];

/**
 * How a saga step is undone: a reversing row for an append-only entity, else set a status enum to
 * its cancelled-like value when the entity has one (the row stays for the audit trail), else
 * reverse the change.
 */
function undoOf(entity: Entity | undefined): SagaUndo {
  // An append-only row is an audit fact: it is never deleted or changed, a reversal offsets it.
  if (entity?.appendOnly) return { kind: "reversing-row" };
  for (const value of UNDONE_STATUSES) {
    const field = entity?.fields.find(
      (f) => Field.isScalar(f) && f.type === "enum" && f.values?.includes(value),
    );
    if (field) return { kind: "set-status", field: field.name, value };
  }
  return { kind: "reverse" };
}

/** The compensation in words, as DESIGN.md and handoff.json state it. */
function compensation(undo: SagaUndo, name: string): string {
  switch (undo.kind) {
    case "reversing-row":
      return `insert a reversing ${name} row that offsets the one this step wrote (append-only: the original stays)`;
    case "set-status":
      return `set ${name}.${undo.field} to ${undo.value}`;
    case "reverse":
      return `reverse the ${name} change (delete the row it inserted or restore the values it changed)`;
  }
}

/** The channel of one saga message: `ordering.check-out.requested`. */
export function sagaEvent(
  service: string,
  useCase: string,
  change: "requested" | "cancelled" | "completed" | "failed",
): string {
  return `${service}.${kebabCase(pascalCase(useCase))}.${change}`;
}

/**
 * True when `useCase` writes in several services (so it runs as a saga) and `entity` lives outside
 * the orchestrator's service: that write happens when the saga's message arrives, not on a client call.
 */
export function isSagaParticipantWrite(
  useCase: UseCase,
  entity: Entity,
  byName: ReadonlyMap<string, Entity>,
): boolean {
  return servicesOf(useCase.writes, byName).length > 1 && primaryService(useCase, byName) !== entity.service;
}
