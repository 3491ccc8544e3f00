import type { PostgresAssumptions } from "./capacity-assumptions.js";
import type { CapacityReport, TableStorageReport } from "./capacity-report.js";
import { formatBytes } from "./figure-format.js";

/** One PostgreSQL instance class a primary can run on. */
export interface InstanceClass {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /**
   * vCPUs the class sustains around the clock: all of them, or a burstable class's baseline share
   * (t4g.small and t4g.medium earn CPU credits at 20% per vCPU, t4g.large at 30%).
   */
  readonly sustainedVcpus: number;
  /** Single-AZ on-demand price per month, rounded (us-east-1, PostgreSQL, 730 hours). */
  readonly monthlyUsd: number;
}

/**
 * Classes in order of size. The default assumptions (20,000 reads/s and 5,000 writes/s) were stated
 * for db.r6g.2xlarge; the others are scaled by sustained vCPUs, since indexed reads and small writes
 * are CPU- and commit-bound once the working set is in memory.
 */
export const INSTANCE_CLASSES: readonly InstanceClass[] = [
  { name: "db.t4g.small", vcpus: 2, memoryGiB: 2, sustainedVcpus: 0.4, monthlyUsd: 24 },
  { name: "db.t4g.medium", vcpus: 2, memoryGiB: 4, sustainedVcpus: 0.4, monthlyUsd: 47 },
  { name: "db.t4g.large", vcpus: 2, memoryGiB: 8, sustainedVcpus: 0.6, monthlyUsd: 94 },
  { name: "db.r6g.large", vcpus: 2, memoryGiB: 16, sustainedVcpus: 2, monthlyUsd: 165 },
  { name: "db.r6g.xlarge", vcpus: 4, memoryGiB: 32, sustainedVcpus: 4, monthlyUsd: 325 },
  { name: "db.r6g.2xlarge", vcpus: 8, memoryGiB: 64, sustainedVcpus: 8, monthlyUsd: 650 },
  { name: "db.r6g.4xlarge", vcpus: 16, memoryGiB: 128, sustainedVcpus: 16, monthlyUsd: 1_300 },
  { name: "db.r6g.8xlarge", vcpus: 32, memoryGiB: 256, sustainedVcpus: 32, monthlyUsd: 2_600 },
  { name: "db.r6g.16xlarge", vcpus: 64, memoryGiB: 512, sustainedVcpus: 64, monthlyUsd: 5_200 },
];

/** The class the default throughput figures describe. */
const REFERENCE = "db.r6g.2xlarge";
/** Today's peak may use at most this share of the chosen class: it saturates at 2x or later. */
export const PRIMARY_TARGET_UTILISATION = 0.5;
/** Server connections per GiB of memory before backends crowd out the page cache. */
const CONNECTIONS_PER_GIB = 100;
/** RDS Single-AZ is covered for 99.5%; a higher target needs a synchronous standby in another zone. */
export const MULTI_AZ_ABOVE_AVAILABILITY = 99.5;

export interface PrimaryInstanceChoice {
  readonly instanceClass: InstanceClass;
  readonly multiAz: boolean;
  /** The busiest primary and its share of the chosen class at today's peak. */
  readonly busiestService: string;
  readonly utilisation: number;
  /** Index bytes of the largest database's recent rows: the working set kept in memory. */
  readonly workingSetBytes: number;
  /** Why this class: the figures it was chosen from. */
  readonly reason: string;
  /** The postgres assumptions for this class, for the final estimate. */
  readonly postgres: Partial<PostgresAssumptions>;
}

/**
 * The smallest class that keeps every primary at or below half its throughput at today's peak and
 * holds the largest database's working set (the indexes of its fixed rows and newest 30 days) in memory. A primary already past saturation on the reference
 * class keeps that class: the advice for it is a different store or a shard, not a bigger instance.
 */
