import type { CacheAssumptions } from "./capacity-assumptions.js";
import type { Traffic } from "./traffic.js";

/**
 * Tables worth a read-through Redis cache: hot (enough reads per second at current load to matter)
 * and read-heavy (enough reads per write that invalidation does not eat the hits). Decided once at
 * current load, so the 10x figures show the same design under ten times the traffic.
 */
export function chooseCachedTables(current: Traffic, cache: CacheAssumptions): ReadonlySet<string> {
  const cached = new Set<string>();
  for (const table of current.tables) {
    const hot = table.readsPerSecond >= cache.minReadsPerSecond;
    const readHeavy =
      table.writesPerSecond === 0 || table.readsPerSecond / table.writesPerSecond >= cache.minReadWriteRatio;
    if (hot && readHeavy) cached.add(table.entity);
  }
  return cached;
}

/** One GET per read, one SET per miss (fill), one DEL per write (invalidation). */
export function cacheOpsPerSecond(readsPerSecond: number, writesPerSecond: number, hitRatio: number): number {
  return readsPerSecond + readsPerSecond * (1 - hitRatio) + writesPerSecond;
}
