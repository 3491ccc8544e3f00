import type { Model } from "../../model/index.js";
import { tableName } from "../naming.js";
import type { CapacityAssumptions } from "./capacity-assumptions.js";
import type { Bottleneck } from "./capacity-report.js";
import { formatCount, formatRate } from "./figure-format.js";
import type { ScenarioFigures } from "./load-scenario.js";

/** A reference table this small that use cases write is a handful of rows taking every write. */
export const FEW_ROWS = 10;
/** A row is contended once its lock is held this share of the time. */
const CONTENDED_SHARE = 0.5;

/** One row (or each of a few rows) that a large share of a table's writes update. */
export interface HotRow {
  readonly entity: string;
  readonly table: string;
  readonly service: string;
  /** Updates per second of the single hottest row at today's peak. */
  readonly writesPerSecond: number;
  /** Why the row is hot, in words. */
  readonly source: string;
}

/**
 * Rows every call updates: those a use case declares with `hotRows` (a system fee account credited
 * by every transfer takes the use case's full rate, once per call), and the rows of a live-state
 * table the spec sizes at FEW_ROWS or fewer (`growth.rows`), which share its writes. Append-only
 * tables only insert, so no row of theirs is updated twice.
 */
export function findHotRows(model: Model, current: ScenarioFigures): HotRow[] {
  const out: HotRow[] = [];
  for (const entity of model.entities) {
    if (entity.appendOnly) continue;
    const declared = model.useCases.filter((u) => (u.hotRows?.[entity.name] ?? 0) > 0);
    const table = current.traffic.tables.find((t) => t.entity === entity.name);
    if (declared.length > 0) {
      // The declared rows are the same rows on every call: each takes every call's write.
      const writes = declared.reduce((sum, u) => sum + u.peakRps * current.traffic.multiple, 0);
      out.push({
        entity: entity.name,
        table: tableName(entity.name),
        service: entity.service,
        writesPerSecond: writes,
        source: `every call of ${declared.map((u) => `"${u.name}"`).join(" and ")} updates the same row`,
      });
      continue;
    }
    const rows = entity.growth?.rows;
    const perDay = (entity.growth?.perDay ?? 0) + (entity.growth?.perActiveUserPerDay ?? 0);
    if (rows === undefined || rows > FEW_ROWS || perDay > 0 || !table || table.writesPerSecond <= 0) continue;
    out.push({
      entity: entity.name,
      table: tableName(entity.name),
      service: entity.service,
      writesPerSecond: table.writesPerSecond / Math.max(1, rows),
      source: `its ${formatCount(rows)} row${rows === 1 ? "" : "s"} share all ${formatRate(table.writesPerSecond)} writes/s`,
    });
  }
  return out;
}

/**
 * A row's updates are serialised on its row lock, each held for a write's `writeQueryMs`, so one row
 * takes at most 1000 ÷ writeQueryMs updates a second, whatever the instance.
 */
export function hotRowBottlenecks(
  model: Model,
  current: ScenarioFigures,
  a: CapacityAssumptions,
): Omit<Bottleneck, "rank">[] {
  const limit = 1000 / a.postgres.writeQueryMs;
  return findHotRows(model, current).map((row) => {
    const tenfold = row.writesPerSecond * 10;
    const shards = Math.max(2, Math.ceil(tenfold / (limit * CONTENDED_SHARE)));
    return {
      id: `hot-row:${row.table}`,
      kind: "hot-row",
      resource: `One row of \`${row.table}\` takes ${formatRate(row.writesPerSecond)} writes/s (${row.source})`,
      bitesAtMultiple: row.writesPerSecond > 0 ? limit / row.writesPerSecond : Number.POSITIVE_INFINITY,
      bitesInMonth: null,
      bitesInMonthAtTenfold: null,
      limit: `${formatCount(limit)} updates/s of one row (its lock is held ${formatCount(a.postgres.writeQueryMs)} ms per write; now ${formatRate(row.writesPerSecond)}/s)`,
      mitigation: `Do not update the row on every call: split it into ${formatCount(shards)} sharded sub-rows (a counter row per shard, chosen at random, summed on read) to stay below half the row limit at 10x, or record each change as an append-only posting and roll the postings up into \`${row.table}\` every few seconds, or batch the updates in the service (one UPDATE per 100 ms)`,
      roughCost: "1–2 engineer-weeks",
      monthlyUsd: null,
    };
  });
}
