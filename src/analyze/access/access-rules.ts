import {
  type AccessRule,
  type Entity,
  Field,
  Model,
  type RefField,
  type SourceLocation,
} from "../../model/index.js";
import { columnName, tableName } from "../naming.js";
import { includesRole, personEntities, personEntityOf } from "./roles.js";

/**
 * An access rule with its shorthand resolved against the model: the reference chain an `owner`
 * rule follows, the join entity and references a `member` rule goes through.
 */
export type ResolvedRule = ResolvedShape & {
  /** Rows in these states only: each enum field with its allowed values. */
  readonly when: readonly StateCondition[];
};

export interface StateCondition {
  readonly field: string;
  readonly column: string;
  readonly values: readonly string[];
}

type ResolvedShape =
  | { readonly kind: "public"; readonly location: SourceLocation | undefined }
  | { readonly kind: "any"; readonly location: SourceLocation | undefined }
  | {
      readonly kind: "role";
      readonly roles: readonly string[];
      readonly location: SourceLocation | undefined;
    }
  | {
      readonly kind: "owner";
      /** References from the entity to the person row; empty: the row is the caller's own person row. */
      readonly path: readonly RefField[];
      /** The person entity the path ends at. */
      readonly person: string;
      readonly roles: readonly string[] | undefined;
      readonly location: SourceLocation | undefined;
    }
  | {
      readonly kind: "member";
      readonly via: Entity;
      /** The join entity's reference to the caller's person row. */
      readonly viaCaller: RefField;
      /** The join entity's reference to the row it grants (this entity, or the end of `of`). */
      readonly viaTarget: RefField;
      /** References from the entity to the granted row; empty: the entity itself. */
      readonly of: readonly RefField[];
      readonly person: string;
      readonly roles: readonly string[] | undefined;
      readonly location: SourceLocation | undefined;
    };

export class AccessRuleError extends Error {
  constructor(
    message: string,
    readonly location: SourceLocation,
    readonly expected?: string,
  ) {
    super(message);
  }
}

/** Resolves one rule of `entity`; throws AccessRuleError (located) when the model cannot satisfy it. */
export function resolveRule(model: Model, entity: Entity, rule: AccessRule): ResolvedRule {
  return { ...resolveShape(model, entity, rule), when: resolveWhen(entity, rule) } as ResolvedRule;
}

function resolveWhen(entity: Entity, rule: AccessRule): StateCondition[] {
  return Object.entries(rule.when ?? {}).map(([name, values]) => {
    const field = entity.fields.find((f) => f.name === name);
    if (!field || !Field.isScalar(field) || field.type !== "enum")
      throw new AccessRuleError(
        `\`when\` names \`${name}\`, which is not an enum field of \`${entity.name}\``,
        rule.location,
        `one of ${
          entity.fields
            .filter((f) => Field.isScalar(f) && f.type === "enum")
            .map((f) => f.name)
            .join(", ") || "(no enum fields)"
        }`,
      );
    for (const value of values)
      if (!field.values.includes(value))
        throw new AccessRuleError(
          `\`when\` names \`${value}\`, which is not a value of \`${entity.name}.${name}\``,
          rule.location,
          `one of ${field.values.join(", ")}`,
        );
    return { field: name, column: columnName(name, false), values };
  });
}

function resolveShape(model: Model, entity: Entity, rule: AccessRule): ResolvedShape {
  switch (rule.kind) {
    case "public":
    case "any":
      return rule.kind === "any" && rule.roles
        ? { kind: "role", roles: rule.roles, location: rule.location }
        : { kind: rule.kind, location: rule.location };
    case "role":
      return { kind: "role", roles: rule.roles, location: rule.location };
    case "owner": {
      if (rule.path.length === 0) {
        const found = ownerPath(model, entity, 1);
        if (!found) {
          const persons = personEntities(model).map((e) => e.name);
          throw new AccessRuleError(
            `\`owner\` on \`${entity.name}\`: it has no required reference to a person entity${persons.length ? ` (${persons.join(", ")})` : ""}`,
            rule.location,
            persons.length
              ? `a reference path such as \`{ owner: account.owner }\`, or declare the person entity of the role (security.roles[].person)`
              : "declare which entity is the signed-in person: security.person or security.roles[].person",
          );
        }
        return { kind: "owner", ...found, roles: rule.roles, location: rule.location };
      }
      const chain = followPath(model, entity, rule.path, rule.location);
      const end = chain.at(-1)?.target ?? entity.name;
      if (!personEntities(model).some((p) => p.name === end)) {
        throw new AccessRuleError(
          `\`owner: ${rule.path.join(".")}\` on \`${entity.name}\` ends at \`${end}\`, which is no role's person entity`,
          rule.location,
          `a path ending at ${
            personEntities(model)
              .map((p) => p.name)
              .join(" or ") || "a person entity (declare security.person)"
          }`,
        );
      }
      return { kind: "owner", path: chain, person: end, roles: rule.roles, location: rule.location };
    }
    case "member":
      return resolveMember(model, entity, rule);
  }
}

