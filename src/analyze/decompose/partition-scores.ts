import type { CouplingGraph } from "./coupling-graph.js";
import type { PartitionScores } from "./service-cut.js";

/** Entity name -> service name. */
export type Assignment = ReadonlyMap<string, string>;

export interface ServiceWeights {
  /** Weight of edges with both ends inside the service. */
  readonly internal: number;
  /** Weight of edges with one end inside. */
  readonly external: number;
}

export function serviceWeights(graph: CouplingGraph, assignment: Assignment): Map<string, ServiceWeights> {
  const result = new Map<string, { internal: number; external: number }>();
  const get = (service: string) => {
    let w = result.get(service);
    if (!w) {
      w = { internal: 0, external: 0 };
      result.set(service, w);
    }
    return w;
  };
  for (const service of assignment.values()) get(service);
  graph.forEachEdge((_edge, attributes, a, b) => {
    const sa = assignment.get(a);
    const sb = assignment.get(b);
    if (sa === undefined || sb === undefined) return;
    if (sa === sb) get(sa).internal += attributes.weight;
    else {
      get(sa).external += attributes.weight;
      get(sb).external += attributes.weight;
    }
  });
  return result;
}

/** Share of a service's coupling that stays inside it; 1 for a service with no coupling at all. */
export function cohesionOf(weights: ServiceWeights): number {
  const all = weights.internal + weights.external;
  return all === 0 ? 1 : weights.internal / all;
}

/**
 * Cohesion, coupling and Newman modularity of an assignment. Modularity is computed here rather
 * than with graphology-metrics because it is one sum over the per-service weights we already
 * need for cohesion, and it saves a dependency.
 */
export function scorePartition(graph: CouplingGraph, assignment: Assignment): PartitionScores {
  const weights = serviceWeights(graph, assignment);
  let total = 0;
  graph.forEachEdge((_edge, attributes) => {
    total += attributes.weight;
  });
  const sizes = new Map<string, number>();
  for (const service of assignment.values()) sizes.set(service, (sizes.get(service) ?? 0) + 1);

  let cohesion = 0;
  let crossing = 0;
  let modularity = 0;
  for (const [service, w] of weights) {
    cohesion += (sizes.get(service) ?? 0) * cohesionOf(w);
    crossing += w.external / 2;
    if (total > 0) {
      const degree = 2 * w.internal + w.external;
      modularity += w.internal / total - (degree / (2 * total)) ** 2;
    }
  }
  return {
    cohesion: round(assignment.size === 0 ? 1 : cohesion / assignment.size),
    coupling: round(total === 0 ? 0 : crossing / total),
    modularity: round(modularity),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
