import type { PostgresAssumptions } from "./capacity-assumptions.js";

/** What one service's PostgreSQL primary carries, unrounded. */
export interface DatabaseLoad {
  readonly service: string;
  /** Reads that reach PostgreSQL, after cache hits. */
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
  /** Share of one primary's sustainable throughput in use: reads/readCapacity + writes/writeCapacity. */
  readonly utilisation: number;
  /** Little's law: connections busy at once = query rate x mean time a query holds one. */
  readonly busyConnections: number;
  readonly poolSize: number;
  readonly poolPerInstance: number;
  /** Connections the whole fleet of the service opens to the primary. */
  readonly connections: number;
  readonly replicasNeeded: number;
  /** Writes alone exceed one primary: replicas cannot help, the write path must be split. */
  readonly writesExceedPrimary: boolean;
}

export function databaseLoad(
  service: string,
  readsPerSecond: number,
  writesPerSecond: number,
  serviceInstances: number,
  pg: PostgresAssumptions,
): DatabaseLoad {
  const writeShare = writesPerSecond / pg.writesPerSecond;
  const utilisation = readsPerSecond / pg.readQueriesPerSecond + writeShare;
  const busyConnections = (readsPerSecond * pg.readQueryMs + writesPerSecond * pg.writeQueryMs) / 1000;
  const poolSize = Math.ceil(busyConnections * pg.poolHeadroom);
  const poolPerInstance = Math.max(pg.minPoolPerInstance, Math.ceil(poolSize / serviceInstances));
  return {
    service,
    readsPerSecond,
    writesPerSecond,
    utilisation,
    busyConnections,
    poolSize,
    poolPerInstance,
    connections: poolPerInstance * serviceInstances,
    replicasNeeded: replicasNeeded(readsPerSecond, writeShare, pg),
    writesExceedPrimary: writeShare > 1,
  };
}

/**
 * The primary keeps every write and whatever read capacity the writes leave; replicas take the
 * reads beyond that. Once writes alone fill the primary, every read goes to replicas.
 */
function replicasNeeded(readsPerSecond: number, writeShare: number, pg: PostgresAssumptions): number {
  const spareReads = Math.max(0, 1 - writeShare) * pg.readQueriesPerSecond;
  if (readsPerSecond <= spareReads) return 0;
  return Math.ceil((readsPerSecond - spareReads) / pg.readQueriesPerSecond);
}
