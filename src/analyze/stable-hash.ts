/**
 * FNV-1a, 32 bits: a stable, dependency-free hash for names that must come out the same on every
 * run and machine (shortened identifiers, example ids). Not for security.
 */
export function fnv1a(text: string): number {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return hash;
}
