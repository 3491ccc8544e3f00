import type { Entity } from "../../model/entity.js";
import { Field } from "../../model/field.js";
import type { Model } from "../../model/model.js";
import type { UseCase } from "../../model/use-case.js";
import { kebabCase, pascalCase } from "../naming.js";
import { HOT_READ_RPS } from "./evidence-weights.js";
import type { Assignment } from "./partition-scores.js";
import type { CrossingRelation, EventDefinition, SagaDefinition, SagaStep } from "./service-cut.js";
import { servicesTouched } from "./traffic-costs.js";

export interface ConsistencyPlan {
  readonly crossingRelations: readonly CrossingRelation[];
  readonly events: readonly EventDefinition[];
  readonly sagas: readonly SagaDefinition[];
}

type Payload = { name: string; type: string }[];

interface EventDraft {
  channel: string;
  producer: string;
  consumers: Set<string>;
  payload: Payload;
}

function camelCase(name: string): string {
  return name.length === 0 ? name : (name[0] as string).toLowerCase() + name.slice(1);
}

function keyPayload(entity: Entity): Payload {
  if (entity.key.length === 0) return [{ name: "id", type: "uuid" }];
  return entity.key.map((part) => {
    const field = entity.fields.find((f) => f.name === part);
    return { name: part, type: !field || Field.isRef(field) ? "uuid" : field.type };
  });
}

/** Key plus every field another service may see: secrets and pii stay in the owning service. */
function statePayload(entity: Entity): Payload {
  const payload = keyPayload(entity);
  for (const field of entity.fields) {
    if (entity.key.includes(field.name) || field.secret || field.pii) continue;
    payload.push({ name: field.name, type: Field.isRef(field) ? "uuid" : field.type });
  }
  return payload;
}

/**
 * For every relation the cut puts across a boundary: how it stays consistent without a foreign
 * key or a shared transaction, and the events (published through a transactional outbox) that
 * carry the change. Writes split across services become orchestrated sagas.
 */
