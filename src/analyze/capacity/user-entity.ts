import type { Entity, Model } from "../../model/index.js";
import { declaresPersons, personEntities } from "../access/roles.js";

/**
 * The entity whose rows are the system's users, sized from `scale.users` when it has no growth of
 * its own. First an entity named like a use case actor (actor `customer` ->
 * `Customer`), then the first of `candidateNames` present (`User`, `Account`, ...). Only one entity
 * is chosen so the user count is never counted twice.
 */
export function findUserEntity(model: Model, candidateNames: readonly string[]): Entity | undefined {
  // A declared person entity is the user entity: the guess below is only for specs that name none.
  if (declaresPersons(model)) return personEntities(model)[0];
  const byName = new Map(model.entities.map((e) => [e.name.toLowerCase(), e]));
  for (const name of [...model.useCases.map((u) => u.actor), ...candidateNames]) {
    const entity = byName.get(name.toLowerCase());
    if (entity !== undefined) return entity;
  }
  return undefined;
}
