import type {
  Entity,
  Field,
  Model,
  OnDeleteAction,
  RefField,
  ScalarField,
  SortKey,
  SourceLocation,
  UseCase,
} from "../model/index.js";
import { deepFreeze } from "../model/model.js";
import { DEFAULT_ROLES } from "./check-spec.js";
import type { SpecDocument, SpecEntity, SpecField } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

/** Fields whose value grants rights or money by name; the spec can say `privileged: false`. */
const PRIVILEGED_NAME = /^(role|roles|permissions?|plan|tier|isAdmin|admin|isStaff)$/;

/** Entities without `service:` live here until a service cut assigns them. */
export const DEFAULT_SERVICE = "core";

export const SCALE_DEFAULTS = {
  readWriteRatio: 10,
  retentionYears: 3,
  availability: 99.9,
  latencyP99Ms: 300,
} as const;

/** Turns a checked spec document into the frozen Model, applying documented defaults (docs/spec.md). */
export function buildModel(spec: SpecDocument, locator: YamlLocator): Model {
  const at = (...path: (string | number)[]): SourceLocation => locator.locate(path);
  const useCases = (spec.useCases ?? []).map((u, index): UseCase => {
    const sort: Record<string, SortKey[]> = {};
    for (const [entity, value] of Object.entries(u.sort ?? {})) {
      const items = typeof value === "string" ? [value] : value;
      sort[entity] = items.map((raw) => ({
        field: raw.replace(/^-/, ""),
        direction: raw.startsWith("-") ? "desc" : "asc",
      }));
    }
    return {
      name: u.name,
      description: u.description,
      actor: u.actor,
      reads: u.reads ?? [],
      writes: u.writes ?? [],
      filter: u.filter ?? {},
      sort,
      peakRps: u.peakRps,
      transactional: u.transactional ?? false,
      location: at("useCases", index),
      ...(u.consistency ? { consistency: u.consistency } : {}),
      ...(u.rowsPerCall ? { rowsPerCall: u.rowsPerCall } : {}),
    };
  });

  const entities = Object.entries(spec.entities).map(([name, entity]) =>
    buildEntity(name, entity, useCases, locator),
  );
  const services = [...new Set(entities.map((e) => e.service))].sort();
  const availability = spec.scale.availability;

  return deepFreeze({
    file: locator.file,
    system: {
      name: spec.system.name,
      description: spec.system.description,
      teamSize: spec.system.teamSize,
      location: at("system"),
    },
    scale: {
      users: spec.scale.users,
      dailyActiveUsers: spec.scale.dailyActiveUsers,
      peakRequestsPerSecond: spec.scale.peakRequestsPerSecond,
      readWriteRatio: spec.scale.readWriteRatio ?? SCALE_DEFAULTS.readWriteRatio,
      retentionYears: spec.scale.retentionYears ?? SCALE_DEFAULTS.retentionYears,
      availability: availability === undefined ? SCALE_DEFAULTS.availability : Number(availability),
      latencyP99Ms: spec.scale.latencyP99Ms ?? SCALE_DEFAULTS.latencyP99Ms,
      location: at("scale"),
    },
    security: {
      auth: spec.security?.auth ?? ["password"],
      roles: spec.security?.roles ?? DEFAULT_ROLES,
      compliance: spec.security?.compliance ?? [],
      location: at("security"),
    },
    tenancy: spec.tenancy ? { entity: spec.tenancy.entity, location: at("tenancy", "entity") } : undefined,
    capacity: spec.capacity
      ? { overrides: withoutEmptyGroups(spec.capacity), location: at("capacity") }
      : undefined,
    entities,
    useCases,
    services,
  });
}

function buildEntity(
  name: string,
  entity: SpecEntity,
  useCases: readonly UseCase[],
  locator: YamlLocator,
): Entity {
  const key = entity.key ?? [];
  const fields = Object.entries(entity.fields).map(([fieldName, field]) =>
    buildField(
      fieldName,
      field,
      key.includes(fieldName),
      locator.locate(["entities", name, "fields", fieldName], { key: true }),
    ),
  );
  const writers = useCases.filter((u) => u.writes.includes(name));
  // Two writers, or a transactional one, means concurrent updates of the same row are plausible.
  // Append-only rows are never updated, so there is no concurrent update to guard against.
  const versioned =
    entity.versioned ?? (!entity.appendOnly && (writers.length >= 2 || writers.some((u) => u.transactional)));
  return {
    name,
    description: entity.description,
    service: entity.service ?? DEFAULT_SERVICE,
    serviceExplicit: entity.service !== undefined,
    key,
    uniqueTogether: entity.unique ?? [],
    private: entity.private ?? false,
    fields,
    growth: entity.growth
      ? {
          perActiveUserPerDay: entity.growth.perActiveUserPerDay,
          perDay: entity.growth.perDay,
          rows: entity.growth.rows,
        }
      : undefined,
    versioned: versioned && !isPureJoin(key, fields),
    location: locator.locate(["entities", name], { key: true }),
    appendOnly: entity.appendOnly ?? false,
    ...(entity.sumsToZero
      ? {
          sumsToZero: {
            ...entity.sumsToZero,
            location: locator.locate(["entities", name, "sumsToZero"], { key: true }),
          },
        }
      : {}),
  };
}

/** A join row made only of its key never changes after insert, so it needs no version. */
function isPureJoin(key: readonly string[], fields: readonly Field[]): boolean {
  return key.length > 0 && fields.every((f) => key.includes(f.name));
}

function buildField(name: string, field: SpecField, inKey: boolean, location: SourceLocation): Field {
  const base = {
    name,
    description: field.description,
    required: !(field.optional ?? false),
    unique: field.unique ?? false,
    pii: field.pii ?? false,
    secret: field.secret ?? false,
    // A reference moves a row to another parent or owner: that is a deliberate operation, not a PATCH.
    immutable: inKey || (field.immutable ?? field.ref !== undefined),
    serverSet: field.readOnly ?? false,
    privileged: field.privileged ?? PRIVILEGED_NAME.test(name),
    location,
  };
  if (field.ref) {
    const ref: RefField = {
      ...base,
      kind: "ref",
      target: field.ref,
      onDelete: field.onDelete ?? defaultOnDelete(inKey, base.required),
      onDeleteExplicit: field.onDelete !== undefined,
    };
    return ref;
  }
  const scalar: ScalarField = {
    ...base,
    kind: "scalar",
    type: field.type ?? "string",
    max: field.max,
    min: field.min,
    precision: field.type === "decimal" ? (field.precision ?? 19) : undefined,
    scale: field.type === "decimal" ? (field.scale ?? 4) : undefined,
    values: field.values ?? [],
    default: field.default,
  };
  return scalar;
}

/**
 * A key part is composition (the join row means nothing without both ends): cascade. An optional
 * reference can simply be cleared. Anything else must not vanish silently: restrict.
 */
function defaultOnDelete(inKey: boolean, required: boolean): OnDeleteAction {
  if (inKey) return "cascade";
  if (!required) return "set-null";
  return "restrict";
}

function withoutEmptyGroups(
  capacity: NonNullable<SpecDocument["capacity"]>,
): Record<string, Record<string, number | string | string[]>> {
  const out: Record<string, Record<string, number | string | string[]>> = {};
  for (const [group, values] of Object.entries(capacity)) if (values) out[group] = values;
  return out;
}
