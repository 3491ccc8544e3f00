/** A partition of items into named clusters: cluster name -> item names. Empty clusters are ignored. */
export type Clustering = Readonly<Record<string, readonly string[]>>;

/** Item -> cluster label, after checking that both clusterings cover the same items exactly once. */
export function labelsOf(a: Clustering, b: Clustering): [Map<string, string>, Map<string, string>] {
  const la = labels(a, "first");
  const lb = labels(b, "second");
  for (const item of la.keys()) {
    if (!lb.has(item)) throw new RangeError(`"${item}" is in the first clustering but not in the second`);
  }
  for (const item of lb.keys()) {
    if (!la.has(item)) throw new RangeError(`"${item}" is in the second clustering but not in the first`);
  }
  return [la, lb];
}

function labels(clustering: Clustering, which: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const [cluster, items] of Object.entries(clustering)) {
    for (const item of items) {
      if (result.has(item)) throw new RangeError(`"${item}" is in two clusters of the ${which} clustering`);
      result.set(item, cluster);
    }
  }
  return result;
}
