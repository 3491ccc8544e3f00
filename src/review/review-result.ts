import type { InputKind } from "./detect-file-kind.js";
import type { Finding, RuleArea, Severity } from "./finding.js";
import type { RuleMeta } from "./rule.js";

export interface ReviewedFile {
  readonly path: string;
  readonly kind: InputKind;
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

export interface ReviewSummary {
  readonly files: number;
  readonly findings: number;
  readonly bySeverity: SeverityCounts;
  /** Only areas with at least one finding, sorted by area. */
  readonly byArea: Readonly<Partial<Record<RuleArea, SeverityCounts>>>;
}

export interface ReviewResult {
  readonly files: readonly ReviewedFile[];
  /** Sorted by file, line, column, rule id. */
  readonly findings: readonly Finding[];
  /** The rules that ran, with the severity they ran at. */
  readonly rules: readonly (RuleMeta & { readonly severity: Severity })[];
  readonly summary: ReviewSummary;
  /** Text of every file a finding points into, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** Set when a baseline hid known findings (see baseline.ts). */
  readonly baseline?: { readonly path: string; readonly known: number; readonly gone: number };
}

export function summarize(files: readonly ReviewedFile[], findings: readonly Finding[]): ReviewSummary {
  const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });
  const bySeverity = zero();
  const byArea = new Map<RuleArea, Record<Severity, number>>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    const area = byArea.get(f.area) ?? zero();
    area[f.severity]++;
    byArea.set(f.area, area);
  }
  return {
    files: files.length,
    findings: findings.length,
    bySeverity,
    byArea: Object.fromEntries([...byArea].sort((a, b) => a[0].localeCompare(b[0]))),
  };
}
