import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import type { Model } from "../../model/model.js";
import type { CouplingGraph } from "./coupling-graph.js";
import { seededRandom } from "./seeded-random.js";

/** A set of entities that belong in one service; `explicitService` when the spec's author fixed some of them there. */
export interface EntityGroup {
  readonly entities: readonly string[];
  readonly explicitService: string | undefined;
}

const SERVICE_NODE = "service:";

// The package is CommonJS (`module.exports = louvain`) while its types declare a default export,
// which under NodeNext resolution types the default import as the module object.
const louvain = ((louvainModule as unknown as { default?: typeof louvainModule }).default ??
  louvainModule) as unknown as typeof louvainModule.default;

/**
 * Louvain community detection over the coupling graph, with the author's `service:` choices
 * held fixed: each explicit service is contracted into one node before clustering, so the
 * algorithm can add free entities to it but never split it. Free entities in a community with
 * explicit services join the one they are most coupled to, unless they are coupled more strongly
 * to each other.
 */
export function clusterEntities(
  model: Model,
  graph: CouplingGraph,
  seed: number,
  resolution = 1,
  only?: ReadonlySet<string>,
  respectExplicit = true,
): EntityGroup[] {
  const fixed = new Map<string, string>();
  for (const entity of model.entities) {
    if (respectExplicit && entity.serviceExplicit && (!only || only.has(entity.name))) {
      fixed.set(entity.name, entity.service);
    }
  }
  const nodeOf = (entity: string): string => {
    const service = fixed.get(entity);
    return service === undefined ? entity : `${SERVICE_NODE}${service}`;
  };

  const contracted = new UndirectedGraph<Record<string, never>, { weight: number }>();
  const nodes = new Set<string>();
  graph.forEachNode((entity) => {
    if (!only || only.has(entity)) nodes.add(nodeOf(entity));
  });
  for (const node of [...nodes].sort()) contracted.addNode(node);
  graph.forEachEdge((_edge, attributes, a, b) => {
    if (only && (!only.has(a) || !only.has(b))) return;
    const na = nodeOf(a);
    const nb = nodeOf(b);
    if (na === nb) return;
    contracted.updateEdge(na, nb, (current) => ({ weight: (current.weight ?? 0) + attributes.weight }));
  });

  const communities =
    contracted.size === 0
      ? Object.fromEntries(contracted.nodes().map((node, i) => [node, i]))
      : louvain(contracted, { getEdgeWeight: "weight", rng: seededRandom(seed), resolution });

  const members = new Map<number, string[]>();
  for (const node of contracted.nodes()) {
    const community = communities[node] as number;
    const list = members.get(community) ?? [];
    list.push(node);
    members.set(community, list);
  }

  const groups: EntityGroup[] = [];
  for (const nodesInCommunity of members.values()) {
    const services = nodesInCommunity
      .filter((node) => node.startsWith(SERVICE_NODE))
      .map((node) => node.slice(SERVICE_NODE.length))
      .sort();
    const free = nodesInCommunity.filter((node) => !node.startsWith(SERVICE_NODE));
    if (services.length === 0) {
      groups.push({ entities: free.sort(), explicitService: undefined });
      continue;
    }
    const byService = new Map<string, string[]>(services.map((s) => [s, []]));
    for (const [entity, service] of fixed) byService.get(service)?.push(entity);
    const weightTo = (entity: string, inside: (other: string) => boolean): number => {
      let weight = 0;
      graph.forEachEdge(entity, (_edge, attributes, a, b) => {
        if (inside(a === entity ? b : a)) weight += attributes.weight;
      });
      return weight;
    };
    // Louvain may put a weakly tied explicit service in the same community as a free cluster;
    // a free entity joins the explicit service only if it is coupled to it at least as strongly
    // as to the free entities still undecided, so that clusters are not swallowed whole.
    const undecided = new Set(free.sort());
    for (let changed = true; changed; ) {
      changed = false;
      for (const entity of [...undecided]) {
        let best: string | undefined;
        let bestWeight = 0;
        for (const service of services) {
          const weight = weightTo(entity, (other) => fixed.get(other) === service);
          if (weight > bestWeight) {
            best = service;
            bestWeight = weight;
          }
        }
        const toFree = weightTo(entity, (other) => other !== entity && undecided.has(other));
        if (best !== undefined && bestWeight >= toFree) {
          byService.get(best)?.push(entity);
          undecided.delete(entity);
          changed = true;
        }
      }
    }
    for (const service of services) {
      groups.push({ entities: (byService.get(service) ?? []).sort(), explicitService: service });
    }
    if (undecided.size > 0) groups.push({ entities: [...undecided], explicitService: undefined });
  }
  return groups.sort((a, b) => (a.entities[0] ?? "").localeCompare(b.entities[0] ?? ""));
}
