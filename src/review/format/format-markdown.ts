import { RULE_AREAS, SEVERITIES } from "../finding.js";
import type { ReviewResult } from "../review-result.js";
import { foldedLocations, foldFindings } from "./fold-findings.js";
import { ruleCounts } from "./rule-counts.js";

/** GitHub's limit on the body of a pull-request comment, in characters. */
export const COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  readonly fold?: boolean;
  /** Most characters the comment may have (default: GitHub's comment limit). */
  readonly limit?: number;
}

/** Markdown table cells must not break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * A pull-request comment: findings per file (each rule's past the first few folded into one row),
 * then findings per rule and a table by area and severity. When the whole would pass the comment
 * limit, files and rows are cut where they no longer fit and the comment says so: the summary
 * tables always stay whole.
 */
export function formatMarkdown(result: ReviewResult, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const head: string[] = ["## archwright review", ""];
  const { error, warning, info } = result.summary.bySeverity;
  const fresh = result.baseline ? "new " : "";
  head.push(
    result.findings.length === 0
      ? `No ${fresh}findings in ${result.summary.files} file(s).`
      : `**${result.findings.length} ${fresh}finding(s)**: ${error} error, ${warning} warning, ${info} info in ${result.summary.files} file(s).`,
    "",
  );
  if (result.baseline) {
    const b = result.baseline;
    head.push(
      `Baseline \`${cell(b.path)}\`: ${b.known} known finding(s) not shown${b.gone > 0 ? `, ${b.gone} no longer found` : ""}.`,
      "",
    );
  }
  const tail = summaryTables(result);

  const body: string[] = [];
  let used = length(head) + length(tail);
  let shown = 0;
  let cut = false;
  const files = [...new Set(result.findings.map((f) => f.location.file))];
  // Room for the truncation notice, so adding it never pushes the comment over the limit.
  const reserve = 400;
  for (const file of files) {
    const header = [
      `### \`${file}\``,
      "",
      "| Severity | Rule | Line | Finding | Fix |",
      "|---|---|---|---|---|",
    ];
    if (used + length(header) + reserve > limit) {
      cut = true;
      break;
    }
    body.push(...header);
    used += length(header);
    const inFile = result.findings.filter((x) => x.location.file === file);
    for (const entry of foldFindings(inFile, options.fold ?? true)) {
      const row =
        entry.kind === "finding"
          ? `| ${entry.finding.severity} | \`${entry.finding.ruleId}\` | ${entry.finding.location.line}:${entry.finding.location.column} | ${cell(entry.finding.message)} | ${cell(entry.finding.fix)} |`
          : `| ${entry.findings[0]?.severity ?? ""} | \`${entry.ruleId}\` | … | ${entry.findings.length} more at ${foldedLocations(entry.findings)} | as above |`;
      if (used + row.length + 1 + reserve > limit) {
        cut = true;
        break;
      }
      body.push(row);
      used += row.length + 1;
      shown += entry.kind === "finding" ? 1 : entry.findings.length;
    }
    body.push("");
    used += 1;
    if (cut) break;
  }
  if (cut) {
    body.push(
      `> **Truncated:** this comment shows ${shown} of ${result.findings.length} findings to stay within ${limit.toLocaleString("en-US")} characters. Run \`archwright review --format sarif\` or \`--format json\` for all of them.`,
      "",
    );
  }
  return `${[...head, ...body, ...tail].join("\n")}\n`;
}

function length(lines: readonly string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

function summaryTables(result: ReviewResult): string[] {
  const out: string[] = [];
  const counts = ruleCounts(result.findings);
  if (counts.length > 0) {
    out.push("### Findings per rule", "", "| Rule | Severity | Findings |", "|---|---|---:|");
    for (const c of counts) out.push(`| \`${c.ruleId}\` | ${c.severity} | ${c.count} |`);
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
  return out;
}
