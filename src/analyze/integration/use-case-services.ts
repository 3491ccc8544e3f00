import type { Entity, UseCase } from "../../model/index.js";

/** The services that own the named entities, sorted. */
export function servicesOf(names: readonly string[], byName: ReadonlyMap<string, Entity>): string[] {
  return [
    ...new Set(names.map((n) => byName.get(n)?.service).filter((s): s is string => s !== undefined)),
  ].sort();
}

/** The service that answers a use case: the owner of the first entity it writes, else the first it reads. */
export function primaryService(useCase: UseCase, byName: ReadonlyMap<string, Entity>): string {
  const first = useCase.writes[0] ?? useCase.reads[0];
  return (first && byName.get(first)?.service) ?? "core";
}
