import type { Model } from "../../model/model.js";
import { kebabCase } from "../naming.js";
import { clusterEntities, type EntityGroup } from "./cluster-entities.js";
import type { CouplingGraph } from "./coupling-graph.js";
import { centralEntity } from "./name-services.js";
import { type Assignment, scorePartition, serviceWeights } from "./partition-scores.js";
import type { Alternative, AlternativeKind, Recommendation } from "./service-cut.js";
import { trafficCosts } from "./traffic-costs.js";

/** Penalties in the fitness of a partition (modularity minus run-time and people costs). */
const HOP_PENALTY = 0.1;
const SAGA_PENALTY = 0.1;
const OVER_CAPACITY_PENALTY = 0.05;
/** Engineers needed to own, deploy and be on call for one service. */
export const ENGINEERS_PER_SERVICE = 3;
/** A team this small is one team: one deployable is cheaper than a distributed system. */
export const SMALL_TEAM = 5;
/** Below this peak load one deployment (with replicas) carries the whole system. */
export const LOW_SCALE_RPS = 100;
/** Up to this many engineers, low load alone is reason enough for a monolith. */
const LOW_SCALE_TEAM_LIMIT = 12;

export type Partition = ReadonlyMap<string, readonly string[]>;

export function assignmentOf(partition: Partition): Assignment {
  const result = new Map<string, string>();
  for (const [service, entities] of partition) for (const entity of entities) result.set(entity, service);
  return result;
}

function toRecord(partition: Partition): Record<string, readonly string[]> {
  return Object.fromEntries(
    [...partition.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, e]) => [s, [...e].sort()]),
  );
}

interface Context {
  readonly model: Model;
  readonly graph: CouplingGraph;
  readonly capacity: number;
}

function evaluate(context: Context, kind: AlternativeKind, partition: Partition, note: string): Alternative {
  const assignment = assignmentOf(partition);
  const scores = scorePartition(context.graph, assignment);
  const inProcess = kind === "modular-monolith";
  const costs = trafficCosts(context.model, assignment);
  const serviceCount = inProcess ? 1 : partition.size;
  const calls = inProcess ? 0 : costs.crossServiceCallsPerSecond;
  const sagas = inProcess ? 0 : costs.multiServiceWrites;
  const hopShare = costs.totalRps === 0 ? 0 : calls / costs.totalRps;
  const sagaShare = costs.writingUseCases === 0 ? 0 : sagas / costs.writingUseCases;
  const overCapacity = Math.max(0, serviceCount - context.capacity);
  const fitness = inProcess
    ? 0
    : scores.modularity -
      HOP_PENALTY * hopShare -
      SAGA_PENALTY * sagaShare -
      OVER_CAPACITY_PENALTY * overCapacity;
  const summary = inProcess
    ? `one deployable and one database with ${partition.size} modules along the proposed boundaries; no network hops, no sagas`
    : `${serviceCount} services${note}; ${calls} cross-service reads and writes/s at peak (each a synchronous call, a projection to keep or a saga step); ${sagas} use case(s) writing in several services; modularity ${scores.modularity}`;
  return {
    kind,
    services: toRecord(partition),
    serviceCount,
    scores,
    crossServiceCallsPerSecond: calls,
    multiServiceWrites: sagas,
    fitness: Math.round(fitness * 1000) / 1000,
    summary,
  };
}

/**
 * Merge the two services that share the most coupling. Services the author fixed may be merged
 * here: the alternative shows what their boundary costs, it does not move anything.
 */
