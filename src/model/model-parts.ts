import type { Role } from "./access.js";
import type { Entity } from "./entity.js";
import type { RefField, ScalarField, ScalarType } from "./field.js";
import { deepFreeze, type Model } from "./model.js";
import type { SourceLocation } from "./source-location.js";
import type { Scale, Security, SystemInfo } from "./system.js";
import type { UseCase } from "./use-case.js";

/**
 * Model elements with every optional property at its plain default, for code that builds a Model
 * without a spec: generated benchmark models, the corpus converter, test fixtures. A new Model
 * property gets its default here once instead of in every hand-written builder.
 */
export const ModelParts = {
  scalarField(
    name: string,
    type: ScalarType,
    location: SourceLocation,
    more: Partial<ScalarField> = {},
  ): ScalarField {
    return {
      ...fieldDefaults(name, location),
      kind: "scalar",
      type,
      max: undefined,
      min: undefined,
      precision: undefined,
      scale: undefined,
      values: [],
      default: undefined,
      ...more,
    };
  },

  refField(name: string, target: string, location: SourceLocation, more: Partial<RefField> = {}): RefField {
    return {
      ...fieldDefaults(name, location),
      kind: "ref",
      target,
      onDelete: "restrict",
      onDeleteExplicit: false,
      ...more,
    };
  },

  entity(
    name: string,
    fields: Entity["fields"],
    location: SourceLocation,
    more: Partial<Entity> = {},
  ): Entity {
    return {
      name,
      description: undefined,
      service: "core",
      serviceExplicit: false,
      key: [],
      uniqueTogether: [],
      private: false,
      fields,
      growth: undefined,
      versioned: false,
      access: undefined,
      location,
      ...more,
    };
  },

  useCase(name: string, peakRps: number, location: SourceLocation, more: Partial<UseCase> = {}): UseCase {
    return {
      name,
      description: undefined,
      actor: more.actors?.[0] ?? more.actor ?? "member",
      actors: more.actors ?? [more.actor ?? "member"],
      operation: undefined,
      reads: [],
      writes: [],
      filter: {},
      sort: {},
      peakRps,
      transactional: false,
      location,
      ...more,
    };
  },

  /** A frozen Model; `services` is derived from the entities, as the spec loader derives it. */
  model(parts: {
    readonly file: string;
    readonly location: SourceLocation;
    readonly entities: readonly Entity[];
    readonly useCases?: readonly UseCase[];
    readonly system?: Partial<Omit<SystemInfo, "location">>;
    readonly scale?: Partial<Omit<Scale, "location">>;
    readonly security?: Partial<Omit<Security, "location">>;
  }): Model {
    const at = parts.location;
    return deepFreeze({
      file: parts.file,
      system: { name: "Model", description: "", teamSize: undefined, ...parts.system, location: at },
      scale: {
        users: 1_000,
        dailyActiveUsers: 100,
        peakRequestsPerSecond: 100,
        readWriteRatio: 10,
        retentionYears: 3,
        availability: 99.9,
        latencyP99Ms: 300,
        ...parts.scale,
        location: at,
      },
      security: {
        auth: ["password"],
        roles: parts.security?.roles ?? ["member", "admin"],
        person: undefined,
        roleDetails: ladderRoles(parts.security?.roles ?? ["member", "admin"], at),
        compliance: [],
        ...parts.security,
        location: at,
      },
      tenancy: undefined,
      capacity: undefined,
      entities: parts.entities,
      useCases: parts.useCases ?? [],
      services: [...new Set(parts.entities.map((e) => e.service))].sort(),
    });
  },
} as const;

/** Plain role names as a ladder: each inherits every role listed before it (the legacy reading). */
export function ladderRoles(names: readonly string[], location: SourceLocation): Role[] {
  return names.map((name, index) => ({
    name,
    person: undefined,
    inherits: names.slice(0, index).reverse(),
    readOnly: false,
    system: false,
    description: undefined,
    plain: true,
    location,
  }));
}

function fieldDefaults(name: string, location: SourceLocation) {
  return {
    name,
    description: undefined,
    required: true,
    unique: false,
    pii: false,
    secret: false,
    immutable: false,
    serverSet: false,
    privileged: false,
    location,
  };
}
