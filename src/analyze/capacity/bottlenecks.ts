import { HASH_PARTITIONS, INTERVAL_ADJECTIVE } from "../partition-plan.js";
import { hasPosition } from "../position-fields.js";
import type { Partitioning } from "../relational-schema.js";
import type { CapacityAssumptions } from "./capacity-assumptions.js";
import type { Bottleneck } from "./capacity-report.js";
import type { DatabaseLoad } from "./database-load.js";
import {
  formatBytes,
  formatCount,
  formatPercent,
  formatRate,
  formatRows,
  formatUsd,
} from "./figure-format.js";
import type { ScenarioFigures } from "./load-scenario.js";
import { roundMultiple, roundShare, roundWhole } from "./round-figure.js";
import { requestsPerInstance } from "./service-fleet.js";
import { DAYS_PER_MONTH, type TableShape, type TableVolume } from "./table-storage.js";

export interface SizedTable {
  readonly shape: TableShape;
  readonly current: TableVolume;
  readonly tenfold: TableVolume;
}

type Candidate = Omit<Bottleneck, "rank">;

/**
 * Every single-node limit and growth threshold, ranked by the multiple of current load at which it
 * bites (growth thresholds convert to a multiple too: the load at which retained rows reach the
 * threshold), then by month. Service instances are not listed: they are stateless and scale out.
 */
export function rankBottlenecks(
  current: ScenarioFigures,
  tenfold: ScenarioFigures,
  tables: readonly SizedTable[],
  retentionYears: number,
  a: CapacityAssumptions,
  partitioned: ReadonlyMap<string, Partitioning> = new Map(),
  extra: readonly Candidate[] = [],
): Bottleneck[] {
  const candidates: Candidate[] = [...extra];
  for (const db of current.databases) {
    const atTenfold = tenfold.databases.find((d) => d.service === db.service);
    const rps = current.services.find((s) => s.service === db.service)?.requestsPerSecond ?? 0;
    candidates.push(...databaseBottlenecks(db, atTenfold, rps, current, a, tables));
  }
  const redis = redisBottleneck(current, tenfold, a);
  if (redis !== undefined) candidates.push(redis);
  for (const table of tables) {
    const candidate = tableBottleneck(table, retentionYears, a, partitioned.get(table.shape.entity.name));
    if (candidate !== undefined) candidates.push(candidate);
  }
  return candidates
    .sort(
      (x, y) =>
        x.bitesAtMultiple - y.bitesAtMultiple ||
        (x.bitesInMonth ?? Number.POSITIVE_INFINITY) - (y.bitesInMonth ?? Number.POSITIVE_INFINITY) ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    )
    .map((c, index) => ({ rank: index + 1, ...c, bitesAtMultiple: roundMultiple(c.bitesAtMultiple) }));
}

/** Multiple of current load at which the fleet's pools exceed the primary's connection limit. */
export function connectionsSaturateAt(db: DatabaseLoad, serviceRps: number, a: CapacityAssumptions): number {
  const pg = a.postgres;
  // Both terms grow linearly with load: the minimum pools of more instances, or the Little's law pool.
  const perMultiple = Math.max(
    (pg.minPoolPerInstance * serviceRps) / requestsPerInstance(a.service),
    db.busyConnections * pg.poolHeadroom,
  );
  return perMultiple > 0 ? pg.maxConnections / perMultiple : Number.POSITIVE_INFINITY;
}

