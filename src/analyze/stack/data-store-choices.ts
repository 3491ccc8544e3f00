import { formatBytes } from "../capacity/figure-format.js";
import {
  IDEMPOTENCY_ENTRY_BYTES,
  IDEMPOTENCY_TTL_SECONDS,
  RATE_LIMIT_ENTRY_BYTES,
  sizeKeyValueStore,
} from "./key-value-sizing.js";
import { count, listText, rps } from "./number-text.js";
import { IN_DATABASE_KEY_VALUE_MAX_WRITE_RPS, type Proportion } from "./proportion.js";
import {
  CACHE_MIN_READ_RPS,
  CACHE_MIN_READ_WRITE_RATIO,
  isReadHeavy,
  type StackSignals,
} from "./stack-signals.js";
import type { TechnologyChoice } from "./technology-choice.js";

/** The PostgreSQL major version the design targets; CI tests the service on the same one. */
export const POSTGRES_MAJOR = 16;

/** One PostgreSQL primary comfortably takes a few thousand small writes a second on managed hardware. */
const SINGLE_PRIMARY_WRITE_RPS = 3_000;
/** Above this, reads go to replicas so the primary keeps headroom for writes and failover. */
const REPLICA_READ_RPS = 2_000;
/** PostgreSQL full-text search (tsvector + GIN) serves this much search traffic before a dedicated engine pays off. */
const POSTGRES_SEARCH_MAX_RPS = 300;

/** Read replicas the capacity plan needs across all primaries, today and at 10x. */
export interface ReplicaPlan {
  readonly readReplicas: number;
  readonly readReplicasAtTenfold: number;
  /**
   * The entities the capacity plan serves from the cache. When given, the stack has a cache exactly
   * when the capacity plan relies on one, so the two sections never disagree.
   */
  readonly cachedEntities?: readonly string[];
}