function oneFewer(
  context: Context,
  partition: Partition,
  explicit: ReadonlySet<string>,
): { partition: Partition; note: string } | undefined {
  const assignment = assignmentOf(partition);
  const between = new Map<string, number>();
  context.graph.forEachEdge((_edge, attributes, a, b) => {
    const sa = assignment.get(a);
    const sb = assignment.get(b);
    if (sa === undefined || sb === undefined || sa === sb) return;
    const key = sa < sb ? `${sa}\u0000${sb}` : `${sb}\u0000${sa}`;
    between.set(key, (between.get(key) ?? 0) + attributes.weight);
  });
  const names = [...partition.keys()].sort();
  let best: [string, string] | undefined;
  let bestWeight = -1;
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i] as string;
      const b = names[j] as string;
      const weight = between.get(`${a}\u0000${b}`) ?? 0;
      if (weight > bestWeight) {
        best = [a, b];
        bestWeight = weight;
      }
    }
  }
  if (!best) return undefined;
  const [a, b] = best;
  const entitiesA = partition.get(a) ?? [];
  const entitiesB = partition.get(b) ?? [];
  const keep = explicit.has(a) || (!explicit.has(b) && entitiesA.length >= entitiesB.length) ? a : b;
  const result = new Map(partition);
  result.delete(a);
  result.delete(b);
  result.set(keep, [...entitiesA, ...entitiesB].sort());
  const merged = keep === a ? b : a;
  const fixed = explicit.has(a) || explicit.has(b) ? ", overriding the spec's service" : "";
  return { partition: result, note: ` (${merged} merged into ${keep}${fixed})` };
}