function databaseBottlenecks(
  db: DatabaseLoad,
  atTenfold: DatabaseLoad | undefined,
  serviceRps: number,
  current: ScenarioFigures,
  a: CapacityAssumptions,
  tables: readonly SizedTable[] = [],
): Candidate[] {
  const pg = a.postgres;
  const result: Candidate[] = [];
  const name = `\`${db.service}\``;
  const readShare = db.readsPerSecond / pg.readQueriesPerSecond;
  const writeShare = db.writesPerSecond / pg.writesPerSecond;
  if (db.utilisation > 0) {
    const neededAtTenfold = atTenfold?.replicasNeeded ?? 0;
    const replicas = Math.max(1, neededAtTenfold);
    const cachedHere = current.traffic.tables.filter(
      (t) => t.service === db.service && current.cached.has(t.entity),
    );
    const readsMitigation =
      `Add read replicas for reads that tolerate ${formatCount(pg.replicationLagBudgetMs)} ms of staleness ` +
      (neededAtTenfold > 0 ? `(${neededAtTenfold} needed at 10x)` : "(one is enough when it bites)") +
      "; keep read-after-write paths on the primary" +
      (cachedHere.length > 0 ? "" : "; cache the hottest reads in Redis");
    const writesMitigation =
      "Writes dominate: batch them, move non-urgent ones to a queue, scale the primary up one size; " +
      "shard by the main key when that is not enough";
    const saturated = db.utilisation >= 1 ? saturatedPrimaryChange(db, current, a, tables) : undefined;
    result.push({
      id: `postgres-primary:${db.service}`,
      kind: "postgres-primary",
      resource: `PostgreSQL primary of ${name} (reads + writes)`,
      bitesAtMultiple: 1 / db.utilisation,
      bitesInMonth: null,
      bitesInMonthAtTenfold: null,
      limit:
        `${formatCount(pg.readQueriesPerSecond)} reads/s or ${formatCount(pg.writesPerSecond)} writes/s ` +
        `(now ${formatRate(db.readsPerSecond)} reads/s + ${formatRate(db.writesPerSecond)} writes/s = ` +
        // The report's rounded share, so this and the primaries table print the same percentage.
        `${formatPercent(roundShare(db.utilisation))} used)`,
      mitigation: saturated?.mitigation ?? (readShare >= writeShare ? readsMitigation : writesMitigation),
      roughCost:
        saturated?.roughCost ??
        (readShare >= writeShare
          ? `${replicas} replica${replicas === 1 ? "" : "s"} ≈ ${formatUsd(replicas * pg.replicaMonthlyUsd)}/month`
          : `one size up ≈ +${formatUsd(pg.primaryMonthlyUsd)}/month`),
      monthlyUsd:
        saturated?.monthlyUsd ??
        (readShare >= writeShare ? replicas * pg.replicaMonthlyUsd : pg.primaryMonthlyUsd),
    });
  }
  if (db.writesPerSecond > 0) {
    result.push({
      id: `postgres-writes:${db.service}`,
      kind: "postgres-writes",
      resource: `PostgreSQL write throughput of ${name}`,
      bitesAtMultiple: 1 / writeShare,
      bitesInMonth: null,
      bitesInMonthAtTenfold: null,
      limit: `${formatCount(pg.writesPerSecond)} writes/s on one primary (now ${formatRate(db.writesPerSecond)}/s); replicas do not help`,
      mitigation:
        "Queue non-urgent writes, partition the hottest tables, then shard the service's database by its main key",
      roughCost: `2–4 engineer-weeks plus ${formatUsd(pg.primaryMonthlyUsd)}/month per extra shard`,
      monthlyUsd: pg.primaryMonthlyUsd,
    });
  }
  const connectionsAt = connectionsSaturateAt(db, serviceRps, a);
  if (Number.isFinite(connectionsAt)) {
    const instances = current.services.find((s) => s.service === db.service)?.instances ?? 0;
    result.push({
      id: `postgres-connections:${db.service}`,
      kind: "postgres-connections",
      resource: `Connections to the ${name} primary`,
      bitesAtMultiple: connectionsAt,
      bitesInMonth: null,
      bitesInMonthAtTenfold: null,
      limit:
        `${formatCount(pg.maxConnections)} connections (now ${formatCount(db.connections)}: ` +
        `${instances} instances x ${db.poolPerInstance})`,
      mitigation:
        "Run PgBouncer in transaction mode in front of the primary so all instances share " +
        `about ${formatCount(Math.max(atTenfold?.poolSize ?? 0, pg.minPoolPerInstance))} server connections at 10x; ` +
        "cap per-instance pools",
      roughCost: `two small pooler instances ≈ ${formatUsd(2 * a.service.instanceMonthlyUsd)}/month`,
      monthlyUsd: 2 * a.service.instanceMonthlyUsd,
    });
  }
  return result;
}

/**
 * A primary already past saturation at today's load: one size up buys at most about 2x, so the
 * advice names the table that carries the load and the change that removes it from the primary.
 * Append-only rows at that rate go to a log and reach PostgreSQL in batches (or stay in a column
 * store); latest values (positions, ephemeral state) to memory; reads go to Redis in front of the
 * table; other writes need the database sharded by a key.
 */
