import { kebabCase } from "../naming.js";
import type { EntityGroup } from "./cluster-entities.js";
import type { CouplingGraph } from "./coupling-graph.js";

/** The member with the most coupling to the rest of its group; ties go to overall strength, then name. */
export function centralEntity(graph: CouplingGraph, entities: readonly string[]): string {
  const members = new Set(entities);
  let best = entities[0] as string;
  let bestInternal = -1;
  let bestTotal = -1;
  for (const entity of [...entities].sort()) {
    let internal = 0;
    let total = 0;
    graph.forEachEdge(entity, (_edge, attributes, a, b) => {
      total += attributes.weight;
      if (members.has(a === entity ? b : a)) internal += attributes.weight;
    });
    if (internal > bestInternal || (internal === bestInternal && total > bestTotal)) {
      best = entity;
      bestInternal = internal;
      bestTotal = total;
    }
  }
  return best;
}

/**
 * Names each group: the author's service name when fixed, otherwise the kebab-case name of its
 * most central entity. Explicit names are reserved first so a proposed name never takes one.
 */
export function nameServices(graph: CouplingGraph, groups: readonly EntityGroup[]): Map<string, EntityGroup> {
  const named = new Map<string, EntityGroup>();
  const taken = new Set(groups.flatMap((g) => (g.explicitService === undefined ? [] : [g.explicitService])));
  for (const group of groups) {
    if (group.explicitService !== undefined) named.set(group.explicitService, group);
  }
  for (const group of groups) {
    if (group.explicitService !== undefined || group.entities.length === 0) continue;
    const base = kebabCase(centralEntity(graph, group.entities));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    named.set(name, group);
  }
  return new Map([...named.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