function resolveMember(
  model: Model,
  entity: Entity,
  rule: Extract<AccessRule, { kind: "member" }>,
): ResolvedShape {
  const byName = Model.entitiesByName(model);
  const persons = new Set(personEntities(model).map((p) => p.name));
  const candidates: { via: Entity; of: RefField[]; toPerson: RefField; toTarget: RefField }[] = [];
  const targets: { of: RefField[]; target: string }[] = [{ of: [], target: entity.name }];
  for (const f of entity.fields) if (Field.isRef(f)) targets.push({ of: [f], target: f.target });
  const explicitOf = rule.of.length > 0 ? followPath(model, entity, rule.of, rule.location) : undefined;
  const joins = rule.via ? [byName.get(rule.via)].filter((e): e is Entity => !!e) : model.entities;
  if (rule.via && joins.length === 0)
    throw new AccessRuleError(`\`member: ${rule.via}\` names no entity`, rule.location);
  for (const via of joins) {
    if (via === entity && !rule.via) continue;
    for (const t of explicitOf
      ? [{ of: explicitOf, target: explicitOf.at(-1)?.target ?? entity.name }]
      : targets) {
      const named = rule.caller ? via.fields.find((f) => f.name === rule.caller) : undefined;
      if (rule.caller && (!named || !Field.isRef(named) || !persons.has(named.target)))
        throw new AccessRuleError(
          `\`caller: ${rule.caller}\` is not a reference of \`${via.name}\` to a person entity`,
          rule.location,
        );
      // The caller's reference: the named one, else one to a person that is not the shared row's.
      const toPerson =
        (named as RefField | undefined) ??
        via.fields.find(
          (f): f is RefField => Field.isRef(f) && persons.has(f.target) && f.target !== t.target,
        ) ??
        via.fields.find((f): f is RefField => Field.isRef(f) && persons.has(f.target));
      const toTarget = via.fields.find(
        (f): f is RefField => Field.isRef(f) && f.target === t.target && f !== toPerson,
      );
      if (toTarget && toPerson) candidates.push({ via, of: t.of, toPerson, toTarget });
    }
  }
  const described = rule.via ? `\`member: ${rule.via}\`` : "`member`";
  if (candidates.length === 0)
    throw new AccessRuleError(
      `${described} on \`${entity.name}\`: no entity joins a person entity to \`${entity.name}\`${rule.via ? "" : " or to a row it references"}`,
      rule.location,
      "a join entity with a reference to the person entity and one to the shared row, e.g. Membership { user, conversation }",
    );
  // Prefer the entity itself over a referenced row, then the first join in spec order.
  const direct = candidates.filter((c) => c.of.length === 0);
  const near = direct.length > 0 ? direct : candidates;
  // A join row (its key, or a unique group, is the two references) says membership; a message
  // that merely has a sender and a conversation does not.
  const isJoin = (c: (typeof candidates)[number]) => {
    const pair = [c.toPerson.name, c.toTarget.name].sort().join(",");
    return [c.via.key, ...c.via.uniqueTogether].some((group) => [...group].sort().join(",") === pair);
  };
  const pairs = near.filter(isJoin);
  const pool = pairs.length > 0 ? pairs : near;
  if (!rule.via && new Set(pool.map((c) => c.via.name)).size > 1)
    throw new AccessRuleError(
      `\`member\` on \`${entity.name}\` is ambiguous: ${[...new Set(pool.map((c) => c.via.name))].join(", ")} each join a person to it`,
      rule.location,
      `name the join entity: { member: ${pool[0]?.via.name} }`,
    );
  const chosen = pool[0] as { via: Entity; of: RefField[]; toPerson: RefField; toTarget: RefField };
  const viaTarget = chosen.toTarget;
  const viaCaller = chosen.toPerson;
  return {
    kind: "member",
    via: chosen.via,
    viaCaller,
    viaTarget,
    of: chosen.of,
    person: viaCaller.target,
    roles: rule.roles,
    location: rule.location,
  };
}

function followPath(
  model: Model,
  entity: Entity,
  path: readonly string[],
  location: SourceLocation,
): RefField[] {
  const byName = Model.entitiesByName(model);
  const chain: RefField[] = [];
  let current: Entity = entity;
  for (const name of path) {
    const field = current.fields.find((f) => f.name === name);
    if (!field || !Field.isRef(field)) {
      throw new AccessRuleError(
        `\`${path.join(".")}\`: \`${current.name}\` has no reference field \`${name}\``,
        location,
        `one of ${
          current.fields
            .filter(Field.isRef)
            .map((f) => f.name)
            .join(", ") || "(no references)"
        }`,
      );
    }
    chain.push(field);
    const next = byName.get(field.target);
    if (!next) break;
    current = next;
  }
  return chain;
}

/**
 * The nearest required reference path from `entity` to a person entity, at most `depth` hops; the
 * empty path when the entity is itself a person entity.
 */
