import {
  ANONYMOUS_ACTOR,
  type Entity,
  Field,
  Model,
  type RefField,
  SYSTEM_ACTOR,
  type UseCase,
  type UseCaseOperation,
  WRITING_OPERATIONS,
} from "../../model/index.js";
import { allowsOperation } from "../append-only.js";
import { isSagaParticipantWrite, primaryService, readsFromProjection } from "../integration.js";
import { limitsRows, type ResolvedRule, resolveRule, ruleAppliesTo } from "./access-rules.js";
import { entityAccess } from "./entity-access.js";
import { personEntities, roleDetail, rolesIncluding } from "./roles.js";

export type PlannedKind = "list" | "get" | "create" | "update" | "delete" | "command" | "redirect" | "feed";

export const WRITE_KINDS: ReadonlySet<PlannedKind> = WRITING_OPERATIONS;

/** The rows one role reaches through one operation. */
export interface RoleGrant {
  readonly role: string;
  /** Empty: every row. Otherwise the union of these row-limiting rules. */
  readonly rows: readonly ResolvedRule[];
  /**
   * create: references the caller sends must name rows the caller may read (no message into a
   * conversation one is not a member of). Each with the referenced entity's limiting read rules.
   */
  readonly references: readonly {
    readonly field: RefField;
    readonly target: Entity;
    readonly rules: readonly ResolvedRule[];
  }[];
}

/** One operation an entity exposes, with who may call it and on which rows. */
export interface PlannedOperation {
  readonly kind: PlannedKind;
  readonly entity: Entity;
  /** The operation as a use case stated it (command, redirect, feed, get-by, update fields). */
  readonly stated: UseCaseOperation | undefined;
  /** Use cases it serves, in spec order. */
  readonly useCases: readonly UseCase[];
  /** Those whose requests land on it (a read served from another service's projection does not). */
  readonly callers: readonly UseCase[];
  /** Anyone may call it without a token. */
  readonly public: boolean;
  /** Rows reached by an anonymous caller when public: empty means every row. */
  readonly publicRows: readonly ResolvedRule[];
  /** Roles allowed, in spec order, each with its rows. */
  readonly grants: readonly RoleGrant[];
  /** Actors a use case names whose grant came to nothing (no rule gives them a row). */
  readonly refused: readonly { readonly useCase: UseCase; readonly actor: string; readonly reason: string }[];
  /** The client's request starts work that finishes later (a saga): answer 202 with the row to poll. */
  readonly async: boolean;
  /** update: the fields it may change (undefined: every client-settable field). */
  readonly updateFields: readonly string[] | undefined;
}

/** True when no use case in the spec states its operation: the spec is read the older way. */
export function isLegacySpec(model: Model): boolean {
  return model.useCases.every((u) => u.operation === undefined);
}

interface Draft {
  kind: PlannedKind;
  stated: UseCaseOperation | undefined;
  useCases: UseCase[];
  callers: UseCase[];
}

/**
 * The operations of one entity: exactly those its use cases perform. A use case that states its
 * operation opens that one; one that does not (older specs) opens list and get on what it reads
 * and create, update and delete on what it writes. Only in a spec where no use case states an
 * operation does every entity also get the full set, open to the most privileged role (the
 * original deny-by-default reading).
 */
export function planOperations(model: Model, entity: Entity): readonly PlannedOperation[] {
  // Planned once per (frozen) model and entity: the design checks and the resources both read it.
  let perModel = planCache.get(model);
  if (!perModel) {
    perModel = new Map();
    planCache.set(model, perModel);
  }
  const known = perModel.get(entity.name);
  if (known) return known;
  const planned = plan(model, entity);
  perModel.set(entity.name, planned);
  return planned;
}

const planCache = new WeakMap<Model, Map<string, readonly PlannedOperation[]>>();

