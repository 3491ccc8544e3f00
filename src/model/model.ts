import type { Entity } from "./entity.js";
import type { Field } from "./field.js";
import type { CapacityOverrideSection, Scale, Security, SystemInfo, Tenancy } from "./system.js";
import type { UseCase } from "./use-case.js";

/**
 * The one structure every stage shares. Front-ends build it, analyses read it, emitters never
 * see the input text. Built models are deeply frozen.
 */
export interface Model {
  readonly file: string;
  readonly system: SystemInfo;
  readonly scale: Scale;
  readonly security: Security;
  readonly tenancy: Tenancy | undefined;
  /** The spec's `capacity:` section: per-node assumptions that replace the documented defaults. */
  readonly capacity: CapacityOverrideSection | undefined;
  /** In spec order. */
  readonly entities: readonly Entity[];
  readonly useCases: readonly UseCase[];
  /** Service names, sorted, derived from entities. */
  readonly services: readonly string[];
}

const byNameCache = new WeakMap<Model, ReadonlyMap<string, Entity>>();

export const Model = {
  /** Entity lookup by name, built once per (frozen) model rather than once per caller. */
  entitiesByName(model: Model): ReadonlyMap<string, Entity> {
    let map = byNameCache.get(model);
    if (!map) {
      map = new Map(model.entities.map((e) => [e.name, e]));
      byNameCache.set(model, map);
    }
    return map;
  },
  entity(model: Model, name: string): Entity | undefined {
    return model.entities.find((e) => e.name === name);
  },
  entitiesOf(model: Model, service: string): readonly Entity[] {
    return model.entities.filter((e) => e.service === service);
  },
  field(entity: Entity, name: string): Field | undefined {
    return entity.fields.find((f) => f.name === name);
  },
} as const;

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
