import { Model } from "../../model/index.js";

/** Requests and table operations per second at one multiple of the spec's peak load, unrounded. */
export interface Traffic {
  readonly multiple: number;
  readonly peakRequestsPerSecond: number;
  readonly useCaseRequestsPerSecond: number;
  readonly uncoveredReadsPerSecond: number;
  readonly uncoveredWritesPerSecond: number;
  readonly useCases: readonly UseCaseTraffic[];
  /** One entry per entity, in spec order. */
  readonly tables: readonly TableTraffic[];
  /** One entry per service, sorted by name. */
  readonly services: readonly ServiceTraffic[];
  /**
   * One entry per projection table: the owning service keeps a copy of `entity`, reads it for the
   * projected use cases, and applies every write of the source table to it (one upsert or delete per
   * event). Sorted by service, then entity.
   */
  readonly projections: readonly ProjectionTraffic[];
}

export interface ProjectionTraffic {
  readonly service: string;
  readonly entity: string;
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
}

/** A use case whose cross-service reads are answered from a projection kept by `owner`. */
export interface ProjectedUseCase {
  readonly useCase: string;
  readonly owner: string;
}

export interface UseCaseTraffic {
  readonly name: string;
  /** A use case that writes anything is a write request (POST/PUT/PATCH/DELETE). */
  readonly kind: "read" | "write";
  readonly services: readonly string[];
  readonly requestsPerSecond: number;
}

export interface TableTraffic {
  readonly entity: string;
  readonly service: string;
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
}

export interface ServiceTraffic {
  readonly service: string;
  readonly requestsPerSecond: number;
}

/**
 * Each use case runs at its `peakRps`; each entity it reads costs one read query and each entity it
 * writes one write, times its `rowsPerCall` (rows per call, default 1). Traffic the use cases do not cover (peak total minus their sum) is split by
 * `readWriteRatio` into reads and writes and spread evenly over all entities, as one query each:
 * the plain CRUD endpoints every resource gets. A use case spanning services is one request on
 * every service it touches (the entry request plus one internal call per other service), except
 * when a projection serves it: then only the owner is called, and the reads of other services'
 * entities land on the owner's database (the projection table) instead of theirs.
 */
export function measureTraffic(
  model: Model,
  multiple: number,
  projections: readonly ProjectedUseCase[] = [],
): Traffic {
  const projectedBy = new Map(projections.map((p) => [p.useCase, p.owner]));
  const projectionTables = new Map<string, { service: string; entity: string; reads: number }>();
  const { peakRequestsPerSecond, readWriteRatio } = model.scale;
  const known = Model.entitiesByName(model);
  const useCaseTotal = model.useCases.reduce((sum, u) => sum + u.peakRps, 0);
  const remainder = Math.max(0, peakRequestsPerSecond - useCaseTotal);
  const uncoveredReads = ((remainder * readWriteRatio) / (readWriteRatio + 1)) * multiple;
  const uncoveredWrites = (remainder / (readWriteRatio + 1)) * multiple;
  const perEntityShare = model.entities.length === 0 ? 0 : 1 / model.entities.length;

  const reads = new Map(model.entities.map((e) => [e.name, uncoveredReads * perEntityShare]));
  const writes = new Map(model.entities.map((e) => [e.name, uncoveredWrites * perEntityShare]));
  const serviceRps = new Map(model.services.map((s) => [s, 0]));
  for (const entity of model.entities) {
    const share = (uncoveredReads + uncoveredWrites) * perEntityShare;
    serviceRps.set(entity.service, (serviceRps.get(entity.service) ?? 0) + share);
  }

  const useCases = model.useCases.map((useCase): UseCaseTraffic => {
    const rps = useCase.peakRps * multiple;
    // A call may write or read several rows of one entity: two postings per transfer, one delivery
    // per channel member. Each row is a statement the database executes.
    const rowsOf = (name: string) => rps * (useCase.rowsPerCall?.[name] ?? 1);
    const owner = projectedBy.get(useCase.name);
    for (const name of useCase.reads) {
      const home = known.get(name)?.service;
      if (owner !== undefined && home !== owner) {
        const key = `${owner}\u0000${name}`;
        const entry = projectionTables.get(key) ?? { service: owner, entity: name, reads: 0 };
        entry.reads += rowsOf(name);
        projectionTables.set(key, entry);
      } else if (reads.has(name)) {
        reads.set(name, (reads.get(name) ?? 0) + rowsOf(name));
      }
    }
    for (const name of useCase.writes)
      if (writes.has(name)) writes.set(name, (writes.get(name) ?? 0) + rowsOf(name));
    const touched = owner !== undefined ? useCase.writes : [...useCase.reads, ...useCase.writes];
    const services = [
      ...new Set([
        ...(owner !== undefined ? [owner] : []),
        ...touched.flatMap((n) => known.get(n)?.service ?? []),
      ]),
    ].sort();
    for (const service of services) serviceRps.set(service, (serviceRps.get(service) ?? 0) + rps);
    return {
      name: useCase.name,
      kind: useCase.writes.length > 0 ? "write" : "read",
      services,
      requestsPerSecond: rps,
    };
  });

  return {
    multiple,
    peakRequestsPerSecond: Math.max(peakRequestsPerSecond, useCaseTotal) * multiple,
    useCaseRequestsPerSecond: useCaseTotal * multiple,
    uncoveredReadsPerSecond: uncoveredReads,
    uncoveredWritesPerSecond: uncoveredWrites,
    useCases,
    tables: model.entities.map((e) => ({
      entity: e.name,
      service: e.service,
      readsPerSecond: reads.get(e.name) ?? 0,
      writesPerSecond: writes.get(e.name) ?? 0,
    })),
    services: [...serviceRps.keys()]
      .sort()
      .map((service) => ({ service, requestsPerSecond: serviceRps.get(service) ?? 0 })),
    projections: [...projectionTables.values()]
      .sort((x, y) => x.service.localeCompare(y.service) || x.entity.localeCompare(y.entity))
      .map((t) => ({
        service: t.service,
        entity: t.entity,
        readsPerSecond: t.reads,
        writesPerSecond: writes.get(t.entity) ?? 0,
      })),
  };
}