export function ownerPath(
  model: Model,
  entity: Entity,
  depth: number,
): { path: RefField[]; person: string } | undefined {
  const persons = new Set(personEntities(model).map((p) => p.name));
  if (persons.has(entity.name)) return { path: [], person: entity.name };
  const byName = Model.entitiesByName(model);
  let frontier: { entity: Entity; path: RefField[] }[] = [{ entity, path: [] }];
  for (let hop = 0; hop < depth; hop++) {
    const next: { entity: Entity; path: RefField[] }[] = [];
    for (const node of frontier) {
      for (const f of node.entity.fields) {
        if (!Field.isRef(f) || !f.required || f.target === node.entity.name) continue;
        const path = [...node.path, f];
        if (persons.has(f.target)) return { path, person: f.target };
        const target = byName.get(f.target);
        if (target) next.push({ entity: target, path });
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Does this rule grant rows to `role`? */
export function ruleAppliesTo(model: Model, rule: ResolvedShape, role: string): boolean {
  switch (rule.kind) {
    case "public":
    case "any":
      return true;
    case "role":
      return rule.roles.some((r) => includesRole(model, role, r));
    case "owner":
    case "member":
      return (
        personEntityOf(model, role)?.name === rule.person &&
        (rule.roles === undefined || rule.roles.some((r) => includesRole(model, role, r)))
      );
  }
}

/** True when the rule limits rows (owner, member, or only some states), false when it grants every row. */
export function limitsRows(rule: ResolvedRule): boolean {
  return rule.kind === "owner" || rule.kind === "member" || rule.when.length > 0;
}

/** The rows a rule grants, in words: "rows whose `author` is the caller". */
export function describeRule(rule: ResolvedRule): string {
  const states = rule.when.map((w) => `\`${w.field}\` is ${w.values.map((v) => `\`${v}\``).join(" or ")}`);
  const base = describeShape(rule);
  if (states.length === 0) return base;
  return `${base.replace(/^every row( \([^)]*\))?(, to anyone)?/, "rows")} where ${states.join(" and ")}`;
}

function describeShape(rule: ResolvedShape): string {
  switch (rule.kind) {
    case "public":
      return "every row, to anyone";
    case "any":
      return "every row";
    case "role":
      return `every row (${rule.roles.join(", ")})`;
    case "owner":
      return rule.path.length === 0
        ? "only the caller's own row"
        : `rows whose \`${rule.path.map((f) => f.name).join(".")}\` is the caller`;
    case "member":
      return `rows ${rule.of.length ? `whose \`${rule.of.map((f) => f.name).join(".")}\` has` : "that have"} a ${rule.via.name} with \`${rule.viaCaller.name}\` = the caller`;
  }
}

/**
 * The WHERE condition a rule implies, in SQL over the entity's table, with `:caller` for the
 * caller's person id. Joins through other services' tables are marked for the service to check.
 */
export function ruleFilterSql(model: Model, entity: Entity, rule: ResolvedRule): string {
  const base = shapeFilterSql(model, entity, rule);
  const states = rule.when.map(
    (w) => `${w.column} IN (${w.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`,
  );
  if (states.length === 0) return base;
  return [...(base === "true" ? [] : [base]), ...states].join(" AND ");
}

function shapeFilterSql(model: Model, entity: Entity, rule: ResolvedShape): string {
  switch (rule.kind) {
    case "public":
    case "any":
    case "role":
      return "true";
    case "owner": {
      if (rule.path.length === 0) return "id = :caller";
      return chainSql(model, entity, rule.path, (column) => `${column} = :caller`);
    }
    case "member": {
      // Another service's join table is not in this database: the service asks its projection or API.
      const viaTable =
        rule.via.service === entity.service
          ? tableName(rule.via.name)
          : `${tableName(rule.via.name)} /* ${rule.via.service}'s data: its projection or API */`;
      const membership = (column: string) =>
        `${column} IN (SELECT ${columnName(rule.viaTarget.name, true)} FROM ${viaTable} WHERE ${columnName(rule.viaCaller.name, true)} = :caller)`;
      if (rule.of.length === 0) return membership("id");
      return chainSql(model, entity, rule.of, membership);
    }
  }
}

/** `a_id IN (SELECT id FROM a WHERE <inner on a's column>)` for every hop but the last. */
function chainSql(
  model: Model,
  entity: Entity,
  path: readonly RefField[],
  last: (column: string) => string,
): string {
  const byName = Model.entitiesByName(model);
  const build = (index: number): string => {
    const field = path[index] as RefField;
    const column = columnName(field.name, true);
    if (index === path.length - 1) return last(column);
    const next = byName.get(field.target) as Entity;
    const table =
      next.service === entity.service
        ? tableName(next.name)
        : `${tableName(next.name)} /* ${next.service}'s data: its projection or API */`;
    return `${column} IN (SELECT id FROM ${table} WHERE ${build(index + 1)})`;
  };
  return build(0);
}
