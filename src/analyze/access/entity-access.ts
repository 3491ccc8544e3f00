import type { Entity, Model, RefField } from "../../model/index.js";
import { ownerPath, type ResolvedRule, resolveRule } from "./access-rules.js";

export interface ResolvedAccess {
  readonly read: readonly ResolvedRule[];
  readonly write: readonly ResolvedRule[];
  /** True when the spec wrote the rule list; false when it is the documented default. */
  readonly readDeclared: boolean;
  readonly writeDeclared: boolean;
}

const cache = new WeakMap<Model, Map<string, ResolvedAccess>>();

/**
 * The read and write rules of an entity, declared or defaulted. The model is checked before it is
 * built (spec/check-access.ts), so a rule that cannot be resolved is a bug and throws.
 */
export function entityAccess(model: Model, entity: Entity): ResolvedAccess {
  let perModel = cache.get(model);
  if (!perModel) {
    perModel = new Map();
    cache.set(model, perModel);
  }
  const known = perModel.get(entity.name);
  if (known) return known;
  const declaredRead = entity.access?.read;
  const declaredWrite = entity.access?.write;
  const access: ResolvedAccess = {
    read: declaredRead ? declaredRead.map((r) => resolveRule(model, entity, r)) : defaultRead(model, entity),
    write: declaredWrite
      ? declaredWrite.map((r) => resolveRule(model, entity, r))
      : defaultWrite(model, entity),
    readDeclared: declaredRead !== undefined,
    writeDeclared: declaredWrite !== undefined,
  };
  perModel.set(entity.name, access);
  return access;
}

/**
 * Roles all given as plain names: a ladder, where the first role is the least privileged and the
 * roles above it act on every row. Specs that declare object roles get no such grant by default.
 */
function ladderAbove(model: Model): ResolvedRule[] {
  const plain = model.security.roleDetails.every((r) => r.plain);
  const above = model.security.roles.slice(1);
  return plain && above.length > 0 ? [{ kind: "role", roles: above, location: undefined, when: [] }] : [];
}

/** The rule "rows whose reference path ends at the caller", as a default (no spec location). */
function ownerRule(owner: { readonly path: readonly RefField[]; readonly person: string }): ResolvedRule {
  return {
    kind: "owner",
    path: owner.path,
    person: owner.person,
    roles: undefined,
    location: undefined,
    when: [],
  };
}

/** Default read: every row; a `private` entity's rows to their owner (and, in a ladder, the roles above). */
function defaultRead(model: Model, entity: Entity): ResolvedRule[] {
  if (!entity.private) return [{ kind: "any", location: undefined, when: [] }];
  const owner = ownerPath(model, entity, 3);
  return [...(owner ? [ownerRule(owner)] : []), ...ladderAbove(model)];
}

/** Default write: an entity with a required reference to a person is its owner's to change. */
function defaultWrite(model: Model, entity: Entity): ResolvedRule[] {
  const owner = ownerPath(model, entity, 1);
  if (!owner) return [{ kind: "any", location: undefined, when: [] }];
  return [ownerRule(owner), ...ladderAbove(model)];
}
