import { type Entity, Field, type Model, type RefField, type UseCase } from "../model/index.js";
import { kebabCase, pascalCase, snakeCase } from "./naming.js";

/**
 * How data stays consistent where the service cut splits it. A relation across services cannot be a
 * foreign key (each service owns its database), so every such relation gets an explicit mechanism.
 * This is the one planner: `design` emits it, and `decompose` reports it for the cut it proposes.
 */

export type ConsistencyMechanism = "id-reference-with-events" | "saga" | "projection";

/** How reports name each mechanism. */
export const MECHANISM_LABEL: Readonly<Record<ConsistencyMechanism, string>> = {
  "id-reference-with-events": "id reference + events",
  projection: "read projection",
  saga: "saga",
};

export interface EventField {
  readonly name: string;
  readonly type: string;
}

const ID_FIELD: EventField = { name: "id", type: "uuid" };
const OCCURRED_AT: EventField = { name: "occurredAt", type: "timestamp" };

export interface DomainEvent {
  /** e.g. `identity.user.deleted`. */
  readonly name: string;
  readonly producer: string;
  readonly consumers: readonly string[];
  readonly entity: string;
  /** `saga` for the messages that coordinate a multi-service write. */
  readonly change: "created" | "updated" | "deleted" | "saga";
  /** JSON properties carried by the event, with their spec types. */
  readonly payload: readonly EventField[];
  readonly purpose: string;
}

export interface CrossServiceRelation {
  readonly fromEntity: string;
  readonly field: string;
  readonly fromService: string;
  readonly toEntity: string;
  readonly toService: string;
  /**
   * `saga` when a use case writes both ends, `projection` when a hot use case of the referring
   * service reads the target (it keeps a local copy), else `id-reference-with-events`.
   */
  readonly mechanism: ConsistencyMechanism;
  /** Why this mechanism, naming the use case that decides it. */
  readonly reason: string;
  /** What the consumer does when the referenced row goes away, and why. */
  readonly onTargetDeleted: string;
  readonly events: readonly string[];
}

export interface HotCrossServiceRead {
  readonly useCase: string;
  readonly peakRps: number;
  readonly owner: string;
  readonly services: readonly string[];
  /** The other services' entities the owner keeps a local copy of. */
  readonly projected: readonly string[];
  readonly mechanism: "projection";
  readonly detail: string;
}

export interface SagaStep {
  readonly service: string;
  /** The entity this step writes, in a local transaction that also writes the outbox. */
  readonly entity: string;
  /** What undoes the step when a later one fails. */
  readonly compensation: string;
}

export interface Saga {
  /** `<UseCase>Saga`, e.g. `CheckOutSaga`. */
  readonly name: string;
  readonly useCase: string;
  /** The use case asked for one transaction, which a saga replaces with compensations. */
  readonly transactional: boolean;
  /** The service that starts the saga and tracks its state: the owner of the first entity written. */
  readonly orchestrator: string;
  readonly participants: readonly string[];
  readonly steps: readonly SagaStep[];
  /**
   * The messages that coordinate it: the orchestrator's requested and cancelled, each participant's
   * completed and failed.
   */
  readonly events: readonly string[];
}

export interface Integration {
  readonly relations: readonly CrossServiceRelation[];
  readonly events: readonly DomainEvent[];
  readonly hotReads: readonly HotCrossServiceRead[];
  readonly sagas: readonly Saga[];
  /** Services that publish events (need an outbox). */
  readonly publishers: readonly string[];
  /** Services that consume events (need an inbox). */
  readonly consumers: readonly string[];
}

/** Reads above this rate that span services are served from a local projection, not a synchronous call. */
export const HOT_READ_RPS = 100;

/**
 * p99 of one synchronous service hop inside one region, including the callee's own database query.
 * Summing p99s over serial hops overstates the p99 of the sum, which errs on the side of caution.
 */
export const PER_HOP_P99_MS = 50;

/**
 * Whether the service answering `useCase` keeps local projections of the other services' entities
 * it reads instead of calling them: when the use case runs at HOT_READ_RPS or more, or when calling
 * those services one after another would pass the latency target (PER_HOP_P99_MS per hop).
 */
