import { type Clustering, labelsOf } from "./clustering.js";

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index (Hubert and Arabie, 1985) between two clusterings of the same items:
 * 1 for identical partitions, about 0 for chance agreement, negative below chance. When the
 * index is undefined (both partitions trivial in the same way) it is 1 if they are identical.
 */
export function adjustedRandIndex(a: Clustering, b: Clustering): number {
  const [la, lb] = labelsOf(a, b);
  const n = la.size;
  if (n < 2) return 1;
  const table = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  for (const [item, ca] of la) {
    const cb = lb.get(item) as string;
    const cell = `${ca}\u0000${cb}`;
    table.set(cell, (table.get(cell) ?? 0) + 1);
    rows.set(ca, (rows.get(ca) ?? 0) + 1);
    columns.set(cb, (columns.get(cb) ?? 0) + 1);
  }
  let index = 0;
  for (const count of table.values()) index += pairs(count);
  let sumRows = 0;
  for (const count of rows.values()) sumRows += pairs(count);
  let sumColumns = 0;
  for (const count of columns.values()) sumColumns += pairs(count);
  const expected = (sumRows * sumColumns) / pairs(n);
  const max = (sumRows + sumColumns) / 2;
  if (max === expected) return index === max ? 1 : 0;
  return (index - expected) / (max - expected);
}
