import { type Diagnostic, diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { SourceLocation } from "../../model/index.js";

/**
 * Per-node figures every capacity number is derived from. Each default is stated with its source
 * and reasoning in docs/capacity.md; a spec can override any of them.
 */
export interface PostgresAssumptions {
  /** The instance the throughput figures below were stated for. */
  readonly instance: string;
  /** Sustainable indexed single-table reads (point lookup or one keyset page) per second. */
  readonly readQueriesPerSecond: number;
  /** Sustainable single-row write transactions (insert/update with its index maintenance) per second. */
  readonly writesPerSecond: number;
  /** Server connections we allow before per-backend memory and snapshot cost hurt. */
  readonly maxConnections: number;
  /** Mean time a read holds a connection, used in Little's law. */
  readonly readQueryMs: number;
  /** Mean time a write transaction holds a connection (includes the commit flush). */
  readonly writeQueryMs: number;
  /** Pool size = busy connections x headroom, to absorb bursts and slow queries. */
  readonly poolHeadroom: number;
  /** Smallest pool each service instance keeps open. */
  readonly minPoolPerInstance: number;
  /** Staleness a replica read may show; reads that cannot accept it stay on the primary. */
  readonly replicationLagBudgetMs: number;
  /** Primary with a synchronous standby (Multi-AZ), on-demand. */
  readonly primaryMonthlyUsd: number;
  readonly replicaMonthlyUsd: number;
  readonly storageGbMonthlyUsd: number;
}

export interface CacheAssumptions {
  readonly instance: string;
  /** Sustainable GET/SET/DEL operations per second on one Redis node (one thread). */
  readonly opsPerSecond: number;
  /** Share of reads of a cached table answered by the cache. */
  readonly hitRatio: number;
  /** A table is cached when it sees at least this many reads per second at current load ... */
  readonly minReadsPerSecond: number;
  /** ... and at least this many reads per write. */
  readonly minReadWriteRatio: number;
  readonly nodeMonthlyUsd: number;
}

export interface ServiceAssumptions {
  readonly instance: string;
  readonly vcpus: number;
  /** CPU time one request costs in the service itself (parsing, auth, serialisation). */
  readonly cpuMsPerRequest: number;
  /** CPU utilisation we plan to run at, leaving room for spikes and a lost instance. */
  readonly targetUtilisation: number;
  readonly instanceMonthlyUsd: number;
}

export interface StorageAssumptions {
  readonly pageBytes: number;
  readonly pageHeaderBytes: number;
  /** HeapTupleHeader is 23 B, padded to 24 B; no null bitmap because we size rows with every value present. */
  readonly tupleHeaderBytes: number;
  /** One line pointer (ItemIdData) per tuple, in the page's item array. */
  readonly itemPointerBytes: number;
  /** Alignment of every tuple start (MAXALIGN on 64-bit builds). */
  readonly maxAlignBytes: number;
  /** btree special space at the end of each index page. */
  readonly btreeSpecialBytes: number;
  /** IndexTupleData header in front of each btree entry. */
  readonly indexTupleHeaderBytes: number;
  /** btree leaf fill factor (PostgreSQL default 90; v7 UUID keys insert at the right edge and keep it). */
  readonly indexFillFactor: number;
  /** Average length of a bounded `string` as a share of its `max`. */
  readonly stringFill: number;
  /** Average length of a bounded `text` as a share of its `max`. */
  readonly textFill: number;
  readonly unboundedStringLength: number;
  readonly unboundedTextLength: number;
  readonly emailLength: number;
  readonly urlLength: number;
  readonly jsonLength: number;
}

export interface GrowthAssumptions {
  /** Plan partitioning or archival before a table passes this many rows. */
  readonly rowThreshold: number;
  /** Entity names (lower case) taken to be the user table when no use case actor names one. */
  readonly userEntityNames: readonly string[];
}

export interface CapacityAssumptions {
  readonly postgres: PostgresAssumptions;
  readonly cache: CacheAssumptions;
  readonly service: ServiceAssumptions;
  readonly storage: StorageAssumptions;
  readonly growth: GrowthAssumptions;
}

/** What a spec's `capacity:` section may set: any subset of any group. */
export type CapacityOverrides = {
  readonly [Group in keyof CapacityAssumptions]?: Partial<CapacityAssumptions[Group]>;
};

export const DEFAULT_CAPACITY_ASSUMPTIONS: CapacityAssumptions = Object.freeze({
  postgres: Object.freeze({
    instance: "8 vCPU, 64 GiB, gp3 SSD (e.g. db.r6g.2xlarge)",
    readQueriesPerSecond: 20_000,
    writesPerSecond: 5_000,
    maxConnections: 500,
    readQueryMs: 2,
    writeQueryMs: 5,
    poolHeadroom: 2,
    minPoolPerInstance: 5,
    replicationLagBudgetMs: 1_000,
    primaryMonthlyUsd: 1_300,
    replicaMonthlyUsd: 650,
    storageGbMonthlyUsd: 0.115,
  }),
  cache: Object.freeze({
    instance: "2 vCPU, 13 GiB Redis node (e.g. cache.r6g.large)",
    opsPerSecond: 80_000,
    hitRatio: 0.9,
    minReadsPerSecond: 100,
    minReadWriteRatio: 10,
    nodeMonthlyUsd: 150,
  }),
  service: Object.freeze({
    instance: "2 vCPU, 4 GiB container",
    vcpus: 2,
    cpuMsPerRequest: 5,
    targetUtilisation: 0.6,
    instanceMonthlyUsd: 70,
  }),
  storage: Object.freeze({
    pageBytes: 8192,
    pageHeaderBytes: 24,
    tupleHeaderBytes: 24,
    itemPointerBytes: 4,
    maxAlignBytes: 8,
    btreeSpecialBytes: 16,
    indexTupleHeaderBytes: 8,
    indexFillFactor: 0.9,
    stringFill: 0.5,
    textFill: 0.2,
    unboundedStringLength: 32,
    unboundedTextLength: 200,
    emailLength: 24,
    urlLength: 64,
    jsonLength: 256,
  }),
  growth: Object.freeze({
    rowThreshold: 100_000_000,
    userEntityNames: Object.freeze(["user", "account", "member", "customer", "person"]),
  }),
});

/** Shares that must lie in (0, 1]; every other number must be positive. */
const FRACTIONS = new Set(["hitRatio", "targetUtilisation", "indexFillFactor", "stringFill", "textFill"]);

/** Counts of things (connections, bytes, rows, cores): whole numbers. */
const WHOLE = new Set([
  "maxConnections",
  "minPoolPerInstance",
  "vcpus",
  "pageBytes",
  "pageHeaderBytes",
  "tupleHeaderBytes",
  "itemPointerBytes",
  "maxAlignBytes",
  "btreeSpecialBytes",
  "indexTupleHeaderBytes",
  "unboundedStringLength",
  "unboundedTextLength",
  "emailLength",
  "urlLength",
  "jsonLength",
  "rowThreshold",
]);

/** PostgreSQL's block size is fixed when it is built: a power of two from 1 kB to 32 kB. */
const PAGE_SIZES = [1024, 2048, 4096, 8192, 16384, 32768];

/** Where a problem with `capacity.<group>[.<name>]` is reported. */
export type AssumptionLocator = (group: string, name?: string) => SourceLocation;

/**
 * Merges overrides over the defaults, group by group. Bad values are reported at `location`: one
 * place (the spec's scale section unless the caller knows better), or a locator that points at the
 * value the user wrote.
 */
export function resolveAssumptions(
  overrides: CapacityOverrides | undefined,
  location: SourceLocation | AssumptionLocator,
): CapacityAssumptions {
  const at: AssumptionLocator = typeof location === "function" ? location : () => location;
  const d = DEFAULT_CAPACITY_ASSUMPTIONS;
  const o = overrides ?? {};
  const problems: Diagnostic[] = [];
  for (const [group, values] of Object.entries(o)) {
    const known = (d as unknown as Record<string, Record<string, unknown> | undefined>)[group];
    if (known === undefined) {
      problems.push(unknownName(`capacity.${group}`, group, Object.keys(d), at(group)));
      continue;
    }
    for (const name of Object.keys(values ?? {})) {
      if (!(name in known))
        problems.push(unknownName(`capacity.${group}.${name}`, name, Object.keys(known), at(group, name)));
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  const merged: CapacityAssumptions = {
    postgres: { ...d.postgres, ...o.postgres },
    cache: { ...d.cache, ...o.cache },
    service: { ...d.service, ...o.service },
    storage: { ...d.storage, ...o.storage },
    growth: { ...d.growth, ...o.growth },
  };
  for (const [group, values] of Object.entries(merged)) {
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      const problem = checkValue(name, value);
      if (problem !== undefined) {
        problems.push(
          diagnostic("capacity/invalid-assumption", `capacity.${group}.${name} ${problem}`, at(group, name), {
            expected: FRACTIONS.has(name)
              ? "a number greater than 0 and at most 1"
              : name === "pageBytes"
                ? `one of ${PAGE_SIZES.join(", ")}`
                : WHOLE.has(name)
                  ? "a positive whole number"
                  : "a positive number",
          }),
        );
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return merged;
}

function unknownName(
  path: string,
  name: string,
  known: readonly string[],
  location: SourceLocation,
): Diagnostic {
  return diagnostic("capacity/unknown-assumption", `${path} is not a capacity assumption`, location, {
    expected: `one of ${known.join(", ")}`,
    suggestion: didYouMean(name, known),
  });
}

function checkValue(name: string, value: unknown): string | undefined {
  if (name === "instance") return typeof value === "string" ? undefined : "must be text";
  if (name === "userEntityNames") {
    return Array.isArray(value) && value.every((v) => typeof v === "string")
      ? undefined
      : "must be a list of names";
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    return `must be a positive number (got ${JSON.stringify(value)})`;
  }
  if (FRACTIONS.has(name) && value > 1) return `must be at most 1 (got ${value})`;
  if (WHOLE.has(name) && !Number.isInteger(value)) return `must be a whole number (got ${value})`;
  if (name === "pageBytes" && !PAGE_SIZES.includes(value))
    return `must be a PostgreSQL block size, ${PAGE_SIZES.join(", ")} (got ${value})`;
  if (value > 1e12) return `must be at most 1e12 (got ${value})`;
  return undefined;
}
