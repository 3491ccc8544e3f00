import type { Finding } from "../finding.js";

/** How many findings of one rule in one file are shown in full before the rest are folded. */
export const FOLD_AFTER = 3;

/** Findings of one file in report order, with each rule's findings past the first few folded into one entry. */
export type FoldedEntry =
  | { readonly kind: "finding"; readonly finding: Finding }
  | { readonly kind: "folded"; readonly ruleId: string; readonly findings: readonly Finding[] };

/**
 * A rule that fires on 380 operations of one file says one thing 380 times. Showing the first few in
 * full and the rest as one line of locations keeps the other rules' findings visible. Folded
 * findings are still counted, in the summary and for --fail-on.
 */
export function foldFindings(findings: readonly Finding[], fold: boolean): FoldedEntry[] {
  if (!fold) return findings.map((finding) => ({ kind: "finding", finding }));
  const shown = new Map<string, number>();
  const rest = new Map<string, Finding[]>();
  const out: FoldedEntry[] = [];
  for (const finding of findings) {
    const count = shown.get(finding.ruleId) ?? 0;
    if (count < FOLD_AFTER) {
      shown.set(finding.ruleId, count + 1);
      out.push({ kind: "finding", finding });
      continue;
    }
    let list = rest.get(finding.ruleId);
    if (list === undefined) {
      list = [];
      rest.set(finding.ruleId, list);
      out.push({ kind: "folded", ruleId: finding.ruleId, findings: list });
    }
    list.push(finding);
  }
  return out;
}

/** `12:5, 40:5, 77:5 and 370 more`: where folded findings are. */
export function foldedLocations(findings: readonly Finding[], limit = 8): string {
  const shown = findings.slice(0, limit).map((f) => `${f.location.line}:${f.location.column}`);
  const more = findings.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
