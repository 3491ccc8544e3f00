import type { Entity } from "../model/index.js";
import type { PartitionInterval, Partitioning } from "./relational-schema.js";

/** Hash-partitioned tables keep their keys and the foreign keys that point at them; see Partitioning. */
export const HASH_PARTITIONS = 16;

/** What the partition planner needs to know about one table, as derive-tables builds it. */
export interface PartitionCandidate {
  readonly entity: Entity;
  /** The primary key columns before partitioning (a tenant column is not among them). */
  readonly keyColumns: readonly string[];
  /** The tenant column in a multi-tenant design; every key and unique constraint then leads with it. */
  readonly tenantColumn: string | undefined;
  /** Column groups of the table's unique constraints, as emitted. */
  readonly uniques: readonly (readonly string[])[];
  /** Another table of the same service has a foreign key to this one. */
  readonly referenced: boolean;
  /** The use cases read it in creation order (or say nothing about order). */
  readonly followsCreation: boolean;
  /** New rows per day at today's load, and the row count a table should stay under. */
  readonly rowsPerDay: number;
  readonly rowThreshold: number;
  /** Why it is partitioned at all: the capacity estimate, in one line. */
  readonly reason: string;
}

export type PartitionDecision =
  | { readonly partitioning: Partitioning; readonly skipped?: undefined }
  | { readonly partitioning?: undefined; readonly skipped: string };

/**
 * How a table that passes the row threshold is split without changing what it means. PostgreSQL
 * requires the partition column in every primary key and unique constraint of a partitioned table,
 * so a column outside them would weaken the key (a membership could be stored twice with two
 * creation times). Hence:
 *
 * - Age-based ranges (created_at) only for append-only rows that nothing in the service references
 *   and that have a generated id: facts that age out whole, whose id is never supplied twice. Their
 *   key becomes (id, created_at), which no foreign key then needs.
 * - Everything else is live state (balances, accounts, memberships stay current however old) and is
 *   hash-partitioned by a column already in the key and in every unique constraint: the tenant in a
 *   multi-tenant design, else the first key column. The key, the unique constraints and the foreign
 *   keys that point at the table hold as declared, and nothing is archived by age.
 * - When no key column is in every unique constraint, the table stays whole, and the reason says so.
 */
export function planPartitioning(candidate: PartitionCandidate): PartitionDecision {
  const { entity, keyColumns, tenantColumn, uniques, reason } = candidate;
  const ageBased =
    entity.appendOnly === true &&
    entity.key.length === 0 &&
    !candidate.referenced &&
    candidate.followsCreation &&
    uniques.length === 0;
  if (ageBased) {
    return {
      partitioning: {
        strategy: "range",
        column: "created_at",
        interval: rangeInterval(candidate.rowsPerDay, candidate.rowThreshold),
        reason,
      },
    };
  }
  const inEveryUnique = (column: string) => uniques.every((group) => group.includes(column));
  const column = [...(tenantColumn ? [tenantColumn] : []), ...keyColumns].find(inEveryUnique);
  if (column === undefined) {
    const named = uniques.find((group) => !keyColumns.some((c) => group.includes(c))) ?? uniques[0] ?? [];
    return {
      skipped: `the unique constraint on (${named.join(", ")}) must hold across the whole table and shares no column with the key, so partitioning would weaken it`,
    };
  }
  return { partitioning: { strategy: "hash", column, partitions: HASH_PARTITIONS, reason } };
}

/**
 * The range width that keeps one partition under the row threshold at today's load: a month when a
 * month's rows fit, else a week, else a day.
 */
export function rangeInterval(rowsPerDay: number, rowThreshold: number): PartitionInterval {
  if (rowsPerDay * 31 <= rowThreshold) return "month";
  if (rowsPerDay * 7 <= rowThreshold) return "week";
  return "day";
}

/** The interval as an adjective: "monthly". */
export const INTERVAL_ADJECTIVE: Readonly<Record<PartitionInterval, string>> = {
  day: "daily",
  week: "weekly",
  month: "monthly",
};
