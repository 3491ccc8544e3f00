/** A named option the design did not take, and the spec-specific reason it lost. */
export interface Alternative {
  readonly name: string;
  readonly whyNot: string;
}

/** One technology decision, argued from the spec's own numbers and requirements. */
export interface TechnologyChoice {
  /** What the decision is about, e.g. "Primary database". */
  readonly concern: string;
  readonly choice: string;
  /** Why this choice fits this spec, citing its figures. */
  readonly rationale: string;
  /** Never empty: a decision with no rejected option is not a decision. */
  readonly alternatives: readonly Alternative[];
  /** What the choice costs us. */
  readonly tradeOff: string;
}
