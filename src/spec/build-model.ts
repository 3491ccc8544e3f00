import type {
  AccessRule,
  AccessRuleShape,
  Entity,
  EntityAccess,
  Field,
  Model,
  OnDeleteAction,
  RefField,
  Role,
  ScalarField,
  SortKey,
  SourceLocation,
  UseCase,
  UseCaseOperation,
} from "../model/index.js";
import { deepFreeze } from "../model/model.js";
import { WRITING_OPERATIONS } from "../model/use-case-operation.js";
import { DEFAULT_ROLES, roleNames } from "./spec-roles.js";
import type {
  SpecAccessRule,
  SpecDocument,
  SpecEntity,
  SpecField,
  SpecRole,
  SpecUseCase,
} from "./spec-schema.js";
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
    const actors = typeof u.actor === "string" ? [u.actor] : u.actor;
    const operation = buildOperation(spec, u, ["useCases", index], at);
    const reads = [...(u.reads ?? [])];
    const writes = [...(u.writes ?? [])];
    // The entity an operation acts on is data the use case touches, whether or not the spec
    // repeats it under reads/writes: capacity, service cuts and sagas count it.
    if (operation) {
      const touched = WRITING_OPERATIONS.has(operation.kind) ? writes : reads;
      if (!touched.includes(operation.entity)) touched.unshift(operation.entity);
      if (operation.kind === "feed" && !reads.includes(operation.via)) reads.push(operation.via);
    }
    return {
      name: u.name,
      description: u.description,
      actor: actors[0] ?? "",
      actors,
      operation,
      reads,
      writes,
      filter: u.filter ?? {},
      sort,
      peakRps: u.peakRps,
      transactional: u.transactional ?? false,
      location: at("useCases", index),
      ...(u.consistency ? { consistency: u.consistency } : {}),
      ...(u.rowsPerCall ? { rowsPerCall: u.rowsPerCall } : {}),
      ...(u.hotRows ? { hotRows: u.hotRows } : {}),
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
      roles: roleNames(spec),
      person: spec.security?.person,
      roleDetails: buildRoles(spec, at),
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
    access: entity.access ? buildAccess(entity.access, ["entities", name, "access"], locator) : undefined,
    location: locator.locate(["entities", name], { key: true }),
    appendOnly: entity.appendOnly ?? false,
    ...(entity.retention ? { retentionDays: retentionDays(entity.retention) } : {}),
    ...(entity.ephemeral ? { ephemeral: true } : {}),
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

const DAYS_PER_UNIT: Readonly<Record<string, number>> = { d: 1, w: 7, m: 30, y: 365 };

/** `30d`, `12w`, `18m`, `7y` in days (a month is 30 days, a year 365). */
export function retentionDays(text: string): number {
  return Number(text.slice(0, -1)) * (DAYS_PER_UNIT[text.slice(-1)] ?? 1);
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

/**
 * Plain role names form a ladder (each inherits every plain name listed before it), which is how
 * specs were read before roles could be declared; an object role inherits exactly what it names.
 * Inheritance is closed transitively here so every later stage asks one question: "does R include Q".
 */
function buildRoles(spec: SpecDocument, at: (...path: (string | number)[]) => SourceLocation): Role[] {
  const declared: SpecRole[] = spec.security?.roles ?? DEFAULT_ROLES;
  const direct = new Map<string, string[]>();
  const plainBefore: string[] = [];
  for (const role of declared) {
    if (typeof role === "string") {
      direct.set(role, [...plainBefore].reverse());
      plainBefore.push(role);
    } else {
      direct.set(role.name, [...(role.inherits ?? [])]);
    }
  }
  const closure = (name: string): string[] => {
    const seen: string[] = [];
    const queue = [...(direct.get(name) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (next === name || seen.includes(next)) continue;
      seen.push(next);
      queue.push(...(direct.get(next) ?? []));
    }
    return seen;
  };
  return declared.map((role, index): Role => {
    const name = typeof role === "string" ? role : role.name;
    const location = at("security", "roles", index);
    if (typeof role === "string") {
      return {
        name,
        person: undefined,
        inherits: closure(name),
        readOnly: false,
        system: false,
        description: undefined,
        plain: true,
        location,
      };
    }
    return {
      name,
      person: role.person === "none" ? null : role.person,
      inherits: closure(name),
      readOnly: role.readOnly ?? false,
      system: role.system ?? false,
      description: role.description,
      plain: false,
      location,
    };
  });
}

function buildAccess(
  access: NonNullable<SpecEntity["access"]>,
  path: (string | number)[],
  locator: YamlLocator,
): EntityAccess {
  const rules = (key: "read" | "write") => {
    const value = access[key];
    if (value === undefined) return undefined;
    return buildRules(value, [...path, key], (p) => locator.locate(p));
  };
  return { read: rules("read"), write: rules("write"), location: locator.locate(path, { key: true }) };
}

/** Rules as written (one, or a list), each located at its own item. */
export function buildRules(
  value: SpecAccessRule | readonly SpecAccessRule[],
  path: (string | number)[],
  locate: (path: (string | number)[]) => SourceLocation,
): AccessRule[] {
  const list = Array.isArray(value) ? value : [value as SpecAccessRule];
  return list.map((rule, i) => buildRule(rule, locate(Array.isArray(value) ? [...path, i] : path)));
}

function buildRule(rule: SpecAccessRule, location: SourceLocation): AccessRule {
  const when = typeof rule === "string" ? undefined : rule.when;
  return { ...buildRuleShape(rule, location), when } as AccessRule;
}

function buildRuleShape(rule: SpecAccessRule, location: SourceLocation): AccessRuleShape {
  const rolesOf = (r: string | readonly string[] | undefined) =>
    r === undefined ? undefined : typeof r === "string" ? [r] : [...r];
  if (typeof rule === "string") {
    switch (rule) {
      case "public":
        return { kind: "public", location };
      case "any":
        return { kind: "any", roles: undefined, location };
      // Shorthands: the owner field and the join entity are found from the model in analyze/access.
      case "owner":
        return { kind: "owner", path: [], roles: undefined, location };
      case "member":
        return { kind: "member", via: "", of: [], caller: undefined, roles: undefined, location };
    }
  }
  if ("owner" in rule)
    return { kind: "owner", path: rule.owner.split("."), roles: rolesOf(rule.roles), location };
  if ("member" in rule)
    return {
      kind: "member",
      via: rule.member,
      of: rule.of ? rule.of.split(".") : [],
      caller: rule.caller,
      roles: rolesOf(rule.roles),
      location,
    };
  if ("public" in rule) return { kind: "public", location };
  if ("any" in rule) return { kind: "any", roles: undefined, location };
  return { kind: "role", roles: rolesOf(rule.role) ?? [], location };
}

function buildOperation(
  spec: SpecDocument,
  u: SpecUseCase,
  path: (string | number)[],
  at: (...path: (string | number)[]) => SourceLocation,
): UseCaseOperation | undefined {
  const location = (key: string) => at(...path, key);
  const entityOf = (value: string | { entity: string }) => (typeof value === "string" ? value : value.entity);
  if (u.create) return { kind: "create", entity: u.create, location: location("create") };
  if (u.delete) return { kind: "delete", entity: u.delete, location: location("delete") };
  if (u.get)
    return {
      kind: "get",
      entity: entityOf(u.get),
      by: typeof u.get === "string" ? undefined : u.get.by,
      location: location("get"),
    };
  if (u.update)
    return {
      kind: "update",
      entity: entityOf(u.update),
      fields: typeof u.update === "string" ? undefined : u.update.fields,
      location: location("update"),
    };
  if (u.list) {
    const whose = typeof u.list === "string" ? undefined : u.list.whose;
    return {
      kind: "list",
      entity: entityOf(u.list),
      whose: whose === undefined ? undefined : buildRules(whose, [...path, "list", "whose"], (p) => at(...p)),
      location: location("list"),
    };
  }
  if (u.command)
    return {
      kind: "command",
      entity: u.command.entity,
      name: u.command.name,
      field: u.command.field,
      from: u.command.from,
      to: u.command.to,
      assigns: u.command.assigns,
      whose:
        u.command.whose === undefined
          ? undefined
          : buildRules(u.command.whose, [...path, "command", "whose"], (p) => at(...p)),
      location: location("command"),
    };
  if (u.redirect)
    return {
      kind: "redirect",
      entity: u.redirect.entity,
      by: u.redirect.by,
      to: u.redirect.to,
      location: location("redirect"),
    };
  if (u.feed) {
    // Defaults: the join's first reference is the caller, its other reference names whose rows
    // appear, and the entity's reference to that same kind of row is what they are compared with.
    const refs = (name: string) =>
      Object.entries(spec.entities[name]?.fields ?? {}).filter(([, f]) => f.ref !== undefined);
    const viaRefs = refs(u.feed.via);
    const caller = u.feed.caller ?? viaRefs[0]?.[0] ?? "";
    const match = u.feed.match ?? viaRefs.find(([n]) => n !== caller)?.[0] ?? "";
    const matchTarget = spec.entities[u.feed.via]?.fields[match]?.ref;
    const on = u.feed.on ?? refs(u.feed.entity).find(([, f]) => f.ref === matchTarget)?.[0] ?? "";
    return {
      kind: "feed",
      entity: u.feed.entity,
      via: u.feed.via,
      caller,
      match,
      on,
      location: location("feed"),
    };
  }
  return undefined;
}
