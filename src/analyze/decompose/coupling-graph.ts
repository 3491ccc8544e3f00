import { UndirectedGraph } from "graphology";
import type { Entity } from "../../model/entity.js";
import { Field } from "../../model/field.js";
import type { Model } from "../../model/model.js";
import { EVIDENCE_WEIGHTS, trafficFactor } from "./evidence-weights.js";
import type { Coupling, EvidenceItem, EvidenceKind } from "./service-cut.js";

export interface CouplingEdge {
  weight: number;
  evidence: readonly EvidenceItem[];
}

/** Entities as nodes, evidence-weighted undirected edges. Nodes are inserted in name order. */
export type CouplingGraph = UndirectedGraph<Record<string, never>, CouplingEdge>;

/** At most this many sources are kept per evidence kind; the rest are counted. */
const MAX_SOURCES = 4;

interface Accumulator {
  weight: number;
  sources: string[];
  more: number;
}

/**
 * Turns the spec's evidence into a weighted coupling graph: structure (references, cascades,
 * key parts), behaviour (use cases reading and writing together, weighted by traffic),
 * shared actors, security sensitivity, and volatility (very different load pushes apart).
 */
export function buildCouplingGraph(model: Model): CouplingGraph {
  const names = new Set(model.entities.map((e) => e.name));
  const pairs = new Map<string, Map<EvidenceKind, Accumulator>>();

  const add = (a: string, b: string, kind: EvidenceKind, weight: number, source: string): void => {
    if (a === b || !names.has(a) || !names.has(b) || weight === 0) return;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let kinds = pairs.get(key);
    if (!kinds) {
      kinds = new Map();
      pairs.set(key, kinds);
    }
    let acc = kinds.get(kind);
    if (!acc) {
      acc = { weight: 0, sources: [], more: 0 };
      kinds.set(kind, acc);
    }
    acc.weight += weight;
    if (acc.sources.includes(source)) return;
    if (acc.sources.length < MAX_SOURCES) acc.sources.push(source);
    else acc.more += 1;
  };

  addStructure(model, add);
  addUseCases(model, add);
  addSensitivity(model, add);

  const actors = actorsByEntity(model);
  const load = loadByEntity(model);
  const graph: CouplingGraph = new UndirectedGraph();
  for (const name of [...names].sort()) graph.addNode(name);

  for (const key of [...pairs.keys()].sort()) {
    const [a, b] = key.split("\u0000") as [string, string];
    const kinds = pairs.get(key) as Map<EvidenceKind, Accumulator>;
    const sharedActors = jaccard(actors.get(a), actors.get(b));
    if (sharedActors > 0) {
      const together = [...(actors.get(a) ?? [])].filter((x) => actors.get(b)?.has(x)).sort();
      kinds.set("shared-actor", {
        weight: EVIDENCE_WEIGHTS.sharedActor * sharedActors,
        sources: [`actors ${together.join(", ")}`],
        more: 0,
      });
    }
    let weight = 0;
    for (const acc of kinds.values()) weight += acc.weight;
    const damping = volatilityDamping(load.get(a) ?? 0, load.get(b) ?? 0);
    if (damping < 1) {
      const loadA = Math.round(load.get(a) ?? 0);
      const loadB = Math.round(load.get(b) ?? 0);
      kinds.set("volatility", {
        weight: -(1 - damping) * weight,
        sources: [`${a} at ${loadA} rps vs ${b} at ${loadB} rps`],
        more: 0,
      });
      weight *= damping;
    }
    const evidence = [...kinds.entries()]
      .map(
        ([kind, acc]): EvidenceItem => ({
          kind,
          weight: round(acc.weight),
          sources: acc.more > 0 ? [...acc.sources, `and ${acc.more} more`] : [...acc.sources],
        }),
      )
      .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || x.kind.localeCompare(y.kind));
    if (weight > 0) graph.addEdge(a, b, { weight, evidence });
  }
  return graph;
}

type Add = (a: string, b: string, kind: EvidenceKind, weight: number, source: string) => void;

function addStructure(model: Model, add: Add): void {
  const referrers = new Map<string, Set<string>>();
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      if (!Field.isRef(field) || field.target === entity.name) continue;
      const set = referrers.get(field.target) ?? new Set<string>();
      set.add(entity.name);
      referrers.set(field.target, set);
    }
  }
  const targets = new Map<string, Set<string>>();
  for (const entity of model.entities) {
    const set = new Set<string>();
    for (const field of entity.fields) {
      if (Field.isRef(field) && field.target !== entity.name) set.add(field.target);
    }
    targets.set(entity.name, set);
  }
  for (const entity of model.entities) {
    const own = targets.get(entity.name) as Set<string>;
    for (const field of entity.fields) {
      if (!Field.isRef(field)) continue;
      const where = `${entity.name}.${field.name}`;
      // A shortcut: A references B and also references a C that references B (CustomerOrder ->
      // Address beside CustomerOrder -> Customer -> Address; Task -> Workspace beside Task ->
      // Project -> Workspace). The relationship is already in the graph through C; counting the
      // copy again would pull A toward what C owns. Cascades and key parts still count below.
      const shortcut = [...own].some((via) => via !== field.target && targets.get(via)?.has(field.target));
      // An entity many others point at is a shared root (User, Restaurant): each reference to it
      // is an id lookup, not ownership, so one unit of reference weight is shared among referrers.
      const fanIn = referrers.get(field.target)?.size ?? 1;
      const shared = fanIn > 1 ? ` (1 of ${fanIn} referrers)` : "";
      if (!shortcut) {
        add(entity.name, field.target, "reference", EVIDENCE_WEIGHTS.reference / fanIn, `${where}${shared}`);
      }
      if (field.onDelete === "cascade") {
        add(
          entity.name,
          field.target,
          "composition",
          EVIDENCE_WEIGHTS.composition,
          `${where} (onDelete cascade)`,
        );
      }
      if (entity.key.includes(field.name)) {
        add(entity.name, field.target, "identity-key", EVIDENCE_WEIGHTS.identityKey, `${where} (key part)`);
      }
    }
  }
}

