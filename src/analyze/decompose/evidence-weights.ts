/**
 * How much each kind of spec evidence couples two entities. One place so that the docs
 * (docs/decomposition.md) and the code cannot drift apart. Structural evidence is the baseline;
 * behavioural evidence (use cases) scales with traffic on a log scale so that one hot use case
 * informs the cut without drowning every other signal.
 */
export const EVIDENCE_WEIGHTS = {
  /** A plain reference field: the referrer needs the target's id. Divided by the number of entities referencing the target. */
  reference: 1,
  /** Extra for `onDelete: cascade`: the referrer's lifecycle is owned by the target. */
  composition: 2,
  /** Extra for a key part that references another entity: identity depends on the target. */
  identityKey: 3,
  /** Two entities read (or one read, one written) by the same use case, per log-rps unit. */
  coRead: 1,
  /** Two entities written by the same use case, per log-rps unit. */
  coWrite: 2,
  /** Extra when that use case is transactional: splitting it needs a saga. */
  transaction: 3,
  /** Added to an existing edge, scaled by the Jaccard similarity of the two entities' actors. */
  sharedActor: 0.5,
  /** Pull of an entity holding secret fields toward the identity anchor. */
  secretPull: 3,
  /** Pull of an entity holding pii fields (and no secrets) toward the identity anchor. */
  piiPull: 0.75,
  /**
   * Strength of the push apart between entities whose load differs by more than
   * `volatilityFreeRatio`: the edge is divided by 1 + volatility x log10(ratio / free ratio).
   */
  volatility: 0.5,
  volatilityFreeRatio: 20,
} as const;

/** Traffic factor for use-case evidence: 1 at 0 rps, about 4.4 at 2,500 rps. */
export function trafficFactor(peakRps: number): number {
  return 1 + Math.log10(1 + Math.max(0, peakRps));
}

/** Use cases at or above this rate are hot: crossing a service boundary on them costs latency and availability. */
export const HOT_USE_CASE_RPS = 500;
