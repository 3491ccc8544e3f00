import { type Entity, Field, type Model, type RefField, type UseCase } from "../../model/index.js";
import { kebabCase, snakeCase } from "../naming.js";
import type { EventRegistry } from "./event-registry.js";
import type { CrossServiceRelation, HotCrossServiceRead, Saga } from "./integration-types.js";
import { projectionChanges } from "./projections.js";

/** A reference that crosses services, with the `deleted` event its owner publishes for it. */
export interface CrossingReference {
  readonly entity: Entity;
  readonly field: RefField;
  readonly target: Entity;
  readonly deleted: string;
}

/** Every reference across services: the target's owner publishes `deleted`, the referring service consumes it. */
export function planReferenceEvents(
  model: Model,
  byName: ReadonlyMap<string, Entity>,
  registry: EventRegistry,
): CrossingReference[] {
  const crossing: CrossingReference[] = [];
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      if (!Field.isRef(field)) continue;
      const target = byName.get(field.target);
      if (!target || target.service === entity.service) continue;
      const deleted = registry.entityEvent(
        target,
        "deleted",
        entity.service,
        `consumers clean up references to a deleted ${target.name}`,
      );
      crossing.push({ entity, field, target, deleted });
    }
  }
  return crossing;
}

/**
 * Every service that keeps tenant-scoped rows must erase them when the tenant goes: the tenant
 * column is added by archwright, so no field declares this relation.
 */
export function planTenantEvents(model: Model, tenant: Entity | undefined, registry: EventRegistry): void {
  if (!tenant) return;
  const scoped = new Set(
    model.entities.filter((e) => e !== tenant && e.service !== tenant.service).map((e) => e.service),
  );
  for (const service of [...scoped].sort()) {
    registry.entityEvent(
      tenant,
      "deleted",
      service,
      `${service} deletes every row of the deleted ${tenant.name} (tenant offboarding and erasure)`,
    );
  }
}

/**
 * The tenant column archwright adds to a tenant-scoped entity of another service than the tenant's:
 * a relation no field declares (a declared ref to the tenant is an ordinary relation).
 */
export function tenantRelations(model: Model, tenant: Entity | undefined): CrossServiceRelation[] {
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

/** Picks how one relation across services stays consistent, from the sagas and hot reads already planned. */
export function classifyRelation(
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
