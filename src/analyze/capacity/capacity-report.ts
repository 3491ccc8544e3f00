import type { CapacityAssumptions } from "./capacity-assumptions.js";
import type { RowSource } from "./table-storage.js";

/**
 * Capacity figures as plain data: numbers rounded (rates to 0.1/s, multiples to 0.01, bytes and
 * rows to whole units), `null` where a figure does not exist, keys in a fixed order. Safe to
 * JSON.stringify into handoff.json byte for byte.
 */
export interface CapacityReport {
  readonly system: string;
  readonly retentionYears: number;
  /** Multiple of current load used for the "10x" scenario. */
  readonly tenfoldMultiple: number;
  /** The entity sized from scale.users when it has no growth; null when none was recognised. */
  readonly userEntity: string | null;
  readonly assumptions: CapacityAssumptions;
  readonly limits: SingleNodeLimits;
  readonly current: LoadScenario;
  readonly tenfold: LoadScenario;
  readonly storage: readonly TableStorageReport[];
  /**
   * Projection tables: sized with their emitted columns and indexes when the design's schemas are
   * given, else as full copies of their source (an upper bound). Same rows as the source.
   */
  readonly projectionStorage: readonly ProjectionStorageReport[];
  readonly bottlenecks: readonly Bottleneck[];
  /** Heuristics that shaped these figures and gaps in the spec, one sentence each. */
  readonly notes: readonly string[];
}

export interface SingleNodeLimits {
  readonly serviceInstanceRequestsPerSecond: number;
  readonly postgresPrimaries: readonly PrimarySaturation[];
  /** null when no table is cached. */
  readonly redisNode: RedisSaturation | null;
}

export interface PrimarySaturation {
  readonly service: string;
  /** Multiple of current load at which reads + writes fill one primary; null when it carries no load. */
  readonly saturatesAtMultiple: number | null;
  /** The system's peak requests per second at that multiple. */
  readonly saturatesAtPeakRequestsPerSecond: number | null;
  /** Multiple at which writes alone fill it (read replicas cannot move this). */
  readonly writesSaturateAtMultiple: number | null;
  /** Multiple at which the service fleet's pools exceed the primary's connection limit. */
  readonly connectionsSaturateAtMultiple: number | null;
}

export interface RedisSaturation {
  readonly saturatesAtMultiple: number;
  readonly saturatesAtPeakRequestsPerSecond: number;
}

export interface LoadScenario {
  readonly multiple: number;
  readonly peakRequestsPerSecond: number;
  readonly useCaseRequestsPerSecond: number;
  readonly uncoveredReadsPerSecond: number;
  readonly uncoveredWritesPerSecond: number;
  readonly useCases: readonly UseCaseLoad[];
  readonly services: readonly ServiceLoad[];
  readonly tables: readonly TableLoad[];
  /** Local copies of other services' tables, read by key and written by their events. */
  readonly projections: readonly ProjectionLoad[];
  readonly databases: readonly DatabaseLoadReport[];
  readonly cache: CacheLoad;
  readonly instances: InstanceCounts;
}

export interface UseCaseLoad {
  readonly name: string;
  readonly kind: "read" | "write";
  readonly services: readonly string[];
  readonly requestsPerSecond: number;
}

export interface ServiceLoad {
  readonly service: string;
  readonly requestsPerSecond: number;
  readonly instances: number;
  readonly poolPerInstance: number;
}

export interface TableLoad {
  readonly entity: string;
  readonly table: string;
  readonly service: string;
  readonly readsPerSecond: number;
  readonly cached: boolean;
  readonly cacheHitsPerSecond: number;
  readonly databaseReadsPerSecond: number;
  readonly writesPerSecond: number;
}

export interface ProjectionLoad {
  /** The source entity, owned by another service. */
  readonly entity: string;
  readonly table: string;
  /** The service that keeps the copy. */
  readonly service: string;
  readonly readsPerSecond: number;
  /** The source table's writes, each applied to the copy. */
  readonly writesPerSecond: number;
}

export interface DatabaseLoadReport {
  readonly service: string;
  readonly readsPerSecond: number;
  readonly writesPerSecond: number;
  readonly utilisation: number;
  readonly busyConnections: number;
  readonly poolSize: number;
  readonly connections: number;
  readonly replicasNeeded: number;
  readonly writesExceedPrimary: boolean;
}

export interface CacheLoad {
  readonly tables: readonly string[];
  readonly opsPerSecond: number;
  readonly nodes: number;
}

export interface InstanceCounts {
  readonly serviceInstances: number;
  readonly postgresPrimaries: number;
  readonly readReplicas: number;
  readonly redisNodes: number;
  /** Compute only (primaries, replicas, cache nodes, service instances); storage is per table. */
  readonly monthlyUsd: number;
}

export interface TableStorageReport {
  readonly entity: string;
  readonly table: string;
  readonly service: string;
  readonly rowSource: RowSource;
  /** Heap bytes one row takes including header, padding and line pointer. */
  readonly rowBytes: number;
  readonly rowsPerPage: number;
  readonly indexes: readonly IndexReport[];
  readonly current: TableVolumeReport;
  readonly tenfold: TableVolumeReport;
}

export interface ProjectionStorageReport {
  readonly table: string;
  readonly service: string;
  /** The source entity. */
  readonly copyOf: string;
  readonly rowBytes: number;
  readonly current: TableVolumeReport;
  readonly tenfold: TableVolumeReport;
}

export interface IndexReport {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly reasons: readonly string[];
  readonly entryBytes: number;
  readonly entriesPerPage: number;
  readonly currentBytes: number | null;
  readonly tenfoldBytes: number | null;
}

export interface TableVolumeReport {
  readonly rowsPerDay: number;
  readonly rowsAtRetention: number | null;
  readonly heapBytes: number | null;
  readonly indexBytes: number | null;
  readonly totalBytes: number | null;
  readonly storageMonthlyUsd: number | null;
  /** Month (1-based, from launch) in which rows pass the threshold; 0 = from the start; null = not within retention. */
  readonly passesThresholdInMonth: number | null;
}

export type BottleneckKind =
  | "postgres-primary"
  | "postgres-writes"
  | "postgres-connections"
  | "redis-node"
  | "table-rows"
  | "hot-row";

export interface Bottleneck {
  readonly rank: number;
  readonly id: string;
  readonly kind: BottleneckKind;
  /** What saturates, in words. */
  readonly resource: string;
  /** Multiple of current load at which it bites; below 1 means it bites at current load. */
  readonly bitesAtMultiple: number;
  /** For table growth: the month it bites at current load and at the 10x load. */
  readonly bitesInMonth: number | null;
  readonly bitesInMonthAtTenfold: number | null;
  /** The limit that is hit. */
  readonly limit: string;
  readonly mitigation: string;
  readonly roughCost: string;
  /** Added monthly spend of the mitigation at 10x, when it is infrastructure; null when it is engineering work. */
  readonly monthlyUsd: number | null;
}
