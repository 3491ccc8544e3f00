import { deepFreeze, type Model } from "../../model/model.js";
import type { ServiceCut } from "./service-cut.js";

/**
 * A new frozen Model in which every entity whose service archwright chose moves to the service
 * the cut proposes. Entities the author placed stay where they are.
 */
export function applyServiceCut(model: Model, cut: ServiceCut): Model {
  const proposed = new Map<string, string>();
  for (const [service, entities] of Object.entries(cut.services)) {
    for (const entity of entities) proposed.set(entity, service);
  }
  return assignServices(model, proposed);
}

/** A new frozen Model with each entity not placed by the author in the service `assignment` gives it. */
export function assignServices(model: Model, assignment: ReadonlyMap<string, string>): Model {
  const entities = model.entities.map((entity) => {
    const service = assignment.get(entity.name);
    if (entity.serviceExplicit || service === undefined || service === entity.service) return entity;
    return { ...entity, service };
  });
  const services = [...new Set(entities.map((e) => e.service))].sort();
  return deepFreeze({ ...model, entities, services });
}
