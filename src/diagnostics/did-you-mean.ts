/**
 * Picks the candidate closest to `input` by edit distance, if it is close enough to be a typo.
 * Hand-written because it is a dozen lines; a library (leven, fastest-levenshtein) would add a
 * dependency for the same loop.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // Two edits (e.g. a swapped pair of letters, `emial`) are a typo for any name of four letters or more.
  const longest = Math.max(input.length, best.length);
  const threshold = longest >= 4 ? Math.max(2, Math.floor(longest / 3)) : 1;
  return bestDistance <= threshold && bestDistance > 0
    ? best
    : bestDistance === 0 && best !== input
      ? best
      : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}