function saturatedPrimaryChange(
  db: DatabaseLoad,
  current: ScenarioFigures,
  a: CapacityAssumptions,
  tables: readonly SizedTable[],
): { mitigation: string; roughCost: string; monthlyUsd: number } {
  const pg = a.postgres;
  const own = current.traffic.tables.filter((t) => t.service === db.service);
  const writesFirst = db.writesPerSecond / pg.writesPerSecond >= db.readsPerSecond / pg.readQueriesPerSecond;
  const top = [...own].sort((x, y) =>
    writesFirst ? y.writesPerSecond - x.writesPerSecond : y.readsPerSecond - x.readsPerSecond,
  )[0];
  const gap = `At ${formatPercent(roundShare(db.utilisation))} of one primary today, a bigger instance (about 2x per size) cannot close the gap`;
  const table = `\`${tables.find((t) => t.shape.entity.name === top?.entity)?.shape.table ?? top?.entity ?? "?"}\``;
  const entity = tables.find((t) => t.shape.entity.name === top?.entity)?.shape.entity;
  const shards = Math.ceil(db.utilisation * 1.5);
  if (!writesFirst) {
    const nodes = Math.max(1, Math.ceil((top?.readsPerSecond ?? 0) / a.cache.opsPerSecond));
    return {
      mitigation: `${gap}: ${table} takes ${formatRate(top?.readsPerSecond ?? 0)} reads/s; serve them from Redis in front of PostgreSQL (cache-aside by key, invalidated on write, ${nodes} node${nodes === 1 ? "" : "s"} at ${formatCount(a.cache.opsPerSecond)} ops/s each), so the primary sees only misses and writes`,
      roughCost: `${nodes} Redis node${nodes === 1 ? "" : "s"} ≈ ${formatUsd(nodes * a.cache.nodeMonthlyUsd)}/month`,
      monthlyUsd: nodes * a.cache.nodeMonthlyUsd,
    };
  }
  if (entity && !entity.appendOnly && (entity.ephemeral || hasPosition(entity))) {
    const nodes = Math.max(1, Math.ceil((top?.writesPerSecond ?? 0) / a.cache.opsPerSecond));
    return {
      mitigation: `${gap}: ${table} takes ${formatRate(top?.writesPerSecond ?? 0)} writes/s of latest values; keep only the latest value per key in memory (Redis GEO for positions, or a latest-value hash; ${nodes} node${nodes === 1 ? "" : "s"} at ${formatCount(a.cache.opsPerSecond)} ops/s each), so PostgreSQL takes no row update per report`,
      roughCost: `${nodes} Redis node${nodes === 1 ? "" : "s"} ≈ ${formatUsd(nodes * a.cache.nodeMonthlyUsd)}/month plus 1–2 engineer-weeks`,
      monthlyUsd: nodes * a.cache.nodeMonthlyUsd,
    };
  }
  if (entity?.appendOnly) {
    return {
      mitigation: `${gap}: ${table} takes ${formatRate(top?.writesPerSecond ?? 0)} append-only writes/s; write them to a log (Kafka, or Redis Streams for the latest values) and load PostgreSQL in batches (COPY of a thousand rows is one statement instead of a thousand), or keep them in a column store (ClickHouse) built for that insert rate`,
      roughCost: `a 3-broker log ≈ ${formatUsd(3 * a.service.instanceMonthlyUsd)}/month plus 2–4 engineer-weeks`,
      monthlyUsd: 3 * a.service.instanceMonthlyUsd,
    };
  }
  return {
    mitigation: `${gap}: ${table} takes ${formatRate(top?.writesPerSecond ?? 0)} writes/s; shard ${db.service}'s database by the key of ${table} across ${shards} primaries, and batch writes that can wait`,
    roughCost: `${shards} primaries ≈ ${formatUsd(shards * pg.primaryMonthlyUsd)}/month plus 2–4 engineer-weeks`,
    monthlyUsd: shards * pg.primaryMonthlyUsd,
  };
}