export function planConsistency(model: Model, assignment: Assignment): ConsistencyPlan {
  const events = new Map<string, EventDraft>();
  const addEvent = (
    name: string,
    channel: string,
    producer: string,
    consumer: string,
    payload: Payload,
  ): void => {
    let draft = events.get(name);
    if (!draft) {
      draft = { channel, producer, consumers: new Set(), payload };
      events.set(name, draft);
    }
    if (consumer !== producer) draft.consumers.add(consumer);
  };

  const sagas: SagaDefinition[] = [];
  const sagaByUseCase = new Map<UseCase, SagaDefinition>();
  for (const useCase of model.useCases) {
    if (servicesTouched(assignment, useCase.writes).length < 2) continue;
    const saga = planSaga(useCase, assignment, addEvent);
    sagas.push(saga);
    sagaByUseCase.set(useCase, saga);
  }

  const crossing: CrossingRelation[] = [];
  const byName = new Map(model.entities.map((e) => [e.name, e]));
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      if (!Field.isRef(field)) continue;
      const fromService = assignment.get(entity.name);
      const toService = assignment.get(field.target);
      const target = byName.get(field.target);
      if (fromService === undefined || toService === undefined || !target || fromService === toService)
        continue;
      const relation = `${entity.name}.${field.name}`;
      const base = { relation, fromService, target: field.target, toService };
      const deleted = `${field.target}Deleted`;
      const channel = (verb: string) => `${toService}.${kebabCase(field.target)}.${verb}`;
      addEvent(deleted, channel("deleted"), toService, fromService, keyPayload(target));

      const writer = model.useCases.find(
        (u) => u.writes.includes(entity.name) && u.writes.includes(field.target) && sagaByUseCase.has(u),
      );
      if (writer) {
        const saga = sagaByUseCase.get(writer) as SagaDefinition;
        crossing.push({
          ...base,
          mechanism: "saga",
          reason:
            `"${writer.name}" writes ${entity.name} and ${field.target} together: ${saga.name} runs the writes as ` +
            `local transactions with compensations, coordinated by ${saga.orchestrator}`,
          events: [...saga.events, deleted],
        });
        continue;
      }
      const hotReader = model.useCases
        .filter((u) => u.peakRps >= HOT_READ_RPS && touches(u, entity.name) && touches(u, field.target))
        .sort((a, b) => b.peakRps - a.peakRps)[0];
      if (hotReader) {
        const created = `${field.target}Created`;
        const updated = `${field.target}Updated`;
        addEvent(created, channel("created"), toService, fromService, statePayload(target));
        addEvent(updated, channel("updated"), toService, fromService, statePayload(target));
        crossing.push({
          ...base,
          mechanism: "read-projection",
          reason:
            `"${hotReader.name}" reads both at ${hotReader.peakRps} rps: ${fromService} keeps a local read projection of ` +
            `${field.target} fed by ${toService}'s events instead of a synchronous call on every request`,
          events: [created, deleted, updated],
        });
        continue;
      }
      crossing.push({
        ...base,
        mechanism: "id-reference-events",
        reason:
          `${relation} stores only the ${field.target} id (no foreign key across databases); ${toService} publishes ` +
          `${deleted} through its outbox and ${fromService} ${onDeleteReaction(entity.name, field.name, field.onDelete, toService)}`,
        events: [deleted],
      });
    }
  }

  // Hot use cases that read across a boundary with no reference to carry it still need a projection.
  for (const useCase of model.useCases) {
    if (useCase.peakRps < HOT_READ_RPS || sagaByUseCase.has(useCase)) continue;
    const touched = [...new Set([...useCase.reads, ...useCase.writes])];
    const home = homeService(assignment, touched);
    if (home === undefined) continue;
    for (const name of touched) {
      const service = assignment.get(name);
      const target = byName.get(name);
      if (service === undefined || service === home || !target) continue;
      const covered = crossing.some(
        (c) => c.mechanism === "read-projection" && c.fromService === home && c.target === name,
      );
      if (covered) continue;
      const events = (["Created", "Deleted", "Updated"] as const).map((verb) => {
        const event = `${name}${verb}`;
        const payload = verb === "Deleted" ? keyPayload(target) : statePayload(target);
        addEvent(event, `${service}.${kebabCase(name)}.${verb.toLowerCase()}`, service, home, payload);
        return event;
      });
      crossing.push({
        relation: `use case "${useCase.name}"`,
        fromService: home,
        target: name,
        toService: service,
        mechanism: "read-projection",
        reason:
          `"${useCase.name}" reads ${name} from ${service} at ${useCase.peakRps} rps with no reference to follow: ` +
          `${home} keeps a local read projection of ${name} fed by ${service}'s events`,
        events,
      });
    }
  }

  const eventDefinitions: EventDefinition[] = [...events.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, draft]) => ({
      name,
      channel: draft.channel,
      producer: draft.producer,
      consumers: [...draft.consumers].sort(),
      payload: draft.payload,
    }));
  return {
    crossingRelations: crossing.sort(
      (a, b) => a.relation.localeCompare(b.relation) || a.target.localeCompare(b.target),
    ),
    events: eventDefinitions,
    sagas: sagas.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The service holding most of a use case's entities; ties go to the service of the earliest entity. */
function homeService(assignment: Assignment, entities: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const entity of entities) {
    const service = assignment.get(entity);
    if (service !== undefined) counts.set(service, (counts.get(service) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [service, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = service;
  return best;
}

function onDeleteReaction(entity: string, field: string, action: string, owner: string): string {
  if (action === "cascade") return `deletes the ${entity} rows that point at it`;
  if (action === "set-null") return `clears ${entity}.${field} on the rows that point at it`;
  return (
    `treats the id as gone; onDelete ${action} cannot block a delete across databases, so ${owner} ` +
    `soft-deletes or asks before deleting`
  );
}

function touches(useCase: UseCase, entity: string): boolean {
  return useCase.reads.includes(entity) || useCase.writes.includes(entity);
}

function planSaga(
  useCase: UseCase,
  assignment: Assignment,
  addEvent: (name: string, channel: string, producer: string, consumer: string, payload: Payload) => void,
): SagaDefinition {
  const name = pascalCase(useCase.name);
  const stepsByService = new Map<string, string[]>();
  for (const entity of useCase.writes) {
    const service = assignment.get(entity);
    if (service === undefined) continue;
    const list = stepsByService.get(service) ?? [];
    if (!list.includes(entity)) list.push(entity);
    stepsByService.set(service, list);
  }
  const orchestrator = [...stepsByService.keys()][0] as string;
  const ids = (entities: readonly string[]): Payload => [
    { name: "sagaId", type: "uuid" },
    ...entities.map((e) => ({ name: `${camelCase(e)}Id`, type: "uuid" })),
  ];
  const channel = (service: string, verb: string) => `${service}.${kebabCase(name)}.${verb}`;
  const requested = `${name}Requested`;
  const eventNames = [requested];
  const steps: SagaStep[] = [];
  for (const [service, writes] of stepsByService) {
    steps.push({ service, writes, compensation: `revert ${writes.join(", ")} written by this step` });
    if (service === orchestrator) continue;
    addEvent(
      requested,
      channel(orchestrator, "requested"),
      orchestrator,
      service,
      ids(stepsByService.get(orchestrator) ?? []),
    );
    const part = pascalCase(service);
    const completed = `${name}${part}Completed`;
    const failed = `${name}${part}Failed`;
    addEvent(completed, channel(service, "completed"), service, orchestrator, ids(writes));
    addEvent(failed, channel(service, "failed"), service, orchestrator, [
      { name: "sagaId", type: "uuid" },
      { name: "reason", type: "string" },
    ]);
    eventNames.push(completed, failed);
  }
  return {
    name: `${name}Saga`,
    useCase: useCase.name,
    transactional: useCase.transactional,
    orchestrator,
    steps,
    events: eventNames.sort(),
  };
}
