import type { Model } from "../../model/model.js";
import { analyzeIntegration } from "../integration.js";
import { assignServices } from "./apply-service-cut.js";
import { clusterEntities } from "./cluster-entities.js";
import { compareAlternatives } from "./compare-alternatives.js";
import { buildCouplingGraph, type CouplingGraph, couplingBetween } from "./coupling-graph.js";
import { cutWarnings } from "./cut-warnings.js";
import { centralEntity, nameServices } from "./name-services.js";
import { type Assignment, cohesionOf, scorePartition, serviceWeights } from "./partition-scores.js";
import {
  type Boundary,
  type Coupling,
  DEFAULT_RESOLUTION,
  type ProposedService,
  type ServiceCut,
  type ServiceCutOptions,
} from "./service-cut.js";

/** How many internal couplings explain why a service holds together. */
const HELD_TOGETHER_SHOWN = 3;

/**
 * Proposes where the model's entities should split into services, from the evidence in the spec:
 * a weighted coupling graph, clustered with seeded Louvain, with the author's explicit services
 * held fixed. Deterministic for a given seed.
 */
export function proposeServiceCut(model: Model, options: ServiceCutOptions = {}): ServiceCut {
  const seed = options.seed ?? 1;
  const teamSize = options.teamSize ?? model.system.teamSize;
  const graph = buildCouplingGraph(model);
  const { resolution, named, assignment } = chooseCut(model, graph, seed, options.resolution);

  const weights = serviceWeights(graph, assignment);
  const details: ProposedService[] = [...named.entries()].map(([name, group]) => ({
    name,
    entities: group.entities,
    explicit: group.explicitService !== undefined,
    centralEntity: centralEntity(graph, group.entities),
    cohesion: Math.round(cohesionOf(weights.get(name) ?? { internal: 0, external: 0 }) * 1000) / 1000,
    heldTogetherBy: internalCouplings(graph, group.entities).slice(0, HELD_TOGETHER_SHOWN),
  }));

  const comparison = compareAlternatives(model, graph, named, seed, teamSize);
  // The same consistency plan `design` emits for this cut.
  const consistency = analyzeIntegration(assignServices(model, assignment));
  const warnings = cutWarnings(model, graph, assignment, consistency);

  return {
    seed,
    resolution,
    services: Object.fromEntries(details.map((d) => [d.name, d.entities])),
    details,
    boundaries: boundaries(graph, assignment),
    scores: scorePartition(graph, assignment),
    alternatives: comparison.alternatives,
    recommendation: comparison.recommendation,
    consistency,
    warnings,
  };
}

interface ClusteredCut {
  readonly resolution: number;
  readonly named: ReturnType<typeof nameServices>;
  readonly assignment: Assignment;
}

function clusterAt(model: Model, graph: CouplingGraph, seed: number, resolution: number): ClusteredCut {
  const named = nameServices(graph, clusterEntities(model, graph, seed, resolution));
  const assignment = new Map<string, string>();
  for (const [service, group] of named) for (const entity of group.entities) assignment.set(entity, service);
  return { resolution, named, assignment };
}

/**
 * The requested resolution as asked. By default the finer {@link DEFAULT_RESOLUTION}, unless its
 * cut has no community structure (modularity at or below 0: no more coupling inside the services
 * than chance would put there), as when one transactional use case writes every entity; then the
 * plain-modularity cut, if that scores higher.
 */
function chooseCut(
  model: Model,
  graph: CouplingGraph,
  seed: number,
  requested: number | undefined,
): ClusteredCut {
  if (requested !== undefined) return clusterAt(model, graph, seed, requested);
  const fine = clusterAt(model, graph, seed, DEFAULT_RESOLUTION);
  const fineModularity = scorePartition(graph, fine.assignment).modularity;
  if (fineModularity > 0) return fine;
  const plain = clusterAt(model, graph, seed, 1);
  return scorePartition(graph, plain.assignment).modularity > fineModularity ? plain : fine;
}

const byWeight = (a: Coupling, b: Coupling): number =>
  b.weight - a.weight ||
  a.entities[0].localeCompare(b.entities[0]) ||
  a.entities[1].localeCompare(b.entities[1]);

function internalCouplings(graph: CouplingGraph, entities: readonly string[]): Coupling[] {
  const members = new Set(entities);
  const result: Coupling[] = [];
  graph.forEachEdge((_edge, _attributes, a, b) => {
    if (!members.has(a) || !members.has(b)) return;
    const coupling = couplingBetween(graph, a, b);
    if (coupling) result.push(coupling);
  });
  return result.sort(byWeight);
}

function boundaries(graph: CouplingGraph, assignment: Assignment): Boundary[] {
  const byPair = new Map<string, Coupling[]>();
  graph.forEachEdge((_edge, _attributes, a, b) => {
    const sa = assignment.get(a);
    const sb = assignment.get(b);
    if (sa === undefined || sb === undefined || sa === sb) return;
    const key = sa < sb ? `${sa}\u0000${sb}` : `${sb}\u0000${sa}`;
    const coupling = couplingBetween(graph, a, b);
    if (!coupling) return;
    const list = byPair.get(key) ?? [];
    list.push(coupling);
    byPair.set(key, list);
  });
  return [...byPair.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, crossing]) => {
      const [first, second] = key.split("\u0000") as [string, string];
      const weight = crossing.reduce((sum, c) => sum + c.weight, 0);
      return {
        services: [first, second],
        weight: Math.round(weight * 1000) / 1000,
        crossing: crossing.sort(byWeight),
      };
    });
}
