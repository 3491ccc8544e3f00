import { sqlName } from "../../analyze/naming.js";
import type { Table } from "../../analyze/relational-schema.js";

/** Rows one purge call deletes, so a sweep never holds long locks or bloats one transaction. */
export const PURGE_BATCH_ROWS = 10_000;

/** `30 days`: the interval literal of an entity's retention. */
export function retentionInterval(days: number): string {
  return `${days} day${days === 1 ? "" : "s"}`;
}

export function purgeFunctionName(table: Table): string {
  return sqlName(`purge_expired_${table.name}`);
}

/**
 * How an entity's own retention is enforced. A range-partitioned table drops whole partitions past
 * it (the partition job's retention setting). Any other table gets an index on `created_at` and a
 * function a scheduled job (pg_cron) calls until it returns 0, deleting the oldest expired rows in
 * batches. An append-only table's trigger lets exactly these deletes through.
 */
export function retentionStatements(table: Table): string[] {
  const days = table.entity.retentionDays;
  if (days === undefined || table.projectionOf) return [];
  const interval = retentionInterval(days);
  const name = sqlName(table.name);
  if (table.partitioning?.strategy === "range") {
    return [
      `-- Retention: ${interval}. The partition job drops every partition whose range ends more than ${interval} ago.`,
    ];
  }
  const key = table.primaryKey.columns.map(sqlName).join(", ");
  return [
    `-- Retention: ${interval}. A scheduled job (pg_cron, hourly) calls ${purgeFunctionName(table)}() until it returns 0.`,
    `CREATE INDEX ${sqlName(`${table.name}_created_at_idx`)} ON ${name} (created_at);`,
    `CREATE FUNCTION ${purgeFunctionName(table)}() RETURNS integer`,
    "LANGUAGE sql",
    "AS $$",
    "  WITH expired AS (",
    `    DELETE FROM ${name} WHERE (${key}) IN (`,
    `      SELECT ${key} FROM ${name} WHERE created_at < now() - interval '${interval}'`,
    `      ORDER BY created_at LIMIT ${PURGE_BATCH_ROWS}`,
    "    )",
    "    RETURNING 1",
    "  )",
    "  SELECT count(*)::integer FROM expired;",
    "$$;",
  ];
}

export function retentionDownStatements(table: Table): string[] {
  if (
    table.entity.retentionDays === undefined ||
    table.projectionOf ||
    table.partitioning?.strategy === "range"
  )
    return [];
  return [`DROP FUNCTION ${purgeFunctionName(table)}();`];
}
