import type { SourceLocation } from "../model/source-location.js";

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_AREAS = [
  "api-validity",
  "api-design",
  "api-security",
  "schema",
  "migration",
  "cross-artifact",
  "architecture",
  "breaking-change",
] as const;
export type RuleArea = (typeof RULE_AREAS)[number];

/** One problem found by a rule, located in the user's own file (1-based line and column). */
export interface Finding {
  readonly ruleId: string;
  readonly area: RuleArea;
  readonly severity: Severity;
  readonly message: string;
  readonly location: SourceLocation;
  /** One line: what to change. */
  readonly fix: string;
  /** Other places that matter to this finding (the index a sort needs, the old version of a property). */
  readonly related: readonly { readonly message: string; readonly location: SourceLocation }[];
}
