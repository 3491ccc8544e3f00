import { ANONYMOUS_ACTOR, type Entity, Field, Model, type Role, SYSTEM_ACTOR } from "../../model/index.js";

/** Entity names tried, in order, when a spec declares no person entity at all (older specs). */
const GUESSED_PERSON_NAMES = ["user", "account", "member", "customer", "person"];

export function roleDetail(model: Model, name: string): Role | undefined {
  return model.security.roleDetails.find((r) => r.name === name);
}

/** True when `role` is `other` or inherits it, directly or through other roles. */
export function includesRole(model: Model, role: string, other: string): boolean {
  if (role === other) return true;
  return roleDetail(model, role)?.inherits.includes(other) ?? false;
}

/** The roles that may do what `actor` may do: the actor and every role that inherits it. */
export function rolesIncluding(model: Model, actor: string): string[] {
  if (actor === ANONYMOUS_ACTOR || actor === SYSTEM_ACTOR) return [];
  return model.security.roles.filter((r) => includesRole(model, r, actor));
}

/** True when the spec says which entity is a person, for some role or for all of them. */
export function declaresPersons(model: Model): boolean {
  return (
    model.security.person !== undefined || model.security.roleDetails.some((r) => r.person !== undefined)
  );
}

/**
 * The entity whose row is the signed-in caller holding `role`. The role's own `person`, else
 * `security.person`; a machine role has none. Only a spec that declares no person anywhere gets
 * the guess, so a declaration is never second-guessed by a name.
 */
export function personEntityOf(model: Model, role: string): Entity | undefined {
  const detail = roleDetail(model, role);
  if (detail?.person === null) return undefined;
  const byName = Model.entitiesByName(model);
  if (detail?.person) return byName.get(detail.person);
  if (detail?.system) return undefined;
  if (model.security.person) return byName.get(model.security.person);
  if (declaresPersons(model)) return undefined;
  return guessPersonEntity(model);
}

/** Every entity that is some role's signed-in person, in spec order. */
export function personEntities(model: Model): Entity[] {
  const names = new Set(
    model.security.roles.map((r) => personEntityOf(model, r)?.name).filter((n): n is string => !!n),
  );
  return model.entities.filter((e) => names.has(e.name));
}

/**
 * The documented guess for specs written before roles could name their person: an entity named
 * like a use-case actor (`customer` -> Customer), then User, Account, Member, Customer, Person,
 * then the first entity holding a secret (a password hash).
 */
export function guessPersonEntity(model: Model): Entity | undefined {
  const byLower = new Map(model.entities.map((e) => [e.name.toLowerCase(), e]));
  for (const name of [...model.useCases.flatMap((u) => u.actors), ...GUESSED_PERSON_NAMES]) {
    const entity = byLower.get(name.toLowerCase());
    if (entity !== undefined) return entity;
  }
  return model.entities.find((e) => e.fields.some((f) => f.secret));
}

/** Required references from `entity` to `target`, in field order. */
export function refsTo(entity: Entity, target: string): Field[] {
  return entity.fields.filter((f) => Field.isRef(f) && f.target === target);
}