export function readsFromProjection(
  useCase: UseCase,
  byName: ReadonlyMap<string, Entity>,
  latencyP99Ms: number,
): boolean {
  const owner = primaryService(useCase, byName);
  const others = servicesOf(useCase.reads, byName).filter((s) => s !== owner);
  if (others.length === 0 || readsCommittedState(useCase)) return false;
  return useCase.peakRps >= HOT_READ_RPS || (1 + others.length) * PER_HOP_P99_MS > latencyP99Ms;
}

export function analyzeIntegration(model: Model): Integration {
  const byName = new Map(model.entities.map((e) => [e.name, e]));
  const eventMap = new Map<string, { event: Omit<DomainEvent, "consumers">; consumers: Set<string> }>();

  const addEvent = (
    target: Entity,
    change: "created" | "updated" | "deleted",
    consumer: string,
    purpose: string,
  ) => {
    // Same channel names as the service cut's event definitions: `<service>.<entity-kebab>.<change>`.
    const name = `${target.service}.${kebabCase(target.name)}.${change}`;
    let entry = eventMap.get(name);
    if (!entry) {
      // Secrets and personal data stay in the owning service: other services get keys and plain state.
      const payload: EventField[] =
        change === "deleted"
          ? [...keyFields(target), OCCURRED_AT]
          : [
              ...keyFields(target),
              ...target.fields
                .filter((f) => !f.secret && !f.pii && !target.key.includes(f.name))
                .map(eventField),
              OCCURRED_AT,
            ];
      entry = {
        event: { name, producer: target.service, entity: target.name, change, payload, purpose },
        consumers: new Set(),
      };
      eventMap.set(name, entry);
    }
    entry.consumers.add(consumer);
    return name;
  };

  const addSagaEvent = (
    name: string,
    producer: string,
    consumers: readonly string[],
    purpose: string,
    extra: readonly EventField[] = [],
  ): string => {
    const entry = eventMap.get(name) ?? {
      event: {
        name,
        producer,
        entity: "",
        change: "saga" as const,
        payload: [
          { name: "sagaId", type: "uuid" },
          { name: "useCase", type: "string" },
          ...extra,
          OCCURRED_AT,
        ],
        purpose,
      },
      consumers: new Set<string>(),
    };
    for (const c of consumers) entry.consumers.add(c);
    eventMap.set(name, entry);
    return name;
  };

  const crossing: { entity: Entity; field: RefField; target: Entity; deleted: string }[] = [];
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      if (!Field.isRef(field)) continue;
      const target = byName.get(field.target);
      if (!target || target.service === entity.service) continue;
      const deleted = addEvent(
        target,
        "deleted",
        entity.service,
        `consumers clean up references to a deleted ${target.name}`,
      );
      crossing.push({ entity, field, target, deleted });
    }
  }

  // Every service that keeps tenant-scoped rows must erase them when the tenant goes: the tenant
  // column is added by archwright, so no field declares this relation.
  const tenant = model.tenancy ? byName.get(model.tenancy.entity) : undefined;
  if (tenant) {
    const scoped = new Set(
      model.entities.filter((e) => e !== tenant && e.service !== tenant.service).map((e) => e.service),
    );
    for (const service of [...scoped].sort()) {
      addEvent(
        tenant,
        "deleted",
        service,
        `${service} deletes every row of the deleted ${tenant.name} (tenant offboarding and erasure)`,
      );
    }
  }

  const hotReads: HotCrossServiceRead[] = [];
  const sagas: Saga[] = [];
  for (const useCase of model.useCases) {
    const readServices = servicesOf(useCase.reads, byName);
    const owner = primaryService(useCase, byName);
    const others = readServices.filter((s) => s !== owner);
    if (readsFromProjection(useCase, byName, model.scale.latencyP99Ms)) {
      const projected = [...new Set(useCase.reads)].filter((name) => {
        const service = byName.get(name)?.service;
        return service !== undefined && service !== owner;
      });
      for (const name of projected) {
        const entity = byName.get(name) as Entity;
        // A copy needs every change: created and updated upsert it, deleted removes it.
        for (const change of projectionChanges(entity))
          addEvent(entity, change, owner, `${owner} keeps a local projection for "${useCase.name}"`);
      }
      hotReads.push({
        useCase: useCase.name,
        peakRps: useCase.peakRps,
        owner,
        services: [...new Set([owner, ...readServices])].sort(),
        projected,
        mechanism: "projection",
        detail: `${
          useCase.peakRps >= HOT_READ_RPS
            ? `At ${useCase.peakRps} rps a synchronous call from ${owner} to ${others.join(", ")} would put their availability and latency on this path`
            : `Calling ${others.join(", ")} from ${owner} one after another would take about ${(1 + others.length) * PER_HOP_P99_MS} ms p99 at ${PER_HOP_P99_MS} ms per hop, over the ${model.scale.latencyP99Ms} ms target`
        }; ${owner} instead keeps a read-only projection of ${projected.join(", ")} fed by their events, accepting seconds of staleness.`,
      });
    }
    const writeServices = servicesOf(useCase.writes, byName);
    if (writeServices.length > 1) {
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
        addSagaEvent(
          sagaEvent(orchestrator, useCase.name, "requested"),
          orchestrator,
          participants,
          `starts "${useCase.name}": each participant does its local write and answers completed or failed`,
          [...subject, ...carried],
        ),
        addSagaEvent(
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
            addSagaEvent(
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
        steps: useCase.writes.map((w) => ({
          service: byName.get(w)?.service ?? "?",
          entity: w,
          compensation: compensation(byName.get(w), w),
        })),
        events: events.sort(),
      });
    }
  }

  const relations = [
    ...crossing.map(({ entity, field, target, deleted }) =>
      classifyRelation(entity, field, target, deleted, model.useCases, sagas, hotReads),
    ),
    ...tenantRelations(model, tenant),
  ];
  const events = [...eventMap.values()]
    .map(({ event, consumers }) => ({ ...event, consumers: [...consumers].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const publishers = [...new Set(events.map((e) => e.producer))].sort();
  const consumers = [...new Set(events.flatMap((e) => e.consumers))].sort();
  return { relations, events, hotReads, sagas, publishers, consumers };
}

/**
 * The changes a projection of `entity` must follow. A row whose every field is immutable (a key part,
 * a reference, or marked `immutable`) is never updated, so its projection needs no `updated` event.
 */
function projectionChanges(entity: Entity): readonly ("created" | "updated" | "deleted")[] {
  return entity.fields.some((f) => !f.immutable) ? ["created", "updated", "deleted"] : ["created", "deleted"];
}

/**
 * A use case that needs committed state reads the owning services, never a projection that lags by
 * seconds: `consistency: strong`, or a transactional use case that did not accept eventual
 * consistency (a balance check must see the balance as it is).
 */
export function readsCommittedState(useCase: UseCase): boolean {
  return useCase.consistency === "strong" || (useCase.transactional && useCase.consistency !== "eventual");
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
function compensation(entity: Entity | undefined, name: string): string {
  // An append-only row is an audit fact: it is never deleted or changed, a reversal offsets it.
  if (entity?.appendOnly)
    return `insert a reversing ${name} row that offsets the one this step wrote (append-only: the original stays)`;
  for (const value of UNDONE_STATUSES) {
    const field = entity?.fields.find(
      (f) => Field.isScalar(f) && f.type === "enum" && f.values?.includes(value),
    );
    if (field) return `set ${name}.${field.name} to ${value}`;
  }
  return `reverse the ${name} change (delete the row it inserted or restore the values it changed)`;
}

/**
 * The tenant column archwright adds to a tenant-scoped entity of another service than the tenant's:
 * a relation no field declares (a declared ref to the tenant is an ordinary relation).
 */
function tenantRelations(model: Model, tenant: Entity | undefined): CrossServiceRelation[] {
  if (!tenant) return [];
  const deleted = `${tenant.service}.${kebabCase(tenant.name)}.deleted`;
  const field = `${tenant.name.charAt(0).toLowerCase()}${tenant.name.slice(1)}`;
  return model.entities
    .filter(
      (e) =>
        e !== tenant &&
        e.service !== tenant.service &&
        !e.fields.some((f) => Field.isRef(f) && f.target === tenant.name),
    )
    .map((entity) => ({
      fromEntity: entity.name,
      field,
      fromService: entity.service,
      toEntity: tenant.name,
      toService: tenant.service,
      mechanism: "id-reference-with-events" as const,
      reason: `every ${entity.name} row carries its tenant's id (${snakeCase(field)}_id, added for tenancy; no foreign key across databases); ${tenant.service} publishes ${deleted} through its outbox`,
      onTargetDeleted: `on ${tenant.name} deleted, ${entity.service} deletes every ${entity.name} row of that tenant (offboarding and erasure)`,
      events: [deleted],
    }));
}

/** The saga's subject in its messages: `orderId` for an Order, or the parts of a composite key. */
function subjectFields(entity: Entity): EventField[] {
  if (entity.key.length > 0) return keyFields(entity);
  return [{ name: `${entity.name.charAt(0).toLowerCase()}${entity.name.slice(1)}Id`, type: "uuid" }];
}

/** The key another service refers to a row by: `id`, or the parts of a composite key. */
function keyFields(entity: Entity): EventField[] {
  if (entity.key.length === 0) return [ID_FIELD];
  return entity.key.map((part) => {
    const field = entity.fields.find((f) => f.name === part);
    return field ? eventField(field) : { name: part, type: "uuid" };
  });
}

function eventField(field: Entity["fields"][number]): EventField {
  return Field.isRef(field)
    ? { name: `${field.name}Id`, type: "uuid" }
    : { name: field.name, type: field.type };
}

/** Picks how one relation across services stays consistent, from the sagas and hot reads already planned. */
function classifyRelation(
  entity: Entity,
  field: RefField,
  target: Entity,
  deleted: string,
  useCases: readonly UseCase[],
  sagas: readonly Saga[],
  hotReads: readonly HotCrossServiceRead[],
): CrossServiceRelation {
  const base = {
    fromEntity: entity.name,
    field: field.name,
    fromService: entity.service,
    toEntity: target.name,
    toService: target.service,
    onTargetDeleted: consumerAction(entity, field, target),
  };
  const saga = sagas.find((s) => {
    const written = useCases.find((u) => u.name === s.useCase)?.writes ?? [];
    return written.includes(entity.name) && written.includes(target.name);
  });
  if (saga) {
    return {
      ...base,
      mechanism: "saga",
      reason: `"${saga.useCase}" writes ${entity.name} and ${target.name} together: ${saga.name} runs the writes as local transactions with compensations, coordinated by ${saga.orchestrator}`,
      events: [...new Set([...saga.events, deleted])].sort(),
    };
  }
  const hot = hotReads
    .filter((h) => h.owner === entity.service && h.projected.includes(target.name))
    .sort((a, b) => b.peakRps - a.peakRps)[0];
  if (hot) {
    const changes = projectionChanges(target)
      .map((c) => `${target.service}.${kebabCase(target.name)}.${c}`)
      .sort();
    return {
      ...base,
      mechanism: "projection",
      reason: `"${hot.useCase}" reads ${target.name} at ${hot.peakRps} rps: ${entity.service} keeps a local read projection of it fed by ${target.service}'s events instead of a synchronous call on every request`,
      events: changes,
    };
  }
  return {
    ...base,
    mechanism: "id-reference-with-events",
    reason: `${entity.name}.${field.name} stores only the ${target.name} id (no foreign key across databases); ${target.service} publishes ${deleted} through its outbox`,
    events: [deleted],
  };
}

function consumerAction(entity: Entity, field: RefField, target: Entity): string {
  const column = `${snakeCase(field.name)}_id`;
  switch (field.onDelete) {
    case "cascade":
      return `on ${target.name} deleted, ${entity.service} deletes its ${entity.name} rows with that ${column}`;
    case "set-null":
      return `on ${target.name} deleted, ${entity.service} sets ${column} to NULL`;
    default:
      return `a database cannot restrict across services: ${entity.service} keeps its ${entity.name} rows and shows the ${target.name} as removed; if they must not outlive it, declare onDelete: cascade or have ${target.service} anonymise ${target.name} rows instead of deleting them`;
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

function servicesOf(names: readonly string[], byName: ReadonlyMap<string, Entity>): string[] {
  return [
    ...new Set(names.map((n) => byName.get(n)?.service).filter((s): s is string => s !== undefined)),
  ].sort();
}

/** The service that answers a use case: the owner of the first entity it writes, else the first it reads. */
export function primaryService(useCase: UseCase, byName: ReadonlyMap<string, Entity>): string {
  const first = useCase.writes[0] ?? useCase.reads[0];
  return (first && byName.get(first)?.service) ?? "core";
}
