import { type Clustering, labelsOf } from "./clustering.js";

/**
 * MoJoFM (Wen and Tzerpos, 2004): how close `proposed` is to the `reference` clustering, in
 * percent, as 1 - mojo(proposed, reference) / max mojo(any, reference). mojo counts the Move and
 * Join operations that turn one into the other, computed exactly: each proposed cluster is tagged
 * with a reference cluster it shares the most items with, ties broken by a maximum bipartite
 * matching so that as many reference clusters as possible are used (fewer joins). Hand-written
 * because no maintained JavaScript implementation exists.
 */
export function mojoFm(proposed: Clustering, reference: Clustering): number {
  const [la, lb] = labelsOf(proposed, reference);
  const n = la.size;
  const maximum = n - groupBound(lb);
  if (maximum <= 0) return 100;
  return 100 * (1 - mojo(la, lb) / maximum);
}

/** mojo(A, B) = moves + (clusters in A - reference clusters matched). */
export function mojoDistance(proposed: Clustering, reference: Clustering): number {
  const [la, lb] = labelsOf(proposed, reference);
  return mojo(la, lb);
}

function mojo(la: Map<string, string>, lb: Map<string, string>): number {
  const overlap = new Map<string, Map<string, number>>();
  for (const [item, ca] of la) {
    const cb = lb.get(item) as string;
    const row = overlap.get(ca) ?? new Map<string, number>();
    row.set(cb, (row.get(cb) ?? 0) + 1);
    overlap.set(ca, row);
  }
  const clusters = [...overlap.keys()].sort();
  let moves = 0;
  const candidates: string[][] = [];
  for (const cluster of clusters) {
    const row = overlap.get(cluster) as Map<string, number>;
    let size = 0;
    let best = 0;
    for (const count of row.values()) {
      size += count;
      best = Math.max(best, count);
    }
    moves += size - best;
    candidates.push(
      [...row.entries()]
        .filter(([, count]) => count === best)
        .map(([group]) => group)
        .sort(),
    );
  }
  return moves + clusters.length - maximumMatching(candidates);
}

/** Kuhn's augmenting-path matching: left vertex i may take any group in candidates[i]. */
function maximumMatching(candidates: readonly (readonly string[])[]): number {
  const owner = new Map<string, number>();
  const augment = (left: number, seen: Set<string>): boolean => {
    for (const group of candidates[left] ?? []) {
      if (seen.has(group)) continue;
      seen.add(group);
      const current = owner.get(group);
      if (current === undefined || augment(current, seen)) {
        owner.set(group, left);
        return true;
      }
    }
    return false;
  };
  let matched = 0;
  for (let left = 0; left < candidates.length; left++) if (augment(left, new Set())) matched += 1;
  return matched;
}

/**
 * The number of groups g in max mojo(any, B) = n - g: walking B's cluster sizes in ascending
 * order, a new group can be opened whenever the size exceeds the groups opened so far.
 */
function groupBound(lb: Map<string, string>): number {
  const sizes = new Map<string, number>();
  for (const cluster of lb.values()) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  let groups = 0;
  for (const size of [...sizes.values()].sort((a, b) => a - b)) if (groups < size) groups += 1;
  return groups;
}