/** Split one service in two along its weakest internal seam; the split with the best fitness wins. */
function oneMore(
  context: Context,
  partition: Partition,
  explicit: ReadonlySet<string>,
  seed: number,
): { partition: Partition; note: string } | undefined {
  let best: { partition: Partition; fitness: number; note: string } | undefined;
  const taken = new Set(partition.keys());
  for (const [service, entities] of [...partition.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (entities.length < 2) continue;
    const halves = bisect(context, entities, seed);
    if (!halves) continue;
    const [first, second] = halves;
    const central = centralEntity(context.graph, entities);
    const moved = first.includes(central) ? second : first;
    const stays = moved === first ? second : first;
    const base = kebabCase(centralEntity(context.graph, moved));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    const candidate = new Map(partition);
    candidate.set(service, stays);
    candidate.set(name, moved);
    const fitness = evaluate(context, "one-more", candidate, "").fitness;
    const fixed = explicit.has(service) ? ", overriding the spec's service" : "";
    if (!best || fitness > best.fitness) {
      best = { partition: candidate, fitness, note: ` (${name} split out of ${service}${fixed})` };
    }
  }
  return best;
}

function bisect(
  context: Context,
  entities: readonly string[],
  seed: number,
): [string[], string[]] | undefined {
  const only = new Set(entities);
  let groups: EntityGroup[] = [];
  for (const resolution of [1, 2, 4]) {
    groups = clusterEntities(context.model, context.graph, seed, resolution, only, false);
    if (groups.length >= 2) break;
  }
  if (groups.length < 2) return undefined;
  const parts = groups.map((g) => [...g.entities]);
  // Fold the smallest part into the part it is most coupled to until two remain.
  while (parts.length > 2) {
    parts.sort((a, b) => a.length - b.length || (a[0] ?? "").localeCompare(b[0] ?? ""));
    const smallest = parts.shift() as string[];
    const inSmallest = new Set(smallest);
    let target = 0;
    let targetWeight = -1;
    parts.forEach((part, index) => {
      let weight = 0;
      for (const entity of part) {
        context.graph.forEachEdge(entity, (_edge, attributes, a, b) => {
          if (inSmallest.has(a === entity ? b : a)) weight += attributes.weight;
        });
      }
      if (weight > targetWeight) {
        target = index;
        targetWeight = weight;
      }
    });
    parts[target] = [...(parts[target] as string[]), ...smallest];
  }
  return [(parts[0] as string[]).sort(), (parts[1] as string[]).sort()];
}

export interface Comparison {
  readonly alternatives: readonly Alternative[];
  readonly recommendation: Recommendation;
}

/**
 * Sets the proposed cut beside a modular monolith and the nearest cuts with one service fewer
 * and one more, then recommends one. Team size and load come first (a small team or a quiet
 * system gets the monolith, whatever the graph says); otherwise the fittest partition wins.
 */
export function compareAlternatives(
  model: Model,
  graph: CouplingGraph,
  proposed: ReadonlyMap<string, EntityGroup>,
  seed: number,
  teamSize: number | undefined,
): Comparison {
  const context: Context = {
    model,
    graph,
    capacity:
      teamSize === undefined
        ? Number.POSITIVE_INFINITY
        : Math.max(1, Math.floor(teamSize / ENGINEERS_PER_SERVICE)),
  };
  const partition: Partition = new Map([...proposed.entries()].map(([name, g]) => [name, g.entities]));
  const explicit = new Set(
    [...proposed.entries()].filter(([, g]) => g.explicitService !== undefined).map(([n]) => n),
  );

  const alternatives: Alternative[] = [
    evaluate(context, "modular-monolith", partition, ""),
    evaluate(context, "proposed", partition, ""),
  ];
  const fewer = partition.size >= 2 ? oneFewer(context, partition, explicit) : undefined;
  if (fewer) alternatives.push(evaluate(context, "one-fewer", fewer.partition, fewer.note));
  const more = oneMore(context, partition, explicit, seed);
  if (more) alternatives.push(evaluate(context, "one-more", more.partition, more.note));

  return { alternatives, recommendation: recommend(model, graph, alternatives, teamSize) };
}

function recommend(
  model: Model,
  graph: CouplingGraph,
  alternatives: readonly Alternative[],
  teamSize: number | undefined,
): Recommendation {
  const proposed = alternatives.find((a) => a.kind === "proposed") as Alternative;
  // The same peak the capacity plan uses: the spec's, or the use cases' sum when that is larger.
  const peak = Math.max(
    model.scale.peakRequestsPerSecond,
    model.useCases.reduce((sum, u) => sum + u.peakRps, 0),
  );
  if (proposed.serviceCount <= 1) {
    return {
      choice: "modular-monolith",
      reason:
        "the coupling evidence forms a single cohesive group: there is no seam worth a network boundary",
    };
  }
  if (teamSize !== undefined && teamSize <= SMALL_TEAM) {
    return {
      choice: "modular-monolith",
      reason:
        `a team of ${teamSize} is one team: ${proposed.serviceCount} services would each need owners, pipelines and on-call ` +
        `without independent teams to use that independence; keep the ${proposed.serviceCount} proposed boundaries as modules ` +
        "(no cross-module table access) so they can be split later",
    };
  }
  if (peak < LOW_SCALE_RPS && (teamSize === undefined || teamSize <= LOW_SCALE_TEAM_LIMIT)) {
    return {
      choice: "modular-monolith",
      reason:
        `at a peak of ${peak} rps one deployment with replicas carries the load, and nothing needs to scale on its own; ` +
        `keep the ${proposed.serviceCount} proposed boundaries as modules and split when load or team growth demands it`,
    };
  }
  const candidates = alternatives.filter((a) => a.kind !== "modular-monolith");
  const order: AlternativeKind[] = ["proposed", "one-fewer", "one-more"];
  const best = [...candidates].sort(
    (a, b) => b.fitness - a.fitness || order.indexOf(a.kind) - order.indexOf(b.kind),
  )[0] as Alternative;
  const weights = serviceWeights(graph, assignmentOf(new Map(Object.entries(best.services))));
  const mostCoupled = [...weights.entries()].sort(
    ([a, x], [b, y]) => y.external - x.external || a.localeCompare(b),
  )[0];
  const team = teamSize === undefined ? "" : ` for a team of ${teamSize}`;
  const coupled =
    mostCoupled === undefined ? "" : `; the service most coupled to the others is ${mostCoupled[0]}`;
  return {
    choice: best.kind,
    reason: `${best.summary}: the best balance of cohesion and run-time cost${team} (fitness ${best.fitness})${coupled}`,
  };
}
