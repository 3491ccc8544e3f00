import type { ParseArgsConfig } from "node:util";
import type { Severity } from "../review/finding.js";
import { formatJson } from "../review/format/format-json.js";
import { formatMarkdown } from "../review/format/format-markdown.js";
import { formatSarif } from "../review/format/format-sarif.js";
import { formatText } from "../review/format/format-text.js";
import type { ReviewResult } from "../review/review-result.js";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "./io.js";

export const FORMATS = ["text", "json", "sarif", "markdown"] as const;
export const FAIL_ON = ["error", "warning", "info", "none"] as const;
export type Format = (typeof FORMATS)[number];
export type FailOn = (typeof FAIL_ON)[number];

/** The options every findings command takes: `--format`, `--fail-on`, `--rule id=...`, `--help`. */
export const FINDINGS_OPTIONS = {
  format: { type: "string", default: "text" },
  "fail-on": { type: "string", default: "error" },
  rule: { type: "string", multiple: true, default: [] as string[] },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsConfig["options"];

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Prints findings in the chosen format and returns the exit code `--fail-on` asks for (shared by review and diff). */
export function printFindings(result: ReviewResult, format: Format, failOn: FailOn, io: CliIO): number {
  const render = { text: formatText, json: formatJson, markdown: formatMarkdown, sarif: undefined }[format];
  io.stdout(render === undefined ? formatSarif(result, io.cwd) : render(result));
  if (failOn === "none") return EXIT_OK;
  const threshold = RANK[failOn];
  return result.findings.some((f) => RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
}
