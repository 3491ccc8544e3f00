import type { Entity, Model, UseCase } from "../../model/index.js";
import type { EventRegistry } from "./event-registry.js";
import type { HotCrossServiceRead } from "./integration-types.js";
import { primaryService, servicesOf } from "./use-case-services.js";

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

/** Hot or slow reads across services, each served from projections kept by the reading service, with the events that feed them. */
export function planProjections(
  model: Model,
  byName: ReadonlyMap<string, Entity>,
  registry: EventRegistry,
): HotCrossServiceRead[] {
  const hotReads: HotCrossServiceRead[] = [];
  for (const useCase of model.useCases) {
    const readServices = servicesOf(useCase.reads, byName);
    const owner = primaryService(useCase, byName);
    const others = readServices.filter((s) => s !== owner);
    if (!readsFromProjection(useCase, byName, model.scale.latencyP99Ms)) continue;
    const projected = [...new Set(useCase.reads)].filter((name) => {
      const service = byName.get(name)?.service;
      return service !== undefined && service !== owner;
    });
    for (const name of projected) {
      const entity = byName.get(name) as Entity;
      // A copy needs every change: created and updated upsert it, deleted removes it.
      for (const change of projectionChanges(entity))
        registry.entityEvent(
          entity,
          change,
          owner,
          `${owner} keeps a local projection for "${useCase.name}"`,
        );
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
  return hotReads;
}

/**
 * The changes a projection of `entity` must follow. A row whose every field is immutable (a key part,
 * a reference, or marked `immutable`) is never updated, so its projection needs no `updated` event.
 */
export function projectionChanges(entity: Entity): readonly ("created" | "updated" | "deleted")[] {
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