export function primaryDatabaseChoice(
  s: StackSignals,
  plan?: ReplicaPlan,
  proportion?: Proportion,
): TechnologyChoice {
  const evidence: string[] = [];
  if (s.foreignKeys > 0)
    evidence.push(`${count(s.foreignKeys)} foreign key${s.foreignKeys === 1 ? "" : "s"} inside services`);
  if (s.transactionalUseCases.length > 0) {
    evidence.push(`transactional use cases (${listText(s.transactionalUseCases.map((u) => `"${u}"`))})`);
  }
  if (s.jsonFields.length > 0) evidence.push(`json fields (${listText(s.jsonFields)}) that JSONB can index`);
  // The capacity plan, when there is one, decides replicas per primary; the overall read rate is
  // only a stand-in without it.
  const replicas = plan ? plan.readReplicas > 0 : s.readRps >= REPLICA_READ_RPS;
  const readNote = !plan
    ? replicas
      ? "is split across read replicas"
      : "stays on the primary"
    : plan.readReplicas > 0
      ? `needs ${count(plan.readReplicas)} read replica${plan.readReplicas === 1 ? "" : "s"} today (see Scalability)`
      : plan.readReplicasAtTenfold > 0
        ? `stays on each service's primary today; the capacity plan adds ${count(plan.readReplicasAtTenfold)} read replica${plan.readReplicasAtTenfold === 1 ? "" : "s"} at 10x`
        : "stays on each service's primary, even at 10x";
  const writeNote =
    s.writeRps > SINGLE_PRIMARY_WRITE_RPS
      ? `${rps(s.writeRps)} of writes is past one primary's comfort zone, so the busiest service's database is planned for hash partitioning and, if that is not enough, Citus`
      : `${rps(s.writeRps)} of writes at peak fits one primary per service with headroom`;
  const primary = proportion?.primary;
  const rds = primary
    ? `Amazon RDS ${primary.instanceClass.name}, ${primary.multiAz ? "Multi-AZ" : "Single-AZ"}`
    : "Amazon RDS, Multi-AZ";
  const one = s.services.length === 1 ? "one database" : "one database per service";
  const sizing = primary
    ? ` ${primary.instanceClass.name} (${primary.instanceClass.vcpus} vCPU, ${primary.instanceClass.memoryGiB} GiB) because ${primary.reason}; ${primary.multiAz ? `Multi-AZ because ${s.availability}% availability is above what a single zone is covered for (99.5%)` : `Single-AZ because ${s.availability}% availability is within what a single zone is covered for (99.5%)`}.`
    : "";
  const schemas = listText(s.services.map((x) => `\`${x}\``));
  return {
    concern: "Primary database",
    choice: `PostgreSQL ${POSTGRES_MAJOR} (${rds}), ${one}${replicas ? ", with read replicas" : ""}`,
    rationale:
      `The model is relational: ${evidence.length > 0 ? listText(evidence) : "entities with keys, NOT NULL and CHECK constraints"}. ` +
      `${writeNote}; ${rps(s.readRps)} of reads ${readNote}.${sizing} ` +
      "Every emitted migration targets PostgreSQL, and keyset pagination, partial indexes and row-level security are native.",
    alternatives: [
      {
        name: "MySQL 8",
        whyNot: `No partial or expression indexes on JSON without generated columns${s.tenancy ? ", no row-level security for the tenant isolation this spec relies on" : ", no row-level security"}, and no transactional DDL, so a failed migration of ${schemas}'s schema can leave it half-applied.`,
      },
      {
        name: "Amazon DynamoDB",
        whyNot: dynamoWhyNot(s),
      },
      {
        name: "MongoDB",
        whyNot:
          s.foreignKeys > 0
            ? `Document modelling helps when rows are self-contained; here ${count(s.foreignKeys)} reference${s.foreignKeys === 1 ? "" : "s"} between entities would lose their foreign keys and the invariants would move into application code.`
            : `Document modelling helps when rows are self-contained; the ${count(s.entityCount)} entities here gain nothing from it, and their CHECK and unique constraints would move into application code.`,
      },
    ],
    tradeOff: `${rps(s.writeRps)} of writes scale vertically${primary ? ` from ${primary.instanceClass.name}` : ""} until partitioning; ${s.services.length > 1 ? "cross-service queries are impossible by design and go through events or projections" : "one database keeps every query local, and splitting a service later means an outbox and events"}; vacuum and connection limits need watching (PgBouncer in transaction mode).`,
  };
}

/** DynamoDB on-demand price per million write request units (us-east-1). */
const DYNAMODB_WRITE_PER_MILLION_USD = 0.625;

function dynamoWhyNot(s: StackSignals): string {
  const monthlyWrites = (s.writeRps / 3) * 30 * 24 * 3600;
  const price = `on demand, ${rps(s.writeRps)} of writes at a third of that on average cost about $${count(Math.round((monthlyWrites / 1_000_000) * DYNAMODB_WRITE_PER_MILLION_USD))}/month in write units alone`;
  const shapes =
    s.queryShapes > 0
      ? `the ${count(s.queryShapes)} filter and sort shape${s.queryShapes === 1 ? "" : "s"} of the use cases would each need a global secondary index`
      : "every later query shape would need a global secondary index";
  if (s.foreignKeys > 0 || s.transactionalUseCases.length > 0) {
    const integrity = [
      ...(s.foreignKeys > 0 ? [`${count(s.foreignKeys)} foreign key${s.foreignKeys === 1 ? "" : "s"}`] : []),
      ...(s.transactionalUseCases.length > 0
        ? [`the transactions of ${listText(s.transactionalUseCases.map((u) => `"${u}"`))}`]
        : []),
    ];
    return `No foreign keys or joins and transactions stop at 100 items: ${listText(integrity)} would move into application code, and ${shapes}; ${price}.`;
  }
  return `Access patterns must be fixed up front: ${shapes}; ${price}.`;
}

