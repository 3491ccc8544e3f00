import type { Finding, Severity } from "../finding.js";

export interface RuleCount {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly count: number;
}

/** Findings per rule, most first (ties by rule id): where a review's weight lies. */
export function ruleCounts(findings: readonly Finding[]): RuleCount[] {
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const f of findings) {
    const entry = counts.get(f.ruleId) ?? { severity: f.severity, count: 0 };
    entry.count++;
    counts.set(f.ruleId, entry);
  }
  return [...counts]
    .map(([ruleId, v]) => ({ ruleId, ...v }))
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}