export function choosePrimaryInstance(report: CapacityReport, availability: number): PrimaryInstanceChoice {
  const pg = report.assumptions.postgres;
  const reference = INSTANCE_CLASSES.find((c) => c.name === REFERENCE) ?? INSTANCE_CLASSES[0];
  if (!reference) throw new Error("no instance classes");
  const indexBytes = new Map<string, number>();
  for (const table of report.storage) {
    indexBytes.set(
      table.service,
      (indexBytes.get(table.service) ?? 0) + hotIndexBytes(table, report.retentionYears),
    );
  }
  const workingSet = Math.max(0, ...indexBytes.values());
  const share = (c: InstanceClass, reads: number, writes: number) =>
    (reads / pg.readQueriesPerSecond + writes / pg.writesPerSecond) *
    (reference.sustainedVcpus / c.sustainedVcpus);
  const busiestOn = (c: InstanceClass) => {
    let best = { service: report.current.databases[0]?.service ?? "", utilisation: 0 };
    for (const d of report.current.databases) {
      const u = share(c, d.readsPerSecond, d.writesPerSecond);
      if (u > best.utilisation) best = { service: d.service, utilisation: u };
    }
    return best;
  };
  const saturated = busiestOn(reference).utilisation >= 1;
  const fits = (c: InstanceClass) =>
    busiestOn(c).utilisation <= PRIMARY_TARGET_UTILISATION && c.memoryGiB * 2 ** 30 >= workingSet;
  const chosen = saturated
    ? reference
    : (INSTANCE_CLASSES.find(fits) ?? INSTANCE_CLASSES[INSTANCE_CLASSES.length - 1] ?? reference);
  const busiest = busiestOn(chosen);
  const multiAz = availability > MULTI_AZ_ABOVE_AVAILABILITY;
  const percent = `${Math.round(busiest.utilisation * 1000) / 10}%`;
  const reason = saturated
    ? `\`${busiest.service}\` is past one ${reference.name}'s throughput at today's peak, so the class stays at ${reference.name} and the bottlenecks say what to change instead of a bigger instance`
    : `the busiest primary, \`${busiest.service}\`, uses ${percent} of a ${chosen.name} at today's peak (at most ${PRIMARY_TARGET_UTILISATION * 100}% leaves room to double before a resize) and the largest working set (indexes of the newest ${WORKING_SET_DAYS} days, ${formatBytes(workingSet)}) fits in its ${chosen.memoryGiB} GiB`;
  const scale = chosen.sustainedVcpus / reference.sustainedVcpus;
  return {
    instanceClass: chosen,
    multiAz,
    busiestService: busiest.service,
    utilisation: busiest.utilisation,
    workingSetBytes: workingSet,
    reason,
    postgres: {
      instance: `${chosen.vcpus} vCPU${chosen.sustainedVcpus < chosen.vcpus ? ` (burstable, ${chosen.sustainedVcpus} sustained)` : ""}, ${chosen.memoryGiB} GiB, gp3 SSD (${chosen.name})`,
      readQueriesPerSecond: Math.round(pg.readQueriesPerSecond * scale),
      writesPerSecond: Math.round(pg.writesPerSecond * scale),
      maxConnections: Math.min(pg.maxConnections, chosen.memoryGiB * CONNECTIONS_PER_GIB),
      primaryMonthlyUsd: chosen.monthlyUsd * (multiAz ? 2 : 1),
      replicaMonthlyUsd: chosen.monthlyUsd,
    },
  };
}

/** Days of newest rows whose index entries the reads keep touching (keyset pages, recent lookups). */
export const WORKING_SET_DAYS = 30;

/**
 * The index bytes of a table's fixed rows and its newest WORKING_SET_DAYS of growth: reads walk
 * recent keys, so older index pages stay on disk until asked for.
 */
function hotIndexBytes(table: TableStorageReport, retentionYears: number): number {
  const { indexBytes, rowsAtRetention, rowsPerDay } = table.current;
  if (indexBytes === null || rowsAtRetention === null || rowsAtRetention === 0) return 0;
  const fixed = Math.max(0, rowsAtRetention - rowsPerDay * 365.25 * retentionYears);
  return indexBytes * Math.min(1, (fixed + rowsPerDay * WORKING_SET_DAYS) / rowsAtRetention);
}

/** True when the spec states any PostgreSQL figure itself: then its figures stand as given. */
export function specSizesPostgres(overrides: { readonly postgres?: object } | undefined): boolean {
  return overrides?.postgres !== undefined && Object.keys(overrides.postgres).length > 0;
}
