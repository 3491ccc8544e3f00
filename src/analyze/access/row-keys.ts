import type { Entity, Model, UseCase } from "../../model/index.js";
import { resolveRule, ruleAppliesTo } from "./access-rules.js";
import { entityAccess } from "./entity-access.js";

/**
 * The equality columns a list use case's query has beyond its stated filters, in field names: the
 * reference a feed compares with the followed rows (`author`), and the owner reference when every
 * row the use case's actors may list is their own (`customer = :caller`). Each leads the use case's
 * index like a filter, though no query parameter names it.
 */
export function impliedFilters(model: Model, useCase: UseCase, entity: Entity): string[] {
  const op = useCase.operation;
  if (!op || op.entity !== entity.name) return [];
  if (op.kind === "feed") return op.on ? [op.on] : [];
  if (op.kind !== "list") return [];
  const rules = op.whose
    ? op.whose.map((r) => resolveRule(model, entity, r))
    : entityAccess(model, entity).read;
  const owners = new Set<string>();
  for (const actor of useCase.actors) {
    const applicable = rules.filter((r) => ruleAppliesTo(model, r, actor));
    const only = applicable[0];
    if (applicable.length !== 1 || only?.kind !== "owner" || only.path.length !== 1 || only.when.length > 0)
      return [];
    owners.add(only.path[0]?.name ?? "");
  }
  return owners.size === 1 ? [...owners] : [];
}

/** The use case's filters on `entity`: the implied ones first (they lead the index), then the stated ones. */
export function listFilters(model: Model, useCase: UseCase, entity: Entity): string[] {
  const stated = useCase.filter[entity.name] ?? [];
  const implied = impliedFilters(model, useCase, entity).filter((f) => !stated.includes(f));
  return [...implied, ...stated];
}
