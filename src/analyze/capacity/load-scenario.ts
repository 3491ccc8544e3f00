import type { Model } from "../../model/index.js";
import { tableName } from "../naming.js";
import { cacheOpsPerSecond } from "./cache-plan.js";
import type { CapacityAssumptions } from "./capacity-assumptions.js";
import type { LoadScenario } from "./capacity-report.js";
import { type DatabaseLoad, databaseLoad } from "./database-load.js";
import { roundRate, roundShare, roundWhole } from "./round-figure.js";
import { instancesFor } from "./service-fleet.js";
import type { Traffic } from "./traffic.js";

/** One load multiple's figures before rounding; bottlenecks are derived from these. */
export interface ScenarioFigures {
  readonly traffic: Traffic;
  readonly cached: ReadonlySet<string>;
  readonly services: readonly { service: string; requestsPerSecond: number; instances: number }[];
  readonly databases: readonly DatabaseLoad[];
  readonly cacheOpsPerSecond: number;
  readonly redisNodes: number;
}

export function scenarioFigures(
  model: Model,
  traffic: Traffic,
  cached: ReadonlySet<string>,
  a: CapacityAssumptions,
): ScenarioFigures {
  const services = traffic.services.map((s) => ({
    ...s,
    instances: instancesFor(s.requestsPerSecond, a.service),
  }));
  const databases = model.services.map((service) => {
    let reads = 0;
    let writes = 0;
    for (const table of traffic.tables) {
      if (table.service !== service) continue;
      reads += cached.has(table.entity)
        ? table.readsPerSecond * (1 - a.cache.hitRatio)
        : table.readsPerSecond;
      writes += table.writesPerSecond;
    }
    // Projection tables are local copies read by key; they are not behind the cache. Every write
    // of the source table arrives as an event and is applied to the copy.
    for (const projection of traffic.projections) {
      if (projection.service !== service) continue;
      reads += projection.readsPerSecond;
      writes += projection.writesPerSecond;
    }
    const instances = services.find((s) => s.service === service)?.instances ?? 0;
    return databaseLoad(service, reads, writes, Math.max(1, instances), a.postgres);
  });
  let ops = 0;
  for (const table of traffic.tables) {
    if (cached.has(table.entity)) {
      ops += cacheOpsPerSecond(table.readsPerSecond, table.writesPerSecond, a.cache.hitRatio);
    }
  }
  return {
    traffic,
    cached,
    services,
    databases,
    cacheOpsPerSecond: ops,
    redisNodes: cached.size === 0 ? 0 : Math.max(1, Math.ceil(ops / a.cache.opsPerSecond)),
  };
}

export function reportScenario(figures: ScenarioFigures, a: CapacityAssumptions): LoadScenario {
  const { traffic, cached, databases } = figures;
  const serviceInstances = figures.services.reduce((sum, s) => sum + s.instances, 0);
  const readReplicas = databases.reduce((sum, d) => sum + d.replicasNeeded, 0);
  const monthlyUsd =
    serviceInstances * a.service.instanceMonthlyUsd +
    databases.length * a.postgres.primaryMonthlyUsd +
    readReplicas * a.postgres.replicaMonthlyUsd +
    figures.redisNodes * a.cache.nodeMonthlyUsd;
  return {
    multiple: traffic.multiple,
    peakRequestsPerSecond: roundRate(traffic.peakRequestsPerSecond),
    useCaseRequestsPerSecond: roundRate(traffic.useCaseRequestsPerSecond),
    uncoveredReadsPerSecond: roundRate(traffic.uncoveredReadsPerSecond),
    uncoveredWritesPerSecond: roundRate(traffic.uncoveredWritesPerSecond),
    useCases: traffic.useCases.map((u) => ({
      name: u.name,
      kind: u.kind,
      services: [...u.services],
      requestsPerSecond: roundRate(u.requestsPerSecond),
    })),
    services: figures.services.map((s) => ({
      service: s.service,
      requestsPerSecond: roundRate(s.requestsPerSecond),
      instances: s.instances,
      poolPerInstance: databases.find((d) => d.service === s.service)?.poolPerInstance ?? 0,
    })),
    tables: traffic.tables.map((t) => {
      const isCached = cached.has(t.entity);
      const hits = isCached ? t.readsPerSecond * a.cache.hitRatio : 0;
      return {
        entity: t.entity,
        table: tableName(t.entity),
        service: t.service,
        readsPerSecond: roundRate(t.readsPerSecond),
        cached: isCached,
        cacheHitsPerSecond: roundRate(hits),
        databaseReadsPerSecond: roundRate(t.readsPerSecond - hits),
        writesPerSecond: roundRate(t.writesPerSecond),
      };
    }),
    projections: traffic.projections.map((p) => ({
      entity: p.entity,
      table: `${tableName(p.entity)}_projection`,
      service: p.service,
      readsPerSecond: roundRate(p.readsPerSecond),
      writesPerSecond: roundRate(p.writesPerSecond),
    })),
    databases: databases.map((d) => ({
      service: d.service,
      readsPerSecond: roundRate(d.readsPerSecond),
      writesPerSecond: roundRate(d.writesPerSecond),
      utilisation: roundShare(d.utilisation),
      busyConnections: roundRate(d.busyConnections),
      poolSize: d.poolSize,
      connections: d.connections,
      replicasNeeded: d.replicasNeeded,
      writesExceedPrimary: d.writesExceedPrimary,
    })),
    cache: {
      tables: traffic.tables.filter((t) => cached.has(t.entity)).map((t) => tableName(t.entity)),
      opsPerSecond: roundRate(figures.cacheOpsPerSecond),
      nodes: figures.redisNodes,
    },
    instances: {
      serviceInstances,
      postgresPrimaries: databases.length,
      readReplicas,
      redisNodes: figures.redisNodes,
      monthlyUsd: roundWhole(monthlyUsd),
    },
  };
}