export function keyValueStoreChoice(s: StackSignals, proportion?: Proportion): TechnologyChoice {
  const size = sizeKeyValueStore(s.writeRps, s.dailyActiveUsers);
  if (proportion?.keyValueStore === "postgres") return inDatabaseKeyValueChoice(s, size.idempotencyKeys);
  return {
    concern: "Idempotency and rate-limit store",
    choice: "Redis 7 (Amazon ElastiCache, primary + replica, noeviction)",
    rationale:
      `Every unsafe create carries an Idempotency-Key and every client has a rate limit; at ${rps(s.writeRps)} of writes and ${rps(s.peakRps)} overall, ` +
      "both need atomic counters with TTLs (INCR + EXPIRE, SET NX) off the relational primary. noeviction keeps a key from vanishing under memory pressure, which would let a retried payment or post run twice. " +
      `Sized for at most ${count(size.idempotencyKeys)} idempotency keys (a ${IDEMPOTENCY_TTL_SECONDS / 3600} h TTL at ${rps(s.writeRps)} of writes, ${IDEMPOTENCY_ENTRY_BYTES} B each) and ${count(size.rateLimitCounters)} rate-limit counters (one per daily active user and window, ${RATE_LIMIT_ENTRY_BYTES} B each): about ${formatBytes(size.bytes)}, so maxmemory is set to at least ${formatBytes(2 * size.bytes)}.`,
    alternatives: [
      {
        name: "PostgreSQL table for idempotency keys",
        whyNot: `Adds a write and a lookup on the primary for every unsafe request (${rps(s.writeRps)} at peak) and needs a sweeper for expired keys.`,
      },
      {
        name: "Gateway-only rate limiting",
        whyNot: `Gateways limit by IP or key but cannot hold the per-user quotas of ${count(s.dailyActiveUsers)} daily users${s.tenancy ? " or per-tenant quotas" : ""}, and give no idempotency.`,
      },
    ],
    tradeOff: `One more stateful component beside ${count(s.services.length)} database${s.services.length === 1 ? "" : "s"}; if Redis is down, the ${rps(s.writeRps)} of creates fail closed (503) rather than risk duplicates.`,
  };
}

/**
 * A small system keeps idempotency keys in its own database and rate-limit counters in each
 * instance's memory: a second store would cost more to run than the load it takes.
 */
function inDatabaseKeyValueChoice(s: StackSignals, keys: number): TechnologyChoice {
  return {
    concern: "Idempotency and rate-limit store",
    choice:
      "PostgreSQL table `idempotency_keys` in the service's database; rate-limit token buckets in process",
    rationale:
      `At ${rps(s.writeRps)} of writes an Idempotency-Key is one more indexed insert in the same transaction as the create it guards (at most ${count(keys)} keys kept a day), so a retried create can never run twice; ` +
      `at ${rps(s.peakRps)} overall, each instance enforces its share of every client's rate limit in memory. No Redis to run at this size.`,
    alternatives: [
      {
        name: "Redis (ElastiCache, primary + replica)",
        whyNot: `Two more nodes to run and pay for to hold ${count(keys)} keys and ${count(s.dailyActiveUsers)} counters, work the primary does at under 1% of its capacity.`,
      },
      {
        name: "Gateway-only rate limiting",
        whyNot: `Limits by IP or key only, not per user of ${count(s.dailyActiveUsers)} daily users, and gives no idempotency.`,
      },
    ],
    tradeOff: `In-process limits are per instance, so a client may reach its limit once per instance; a scheduled delete removes expired keys. Past ${IN_DATABASE_KEY_VALUE_MAX_WRITE_RPS} writes/s or several services, move both to Redis.`,
  };
}

