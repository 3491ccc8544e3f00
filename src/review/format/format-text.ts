import type { Finding } from "../finding.js";
import type { ReviewResult } from "../review-result.js";
import { FindingFramer } from "./finding-frame.js";

/** Human-readable report: findings grouped by file, each with a code frame, rule id and fix. */
export function formatText(result: ReviewResult): string {
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
    for (const f of findings) {
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
  const { error, warning, info } = result.summary.bySeverity;
  out.push(
    result.findings.length === 0
      ? `No findings in ${result.summary.files} file${result.summary.files === 1 ? "" : "s"}.`
      : `${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} (${error} error, ${warning} warning, ${info} info) in ${result.summary.files} file${result.summary.files === 1 ? "" : "s"}.`,
  );
  return `${out.join("\n")}\n`;
}
