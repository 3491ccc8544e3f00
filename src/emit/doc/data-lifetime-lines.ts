import { loggedBecause } from "../../analyze/ephemeral-tables.js";
import type { ServiceSchema, Table } from "../../analyze/relational-schema.js";
import { purgeFunctionName, retentionInterval } from "../ddl/retention-sql.js";

/** DESIGN.md's sentences on how long a table's rows live: its retention and ephemeral state. */
export function dataLifetimeLines(table: Table, schema: ServiceSchema): string[] {
  if (table.projectionOf) return [];
  const out: string[] = [];
  const days = table.entity.retentionDays;
  if (days !== undefined) {
    const interval = retentionInterval(days);
    out.push(
      table.partitioning?.strategy === "range"
        ? `\`${table.name}\` keeps ${interval} of rows: the partition job drops each partition once its range ends more than ${interval} ago.`
        : `\`${table.name}\` keeps ${interval} of rows: a scheduled job (pg_cron, hourly) calls \`${purgeFunctionName(table)}()\`, which deletes the oldest expired rows ${table.entity.appendOnly ? "(the append-only trigger lets exactly these through) " : ""}in batches along an index on \`created_at\`.`,
      "",
    );
  }
  if (table.entity.ephemeral) {
    const because = loggedBecause(table, schema);
    out.push(
      table.unlogged
        ? `\`${table.name}\` is ephemeral latest-value state: an UNLOGGED table, so its writes skip the WAL; it is emptied after a crash and absent from replicas, so it is rebuilt from the next writes and read on the primary.`
        : `\`${table.name}\` is ephemeral latest-value state but stays a logged table: ${because ?? "it is a copy of another service's table"}.`,
      "",
    );
  }
  return out;
}