export function cacheChoice(
  s: StackSignals,
  cachedEntities?: readonly string[],
): TechnologyChoice | undefined {
  if (cachedEntities === undefined ? !isReadHeavy(s) : cachedEntities.length === 0) return undefined;
  const planned =
    cachedEntities === undefined
      ? ""
      : `The capacity plan serves ${listText(cachedEntities.map((e) => `${e}`))} reads from it. `;
  return {
    concern: "Cache",
    choice: "Redis 7 read-through cache (separate ElastiCache cluster, allkeys-lru)",
    rationale:
      planned +
      `${rps(s.peakRps)} at peak with a ${s.readWriteRatio}:1 read/write ratio means about ${rps(s.readRps)} of reads against ${rps(s.writeRps)} of writes; ` +
      `above ${CACHE_MIN_READ_RPS} reads/s and ${CACHE_MIN_READ_WRITE_RATIO} reads per write, each invalidation protects many hits. ` +
      "A separate cluster lets cache entries be evicted freely without touching idempotency keys.",
    alternatives: [
      {
        name: "Memcached",
        whyNot:
          "No replication or persistence, so a node loss empties its share of the cache at once; no sorted sets for feed-style reads; and Redis is already run for idempotency keys.",
      },
      {
        name: "No cache, more read replicas",
        whyNot: `Replicas add replication lag and cost per ${rps(s.readRps)} of reads, and still pay a full query per request.`,
      },
    ],
    tradeOff:
      "Reads may be stale until invalidation lands (write-then-delete on commit, short TTL as backstop); hot-key and stampede handling (request coalescing) become our problem.",
  };
}

export function searchChoice(s: StackSignals, searchRps: number): TechnologyChoice | undefined {
  if (s.searchUseCases.length === 0) return undefined;
  const named = listText(s.searchUseCases.map((u) => `"${u}"`));
  if (searchRps <= POSTGRES_SEARCH_MAX_RPS) {
    return {
      concern: "Search",
      choice: "PostgreSQL full-text search (tsvector column + GIN index)",
      rationale: `${named} peaks at ${rps(searchRps)}, within what a GIN index on the owning service's database serves; results stay transactionally consistent with writes.`,
      alternatives: [
        {
          name: "OpenSearch",
          whyNot: `A second store to feed, secure and run for ${rps(searchRps)} of queries; worth it only past about ${POSTGRES_SEARCH_MAX_RPS} rps or for fuzzy ranking.`,
        },
      ],
      tradeOff: "Basic ranking and no typo tolerance; search load lands on the service's primary or replica.",
    };
  }
  return {
    concern: "Search",
    choice: "Amazon OpenSearch Service, fed from the outbox",
    rationale: `${named} peaks at ${rps(searchRps)}, more than a GIN index should take from the transactional database; relevance tuning and typo tolerance come with it.`,
    alternatives: [
      {
        name: "PostgreSQL full-text search",
        whyNot: `At ${rps(searchRps)} search would compete with transactional queries on the same primary.`,
      },
      { name: "Algolia", whyNot: "Per-record and per-search pricing and data leaves our cloud account." },
    ],
    tradeOff:
      "Search results lag writes by the indexing delay; one more cluster to size, secure and reindex.",
  };
}

export function objectStorageChoice(s: StackSignals): TechnologyChoice | undefined {
  if (s.fileFields.length === 0) return undefined;
  return {
    concern: "Object storage",
    choice: "Amazon S3 with presigned upload and download URLs, served through CloudFront",
    rationale: `${listText(s.fileFields)} point at uploaded files; clients upload straight to S3 with a presigned URL so file bytes never pass through the API or the database.`,
    alternatives: [
      {
        name: "PostgreSQL bytea columns",
        whyNot: "Bloats backups and replication, and every download ties up a database connection.",
      },
      { name: "Cloudflare R2", whyNot: "No egress fees, but a second cloud account, IAM model and bill." },
    ],
    tradeOff:
      "Orphaned objects need a lifecycle rule; upload validation (type, size, malware scan) runs asynchronously.",
  };
}
