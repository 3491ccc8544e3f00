import { Field, type Model, type UseCase } from "../../model/index.js";
import type { CapacityReport } from "../capacity/capacity-report.js";
import { tableName } from "../naming.js";
import { hasPosition } from "../position-fields.js";
import { count, rps } from "./number-text.js";
import type { TechnologyChoice } from "./technology-choice.js";

/**
 * Writes per second on one table past which a store built for the pattern beats a PostgreSQL
 * table: each row costs a WAL record, index maintenance and vacuum work that a latest-value or
 * log store does not pay.
 */
export const HIGH_RATE_WRITES_PER_SECOND = 1_000;
/** Reads per second of one key lookup past which the lookup gets a cache in front of its table. */
export const HOT_LOOKUP_READS_PER_SECOND = 10_000;

/** What a table's access pattern asks of the stack, from the capacity plan's figures. */
export type AccessPattern =
  | { readonly kind: "geo"; readonly entity: string; readonly writesPerSecond: number }
  | {
      readonly kind: "latest";
      readonly entity: string;
      readonly writesPerSecond: number;
      readonly ttlDays: number | undefined;
    }
  | { readonly kind: "log"; readonly entity: string; readonly writesPerSecond: number }
  | { readonly kind: "counters"; readonly entity: string; readonly writesPerSecond: number }
  | {
      readonly kind: "hot-lookup";
      readonly entity: string;
      readonly useCase: string;
      readonly by: string;
      readonly readsPerSecond: number;
    };

export function accessPatterns(model: Model, report: CapacityReport): AccessPattern[] {
  const writes = new Map(report.current.tables.map((t) => [t.entity, t.writesPerSecond]));
  const cached = new Set(report.current.tables.filter((t) => t.cached).map((t) => t.entity));
  const out: AccessPattern[] = [];
  for (const entity of model.entities) {
    const w = writes.get(entity.name) ?? 0;
    if (w < HIGH_RATE_WRITES_PER_SECOND) continue;
    if (hasPosition(entity)) out.push({ kind: "geo", entity: entity.name, writesPerSecond: w });
    else if (entity.ephemeral)
      out.push({ kind: "latest", entity: entity.name, writesPerSecond: w, ttlDays: entity.retentionDays });
    if (!entity.appendOnly) continue;
    const read = model.useCases.some(
      (u) => u.reads.includes(entity.name) || u.operation?.entity === entity.name,
    );
    out.push({ kind: read ? "log" : "counters", entity: entity.name, writesPerSecond: w });
  }
  for (const useCase of model.useCases) {
    const lookup = keyLookup(useCase, model);
    // Only where the capacity plan caches the table, so the stack and the capacity section agree.
    if (lookup && useCase.peakRps >= HOT_LOOKUP_READS_PER_SECOND && cached.has(lookup.entity))
      out.push({ kind: "hot-lookup", ...lookup, useCase: useCase.name, readsPerSecond: useCase.peakRps });
  }
  return out;
}

/** A use case that reads one row by a unique field: a get or redirect by it, or an equality filter on it. */
function keyLookup(useCase: UseCase, model: Model): { entity: string; by: string } | undefined {
  const op = useCase.operation;
  if ((op?.kind === "get" || op?.kind === "redirect") && op.by) return { entity: op.entity, by: op.by };
  for (const [name, fields] of Object.entries(useCase.filter)) {
    const entity = model.entities.find((e) => e.name === name);
    const unique = fields.find((f) =>
      entity?.fields.some((x) => x.name === f && Field.isScalar(x) && x.unique),
    );
    if (unique) return { entity: name, by: unique };
  }
  return undefined;
}

/**
 * One decision per access pattern that a PostgreSQL table serves badly at this spec's rates, each
 * with the trade-off against keeping it in PostgreSQL, argued from the capacity plan's figures.
 */