function redisBottleneck(
  current: ScenarioFigures,
  tenfold: ScenarioFigures,
  a: CapacityAssumptions,
): Candidate | undefined {
  if (current.cacheOpsPerSecond <= 0) return undefined;
  // Sharding starts at two nodes even when 10x still fits one.
  const nodes = Math.max(2, tenfold.redisNodes);
  return {
    id: "redis-node",
    kind: "redis-node",
    resource: "Redis cache node",
    bitesAtMultiple: a.cache.opsPerSecond / current.cacheOpsPerSecond,
    bitesInMonth: null,
    bitesInMonthAtTenfold: null,
    limit: `${formatCount(a.cache.opsPerSecond)} ops/s on one node (now ${formatRate(current.cacheOpsPerSecond)}/s)`,
    mitigation:
      `Run Redis Cluster and spread keys over ${nodes} nodes` +
      (tenfold.redisNodes > 1 ? " (needed at 10x)" : " when it bites") +
      "; keep the hottest keys in a short-lived in-process cache",
    roughCost: `${nodes} nodes ≈ ${formatUsd(nodes * a.cache.nodeMonthlyUsd)}/month`,
    monthlyUsd: nodes * a.cache.nodeMonthlyUsd,
  };
}

function tableBottleneck(
  table: SizedTable,
  retentionYears: number,
  a: CapacityAssumptions,
  alreadyPartitioned: Partitioning | undefined,
): Candidate | undefined {
  const { shape, current, tenfold } = table;
  const threshold = a.growth.rowThreshold;
  const rows = current.rowsAtRetention;
  if (rows === undefined || rows <= 0) return undefined;
  const bitesAt = thresholdMultiple(shape, rows, threshold);
  if (bitesAt === undefined) return undefined;
  const name = `\`${shape.table}\``;
  const month = current.passesThresholdInMonth;
  const monthAtTenfold = tenfold.passesThresholdInMonth;
  const deadline =
    month !== undefined
      ? `before month ${month}`
      : monthAtTenfold !== undefined
        ? `before month ${monthAtTenfold} at 10x load`
        : "if load grows past the multiple shown";
  const mitigation =
    shape.growth.source === "users"
      ? `Hash-partition ${name} by id and keep inactive accounts in a cold table; have it in place ${deadline}`
      : !shape.growth.fixedScales && shape.growth.fixedRows >= threshold
        ? `${name} starts at ${formatRows(shape.growth.fixedRows)} rows, above ${formatRows(threshold)}, and archiving by age ` +
          `cannot shrink reference data: ${REFERENCE_DATA_REMEDY}`
        : `${partitionStep(name, shape, alreadyPartitioned, deadline)}; ${archivalStep(shape, table, retentionYears, threshold, alreadyPartitioned)}`;
  const tenfoldBytes = totalBytes(tenfold);
  return {
    id: `table-rows:${shape.table}`,
    kind: "table-rows",
    resource: `${name} passes ${formatRows(threshold)} rows`,
    bitesAtMultiple: bitesAt,
    bitesInMonth: month ?? null,
    bitesInMonthAtTenfold: monthAtTenfold ?? null,
    limit: `${formatRows(threshold)} rows (${formatRows(rows)} after ${retentionYears} years at current load)`,
    mitigation,
    roughCost:
      "1–2 engineer-weeks" +
      (tenfoldBytes === undefined
        ? ""
        : `; ${formatBytes(tenfoldBytes)} retained at 10x ≈ ${formatUsd(roundWhole((tenfoldBytes / 2 ** 30) * a.postgres.storageGbMonthlyUsd))}/month storage`),
    monthlyUsd: null,
  };
}

/** What to do with reference data (fixed rows) that is past the row threshold from the start. */
export const REFERENCE_DATA_REMEDY =
  "hash-partition it by id from the first migration (a unique column then needs the partition key or a " +
  "separate lookup table), or keep it whole with per-table autovacuum settings and REINDEX CONCURRENTLY in " +
  "the maintenance plan";

/**
 * What to do about partitions, given how the first migration already partitions the table. Only
 * append-only rows are split by age; live state (balances, accounts, memberships) is split by a key
 * column, so its keys and the foreign keys pointing at it hold (analyze/partition-plan.ts).
 */
