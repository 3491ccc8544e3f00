import type { Finding, RuleArea, Severity } from "./finding.js";

/** Everything `archwright rules` and docs/rules.md print about a rule; written once, here. */
export interface RuleMeta {
  /** kebab-case, unique across all areas, e.g. `list-without-pagination`. */
  readonly id: string;
  readonly area: RuleArea;
  readonly defaultSeverity: Severity;
  /** One line: what the rule finds. */
  readonly description: string;
  /** Why a principal architect would care. */
  readonly rationale: string;
  /** How to fix it, in one or two sentences. */
  readonly howToFix: string;
  /** OWASP API Security Top 10 2023 item for api-security rules, e.g. `API4:2023 Unrestricted Resource Consumption`. */
  readonly owasp?: string;
}

/**
 * A rule is metadata plus one check. `TContext` is what the rule reads: an imported OpenAPI
 * document, an imported SQL schema, both, or a Model. `report` receives findings without
 * ruleId/area/severity; the engine fills those from the metadata and the user's config.
 */
export interface Rule<TContext> {
  readonly meta: RuleMeta;
  check(context: TContext, report: (finding: RuleReport) => void): void;
}

export type RuleReport = Omit<Finding, "ruleId" | "area" | "severity" | "related"> & {
  readonly related?: Finding["related"];
};