export function accessPatternChoices(model: Model, report: CapacityReport): TechnologyChoice[] {
  const pg = report.assumptions.postgres;
  const primaries = (writes: number) => Math.ceil(writes / pg.writesPerSecond);
  const ops = report.assumptions.cache.opsPerSecond;
  const nodes = (writes: number) => Math.ceil(writes / ops);
  const choices: TechnologyChoice[] = [];
  for (const p of accessPatterns(model, report)) {
    const table = `\`${tableName(p.entity)}\``;
    if (p.kind === "geo") {
      choices.push({
        concern: "Location store",
        choice: `Redis 7 GEO sets for the latest position per ${p.entity} (GEOADD on each report, GEOSEARCH for nearby)`,
        rationale: `${table} takes ${rps(p.writesPerSecond)} of position writes; only the latest position answers "where is it" and "what is near", so it lives in memory, keyed by id, ${count(nodes(p.writesPerSecond))} Redis node${nodes(p.writesPerSecond) === 1 ? "" : "s"} at ${count(ops)} commands/s each.`,
        alternatives: [
          {
            name: "PostgreSQL with PostGIS",
            whyNot: `${rps(p.writesPerSecond)} of updates is ${count(primaries(p.writesPerSecond))}x what one ${pg.instance} primary writes (${count(pg.writesPerSecond)}/s), and every update leaves a dead tuple and a GiST index change to vacuum.`,
          },
          {
            name: "Copy positions to each reading service",
            whyNot: `A projection would repeat ${rps(p.writesPerSecond)} of writes to ${table} in every consumer's database.`,
          },
        ],
        tradeOff: `Positions are volatile: a lost node loses at most the seconds until the next report; history, if kept, goes to a log, never through ${table}'s primary.`,
      });
    } else if (p.kind === "latest") {
      const ttl =
        p.ttlDays === undefined
          ? "a TTL of a few report intervals"
          : `a TTL of ${count(p.ttlDays)} day${p.ttlDays === 1 ? "" : "s"} (its retention)`;
      choices.push({
        concern: "Latest-value store",
        choice: `Redis 7 hashes for ${p.entity}, one key per row with ${ttl}`,
        rationale: `${p.entity} is ephemeral latest-value state written ${rps(p.writesPerSecond)}: each write replaces the previous value, so a key per row in memory (${count(nodes(p.writesPerSecond))} node${nodes(p.writesPerSecond) === 1 ? "" : "s"} at ${count(ops)} commands/s each) holds all of it and expires what stops being written.`,
        alternatives: [
          {
            name: "An UNLOGGED PostgreSQL table",
            whyNot: `Skips the WAL but still takes a row version and an index update per write: ${rps(p.writesPerSecond)} is ${count(primaries(p.writesPerSecond))}x one primary's ${count(pg.writesPerSecond)} writes/s.`,
          },
        ],
        tradeOff: `A lost node loses the latest values until the next writes arrive; nothing in ${table} may be the only copy of a fact.`,
      });
    } else if (p.kind === "log") {
      choices.push({
        concern: "Event log",
        choice: `Apache Kafka (Amazon MSK) topic for ${p.entity}, loaded into ${table} in batches (COPY)`,
        rationale: `${table} is append-only at ${rps(p.writesPerSecond)}: the request path appends to a partitioned log and a loader writes batches of thousands of rows per COPY, so the primary commits a few transactions a second instead of ${rps(p.writesPerSecond)}.`,
        alternatives: [
          {
            name: "Direct INSERT into PostgreSQL",
            whyNot: `One commit per row is ${count(primaries(p.writesPerSecond))}x one primary's ${count(pg.writesPerSecond)} writes/s.`,
          },
          {
            name: "Redis Streams",
            whyNot: `Memory-bound: ${rps(p.writesPerSecond)} of entries fills a node's memory in hours unless trimmed, which suits a buffer, not the retention ${table} needs.`,
          },
        ],
        tradeOff: `Reads of ${table} lag the log by the batch interval (seconds); the loader must be idempotent (event id as key) so a replayed batch adds nothing.`,
      });
    } else if (p.kind === "counters") {
      choices.push({
        concern: "Counters",
        choice: `Redis counters (HINCRBY per key and minute) rolled up into PostgreSQL, or a column store (ClickHouse) for ${p.entity} analytics`,
        rationale: `${table} is written ${rps(p.writesPerSecond)} and read by no use case row by row: what matters is counts, so each write is one in-memory increment and a job writes one row per key and minute.`,
        alternatives: [
          {
            name: "A PostgreSQL row per event",
            whyNot: `${rps(p.writesPerSecond)} of inserts is ${count(primaries(p.writesPerSecond))}x one primary's writes, for rows nobody reads one at a time.`,
          },
        ],
        tradeOff:
          "Counts are exact only up to the last roll-up; a lost Redis node loses at most one minute of increments unless AOF is on.",
      });
    } else {
      choices.push({
        concern: "Hot lookup",
        choice: `Redis read-through cache in front of ${table}, keyed by ${p.by} (the Cache cluster, allkeys-lru)`,
        rationale: `"${p.useCase}" looks one ${p.entity} up by ${p.by} ${rps(p.readsPerSecond)}; keys change rarely, so almost every lookup is answered from memory and the primary sees only misses.`,
        alternatives: [
          {
            name: "PostgreSQL read replicas only",
            whyNot: `${rps(p.readsPerSecond)} of lookups is ${count(Math.ceil(p.readsPerSecond / pg.readQueriesPerSecond))} primaries' worth of reads (${count(pg.readQueriesPerSecond)}/s each), each a full query.`,
          },
        ],
        tradeOff: `A changed or deleted ${p.entity} is served stale until its key is invalidated (delete on commit, short TTL as backstop).`,
      });
    }
  }
  return choices;
}