function partitionStep(
  name: string,
  shape: TableShape,
  already: Partitioning | undefined,
  deadline: string,
): string {
  if (already?.strategy === "range")
    return `${name} is range-partitioned by ${already.column} ${already.interval} from its first migration: create ${INTERVAL_ADJECTIVE[already.interval]} partitions ahead (pg_partman) and drop those past retention`;
  if (already?.strategy === "hash")
    return `${name} is hash-partitioned by ${already.column} into ${already.partitions} parts from its first migration, which keeps its key, unique constraints and foreign keys as declared`;
  if (shape.entity.appendOnly) return `Range-partition ${name} by created_at ${deadline}`;
  return `Hash-partition ${name} by a column of its key ${deadline} (a unique column outside the key first moves to a lookup table keyed by it, so uniqueness still holds)`;
}

/**
 * How to keep the table under the threshold when retention alone does not: rows grow by perMonth,
 * so keeping only the newest floor((threshold - fixed) / perMonth) months in PostgreSQL does. Figured
 * at today's load when the table passes the threshold at it, else at 10x. Live state is never
 * archived by age (its rows stay current), and append-only rows stay for the spec's retention.
 */
function archivalStep(
  shape: TableShape,
  table: SizedTable,
  retentionYears: number,
  threshold: number,
  partitioned: Partitioning | undefined,
): string {
  const atToday = table.current.passesThresholdInMonth !== undefined;
  const multiple = atToday ? 1 : 10;
  const volume = atToday ? table.current : table.tenfold;
  const live = !shape.entity.appendOnly;
  if (live) {
    const parts = partitioned?.strategy === "hash" ? partitioned.partitions : HASH_PARTITIONS;
    const column = partitioned?.column ?? "its key";
    const rows = volume.rowsAtRetention ?? table.tenfold.rowsAtRetention;
    return `its rows are live state that stays current however old, so nothing is archived by age${
      rows === undefined
        ? ""
        : `: ${parts} hash parts hold about ${formatRows(rows / parts)} rows each at retention${atToday ? "" : " at 10x load"}`
    }; past what one primary holds, shard by ${column} across databases`;
  }
  if (!atToday && table.tenfold.passesThresholdInMonth === undefined)
    return `retention keeps it under ${formatRows(threshold)} rows up to the load multiple shown; past it, move older partitions to cheaper storage, still within the ${formatRate(retentionYears)} years of retention`;
  const fixed = shape.growth.fixedScales ? shape.growth.fixedRows * multiple : shape.growth.fixedRows;
  const perMonth = shape.growth.rowsPerDay * multiple * DAYS_PER_MONTH;
  const months = retentionYears * 12;
  if (perMonth <= 0 || volume.rowsAtRetention === undefined) return "drop partitions past retention";
  const keep = Math.floor((threshold - fixed) / perMonth);
  const load = atToday ? "" : " at 10x load";
  const held = `${formatRate(retentionYears)} years of retention hold ${formatRows(volume.rowsAtRetention)} rows${load}, so retention alone does not keep it under ${formatRows(threshold)}`;
  const interval = partitioned?.strategy === "range" ? partitioned.interval : keep < 1 ? "day" : "month";
  // Retention is the spec's requirement: older partitions may move to cheaper storage, never vanish early.
  const cold = `the spec keeps rows ${formatRate(retentionYears)} years, so partitions older than the hot window move to cheaper storage (a column store or object storage queried on demand) and are dropped only past retention`;
  if (keep < 1)
    return `${held}, and even one month adds ${formatRows(perMonth)} rows: ${INTERVAL_ADJECTIVE[interval]} partitions keep each one small, or shard the table across databases; ${cold}`;
  return `${held}: keep the newest ${keep} months in PostgreSQL (${formatRate(months)} months retained in all); ${cold}`;
}

/** The load multiple m at which rows retained reach the threshold: fixed x (m or 1) + growth x m = threshold. */
function thresholdMultiple(
  shape: TableShape,
  rowsAtRetention: number,
  threshold: number,
): number | undefined {
  const { fixedRows, fixedScales } = shape.growth;
  if (fixedScales) return threshold / rowsAtRetention;
  const grown = rowsAtRetention - fixedRows;
  if (fixedRows >= threshold) return 0;
  return grown > 0 ? (threshold - fixedRows) / grown : undefined;
}

export function totalBytes(volume: TableVolume): number | undefined {
  if (volume.heapBytes === undefined) return undefined;
  let total = volume.heapBytes;
  for (const bytes of volume.indexBytes) total += bytes ?? 0;
  return total;
}