function plan(model: Model, entity: Entity): PlannedOperation[] {
  const byName = Model.entitiesByName(model);
  const drafts = new Map<string, Draft>();
  const add = (
    key: string,
    kind: PlannedKind,
    stated: UseCaseOperation | undefined,
    u: UseCase | undefined,
    calls = true,
  ) => {
    let draft = drafts.get(key);
    if (!draft) {
      draft = { kind, stated, useCases: [], callers: [] };
      drafts.set(key, draft);
    }
    if (u && !draft.useCases.includes(u)) draft.useCases.push(u);
    if (u && calls && !draft.callers.includes(u)) draft.callers.push(u);
  };
  const legacy = isLegacySpec(model);
  if (legacy)
    for (const kind of ["list", "create", "get", "update", "delete"] as const)
      add(kind, kind, undefined, undefined);
  for (const u of model.useCases) {
    const op = u.operation;
    if (op) {
      if (op.entity !== entity.name) continue;
      if (WRITE_KINDS.has(op.kind) && isSagaParticipantWrite(u, entity, byName)) continue;
      add(operationKey(op), op.kind, op, u);
      continue;
    }
    if (u.reads.includes(entity.name)) {
      // A use case answered from its own projection of this entity never calls these endpoints;
      // its actor may still read the data.
      const calls =
        entity.service === primaryService(u, byName) ||
        !readsFromProjection(u, byName, model.scale.latencyP99Ms);
      add("list", "list", undefined, u, calls);
      add("get", "get", undefined, u, calls);
    }
    // A saga step is the saga's work, not a reason to open this entity's writes to the use case's actor.
    if (u.writes.includes(entity.name) && !isSagaParticipantWrite(u, entity, byName)) {
      for (const kind of ["create", "update", "delete"] as const) add(kind, kind, undefined, u);
    }
  }
  const order: PlannedKind[] = ["list", "create", "get", "update", "delete", "command", "redirect", "feed"];
  return [...drafts.values()]
    .filter((d) => allowsOperation(entity, d.kind))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((d) => finish(model, entity, d, legacy));
}

function operationKey(op: UseCaseOperation): string {
  switch (op.kind) {
    case "command":
      return `command:${op.name}`;
    case "get":
      return op.by ? `get:${op.by}` : "get";
    case "redirect":
      return `redirect:${op.by}`;
    case "feed":
      return `feed:${op.via}`;
    default:
      return op.kind;
  }
}

