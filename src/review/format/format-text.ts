import type { Finding } from "../finding.js";
import type { ReviewResult } from "../review-result.js";
import { FindingFramer } from "./finding-frame.js";
import { foldedLocations, foldFindings } from "./fold-findings.js";
import { ruleCounts } from "./rule-counts.js";

export interface TextOptions {
  /** Fold each rule's findings in a file past the first few into one line (default true). */
  readonly fold?: boolean;
}

/**
 * Human-readable report: findings grouped by file, each with a code frame, rule id and fix; a rule's
 * findings past the first few in a file folded into one line; then findings per rule and the totals.
 */
export function formatText(result: ReviewResult, options: TextOptions = {}): string {
  const framer = new FindingFramer(result.sources);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.location.file) ?? [];
    list.push(finding);
    byFile.set(finding.location.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(`${file} (${findings.length} finding${findings.length === 1 ? "" : "s"})`, "");
    for (const entry of foldFindings(findings, options.fold ?? true)) {
      if (entry.kind === "folded") {
        const n = entry.findings.length;
        out.push(
          `... ${n} more ${entry.ruleId} finding${n === 1 ? "" : "s"} in ${file}, at ${foldedLocations(entry.findings)} (--no-fold shows each)`,
          "",
        );
        continue;
      }
      const f = entry.finding;
      const { line, column } = f.location;
      out.push(`${file}:${line}:${column}: ${f.severity}[${f.ruleId}]: ${f.message}`);
      const frame = framer.frame(file, line, column);
      if (frame !== undefined) out.push(frame);
      out.push(`  fix: ${f.fix}`);
      for (const r of f.related) {
        out.push(`  note: ${r.message} (${r.location.file}:${r.location.line}:${r.location.column})`);
      }
      out.push("");
    }
  }
  const counts = ruleCounts(result.findings);
  if (counts.length > 0) {
    const width = Math.max(4, ...counts.map((c) => c.ruleId.length));
    out.push(`${"rule".padEnd(width)}  severity  findings`);
    for (const c of counts)
      out.push(`${c.ruleId.padEnd(width)}  ${c.severity.padEnd(8)}  ${String(c.count).padStart(8)}`);
    out.push("");
  }
  const { error, warning, info } = result.summary.bySeverity;
  const files = `${result.summary.files} file${result.summary.files === 1 ? "" : "s"}`;
  out.push(
    result.findings.length === 0
      ? `No ${result.baseline ? "new " : ""}findings in ${files}.`
      : `${result.findings.length} ${result.baseline ? "new " : ""}finding${result.findings.length === 1 ? "" : "s"} (${error} error, ${warning} warning, ${info} info) in ${files}.`,
  );
  if (result.baseline) out.push(baselineLine(result.baseline));
  return `${out.join("\n")}\n`;
}

/** `Baseline findings.json: 40 known findings not shown; 2 no longer found.` */
export function baselineLine(baseline: NonNullable<ReviewResult["baseline"]>): string {
  const gone = baseline.gone > 0 ? `; ${baseline.gone} no longer found (drop them from the baseline)` : "";
  return `Baseline ${baseline.path}: ${baseline.known} known finding${baseline.known === 1 ? "" : "s"} not shown${gone}.`;
}
