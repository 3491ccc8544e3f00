import { RULE_AREAS, SEVERITIES } from "../finding.js";
import type { ReviewResult } from "../review-result.js";

/** Markdown table cells must not break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A pull-request comment: findings per file, then a summary table by area and severity. */
export function formatMarkdown(result: ReviewResult): string {
  const out: string[] = ["## archwright review", ""];
  const { error, warning, info } = result.summary.bySeverity;
  out.push(
    result.findings.length === 0
      ? `No findings in ${result.summary.files} file(s).`
      : `**${result.findings.length} finding(s)**: ${error} error, ${warning} warning, ${info} info in ${result.summary.files} file(s).`,
    "",
  );
  const files = [...new Set(result.findings.map((f) => f.location.file))];
  for (const file of files) {
    out.push(`### \`${file}\``, "", "| Severity | Rule | Line | Finding | Fix |", "|---|---|---|---|---|");
    for (const f of result.findings.filter((x) => x.location.file === file)) {
      out.push(
        `| ${f.severity} | \`${f.ruleId}\` | ${f.location.line}:${f.location.column} | ${cell(f.message)} | ${cell(f.fix)} |`,
      );
    }
    out.push("");
  }
  out.push(
    "### Summary",
    "",
    `| Area | ${SEVERITIES.join(" | ")} | total |`,
    `|---|${SEVERITIES.map(() => "---:|").join("")}---:|`,
  );
  for (const area of RULE_AREAS) {
    const counts = result.summary.byArea[area];
    if (counts === undefined) continue;
    const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
    out.push(`| ${area} | ${SEVERITIES.map((s) => counts[s]).join(" | ")} | ${total} |`);
  }
  out.push(
    `| **all** | ${SEVERITIES.map((s) => `**${result.summary.bySeverity[s]}**`).join(" | ")} | **${result.findings.length}** |`,
  );
  return `${out.join("\n")}\n`;
}