function addUseCases(model: Model, add: Add): void {
  for (const useCase of model.useCases) {
    const touched = [...new Set([...useCase.reads, ...useCase.writes])];
    if (touched.length < 2) continue;
    const writes = new Set(useCase.writes);
    const per = trafficFactor(useCase.peakRps) / (touched.length - 1);
    const source = `use case "${useCase.name}" @ ${useCase.peakRps} rps`;
    for (let i = 0; i < touched.length; i++) {
      for (let j = i + 1; j < touched.length; j++) {
        const a = touched[i] as string;
        const b = touched[j] as string;
        const bothWritten = writes.has(a) && writes.has(b);
        if (bothWritten) {
          add(a, b, "co-write", EVIDENCE_WEIGHTS.coWrite * per, source);
          if (useCase.transactional) add(a, b, "transaction", EVIDENCE_WEIGHTS.transaction * per, source);
        } else {
          add(a, b, "co-read", EVIDENCE_WEIGHTS.coRead * per, source);
        }
      }
    }
  }
}

/** The entity most like an identity: the most secret fields, then the most pii fields. */
export function identityAnchor(model: Model): Entity | undefined {
  let best: Entity | undefined;
  let bestScore = 0;
  for (const entity of [...model.entities].sort((a, b) => a.name.localeCompare(b.name))) {
    const secrets = entity.fields.filter((f) => f.secret).length;
    const pii = entity.fields.filter((f) => f.pii).length;
    if (secrets === 0 && pii < 2) continue;
    const score = secrets * 100 + pii;
    if (score > bestScore) {
      best = entity;
      bestScore = score;
    }
  }
  return best;
}

function addSensitivity(model: Model, add: Add): void {
  const anchor = identityAnchor(model);
  if (!anchor) return;
  for (const entity of model.entities) {
    if (entity === anchor) continue;
    const secrets = entity.fields.filter((f) => f.secret).map((f) => f.name);
    const pii = entity.fields.filter((f) => f.pii).map((f) => f.name);
    if (secrets.length > 0) {
      add(
        entity.name,
        anchor.name,
        "sensitivity",
        EVIDENCE_WEIGHTS.secretPull,
        `secret ${entity.name}.${secrets.join(", ")}`,
      );
    } else if (pii.length > 0) {
      add(
        entity.name,
        anchor.name,
        "sensitivity",
        EVIDENCE_WEIGHTS.piiPull,
        `pii ${entity.name}.${pii.join(", ")}`,
      );
    }
  }
}

function actorsByEntity(model: Model): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const useCase of model.useCases) {
    for (const name of [...useCase.reads, ...useCase.writes]) {
      let set = result.get(name);
      if (!set) {
        set = new Set();
        result.set(name, set);
      }
      set.add(useCase.actor);
    }
  }
  return result;
}

/** Peak requests per second touching each entity, summed over use cases. */
export function loadByEntity(model: Model): Map<string, number> {
  const result = new Map<string, number>();
  for (const useCase of model.useCases) {
    for (const name of new Set([...useCase.reads, ...useCase.writes])) {
      result.set(name, (result.get(name) ?? 0) + useCase.peakRps);
    }
  }
  return result;
}

function jaccard(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): number {
  if (!a || !b || a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

function volatilityDamping(loadA: number, loadB: number): number {
  // No use case touching an entity means its load is unknown, not that it is cold.
  if (loadA === 0 || loadB === 0) return 1;
  const ratio = (Math.max(loadA, loadB) + 1) / (Math.min(loadA, loadB) + 1);
  const free = EVIDENCE_WEIGHTS.volatilityFreeRatio;
  if (ratio <= free) return 1;
  return 1 / (1 + EVIDENCE_WEIGHTS.volatility * Math.log10(ratio / free));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The graph edge between two entities as a report-friendly value, or undefined when nothing couples them. */
export function couplingBetween(graph: CouplingGraph, a: string, b: string): Coupling | undefined {
  const edge = graph.edge(a, b);
  if (edge === undefined) return undefined;
  const attributes = graph.getEdgeAttributes(edge);
  const entities: [string, string] = a < b ? [a, b] : [b, a];
  return { entities, weight: round(attributes.weight), evidence: attributes.evidence };
}