function finish(model: Model, entity: Entity, draft: Draft, legacy: boolean): PlannedOperation {
  const writes = WRITE_KINDS.has(draft.kind);
  const access = entityAccess(model, entity);
  const rules = writes ? access.write : access.read;
  const byName = Model.entitiesByName(model);
  const refused: { useCase: UseCase; actor: string; reason: string }[] = [];
  const grants = new Map<string, ResolvedRule[] | "all">();
  let isPublic = false;
  let publicRows: readonly ResolvedRule[] = [];
  const sagaEntry =
    draft.kind === "create" &&
    draft.useCases.some((u) => {
      const services = new Set(u.writes.map((w) => byName.get(w)?.service));
      return services.size > 1 && primaryService(u, byName) === entity.service;
    });

  const merge = (role: string, rows: ResolvedRule[] | "all") => {
    const before = grants.get(role);
    if (before === "all" || rows === "all") grants.set(role, "all");
    else grants.set(role, [...(before ?? []), ...rows.filter((r) => !(before ?? []).includes(r))]);
  };
  const rowsOf = (applicable: readonly ResolvedRule[]): ResolvedRule[] | "all" =>
    applicable.every(limitsRows) ? [...applicable] : "all";
  let open: ResolvedRule[] = [];
  for (const u of draft.useCases) {
    // A list may narrow the entity's read rules (checked to stay within them); a command may name
    // the rows it runs on instead of the write rules (a driver accepts any requested trip).
    const stated = u.operation;
    const own =
      stated?.kind === "list" && stated.whose
        ? stated.whose.map((r) => resolveRule(model, entity, r))
        : stated?.kind === "command" && stated.whose
          ? stated.whose.map((r) => resolveRule(model, entity, r))
          : rules;
    for (const actor of u.actors) {
      if (actor === SYSTEM_ACTOR) continue;
      if (actor === ANONYMOUS_ACTOR) {
        const unauthenticated = own.filter((r) => r.kind === "public" || r.kind === "any");
        if (unauthenticated.length === 0 || writes) {
          refused.push({
            useCase: u,
            actor,
            reason: writes
              ? "anonymous callers cannot write"
              : `no read rule of ${entity.name} is public or any`,
          });
          continue;
        }
        isPublic = true;
        open = [...open, ...unauthenticated.filter((r) => !open.includes(r))];
        continue;
      }
      for (const role of rolesIncluding(model, actor)) {
        if (writes && roleDetail(model, role)?.readOnly) {
          if (role === actor) refused.push({ useCase: u, actor, reason: `${role} is read-only` });
          continue;
        }
        const applicable = own.filter((r) => ruleAppliesTo(model, r, role));
        if (applicable.length === 0) {
          if (role === actor)
            refused.push({
              useCase: u,
              actor,
              reason: `no ${writes ? "write" : "read"} rule of ${entity.name} grants ${role} a row`,
            });
          continue;
        }
        merge(role, rowsOf(applicable));
      }
    }
  }
  // A public operation needs no token: every role reaches at least what an anonymous caller does.
  if (isPublic) {
    const anonymousRows = rowsOf(open);
    publicRows = anonymousRows === "all" ? [] : anonymousRows;
    for (const role of model.security.roles) merge(role, anonymousRows);
  }
  // The original reading: an operation no use case asks for is open to the most privileged role.
  if (legacy && draft.useCases.length === 0) {
    const top = model.security.roles.at(-1);
    if (top) grants.set(top, "all");
  }
  const ordered = model.security.roles
    .filter((r) => grants.has(r))
    .map((role): RoleGrant => {
      const rows = grants.get(role);
      return {
        role,
        rows: rows === "all" || rows === undefined ? [] : rows,
        references: draft.kind === "create" ? visibleReferences(model, entity, role) : [],
      };
    });
  const stated = draft.stated;
  const fields = draft.useCases.flatMap((u) =>
    u.operation?.kind === "update" ? [u.operation.fields] : u.operation ? [] : [undefined],
  );
  return {
    kind: draft.kind,
    entity,
    stated,
    useCases: draft.useCases,
    callers: draft.callers,
    public: isPublic,
    publicRows,
    grants: ordered,
    refused,
    async: sagaEntry,
    updateFields:
      draft.kind !== "update" || fields.length === 0 || fields.some((f) => f === undefined)
        ? undefined
        : [...new Set(fields.flatMap((f) => f ?? []))],
  };
}

/**
 * The client-sent parent references of a new row (the row belongs to its target: a cascading
 * reference or a key part) whose target the role may read only in part: the create must name one
 * of those rows, so nobody writes into a conversation they cannot see. A plain reference (a
 * transfer's payee account) may name any row, and so may a reference to a person (whom to follow).
 * Owner and tenant references come from the token.
 */
function visibleReferences(model: Model, entity: Entity, role: string): RoleGrant["references"] {
  const byName = Model.entitiesByName(model);
  const tokenSet = new Set(
    entityAccess(model, entity)
      .write.filter((r) => r.kind === "owner" && r.path.length === 1)
      .map((r) => (r.kind === "owner" ? r.path[0]?.name : undefined)),
  );
  const persons = new Set(personEntities(model).map((p) => p.name));
  const out: { field: RefField; target: Entity; rules: ResolvedRule[] }[] = [];
  for (const field of entity.fields) {
    if (!Field.isRef(field) || field.serverSet || tokenSet.has(field.name)) continue;
    if (field.onDelete !== "cascade" && !entity.key.includes(field.name)) continue;
    // A reference to a person (whom to follow, whom to add) names someone, not a container.
    if (persons.has(field.target)) continue;
    if (model.tenancy && field.target === model.tenancy.entity) continue;
    const target = byName.get(field.target);
    if (!target || target === entity) continue;
    const applicable = entityAccess(model, target).read.filter((r) => ruleAppliesTo(model, r, role));
    if (applicable.length === 0 || !applicable.every(limitsRows)) continue;
    out.push({ field, target, rules: applicable });
  }
  return out;
}
