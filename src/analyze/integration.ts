import { type Entity, Model } from "../model/index.js";
import { EventRegistry } from "./integration/event-registry.js";
import type { Integration } from "./integration/integration-types.js";
import { planProjections } from "./integration/projections.js";
import {
  classifyRelation,
  planReferenceEvents,
  planTenantEvents,
  tenantRelations,
} from "./integration/relations.js";
import { planSagas } from "./integration/sagas.js";

export * from "./integration/integration-types.js";
export {
  HOT_READ_RPS,
  PER_HOP_P99_MS,
  readsCommittedState,
  readsFromProjection,
} from "./integration/projections.js";
export { isSagaParticipantWrite, sagaEvent } from "./integration/sagas.js";
export { primaryService } from "./integration/use-case-services.js";

/**
 * The consistency plan of a model's service cut: the planners (references, tenant erasure,
 * projections, sagas) each ask one event registry for the channels they need, then every relation
 * across services is classified against the sagas and projections planned.
 */
export function analyzeIntegration(model: Model): Integration {
  const byName: ReadonlyMap<string, Entity> = Model.entitiesByName(model);
  const registry = new EventRegistry();
  const crossing = planReferenceEvents(model, byName, registry);
  const tenant = model.tenancy ? byName.get(model.tenancy.entity) : undefined;
  planTenantEvents(model, tenant, registry);
  const hotReads = planProjections(model, byName, registry);
  const sagas = planSagas(model, byName, registry);
  const relations = [
    ...crossing.map(({ entity, field, target, deleted }) =>
      classifyRelation(entity, field, target, deleted, model.useCases, sagas, hotReads),
    ),
    ...tenantRelations(model, tenant),
  ];
  const events = registry.events();
  const publishers = [...new Set(events.map((e) => e.producer))].sort();
  const consumers = [...new Set(events.flatMap((e) => e.consumers))].sort();
  return { relations, events, hotReads, sagas, publishers, consumers };
}
