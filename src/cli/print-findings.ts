import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { applyBaseline, parseBaseline } from "../review/baseline.js";
import type { Severity } from "../review/finding.js";
import { formatJson } from "../review/format/format-json.js";
import { formatMarkdown } from "../review/format/format-markdown.js";
import { formatSarif } from "../review/format/format-sarif.js";
import { formatText } from "../review/format/format-text.js";
import { type ReviewResult, summarize } from "../review/review-result.js";
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
  baseline: { type: "string" },
  quiet: { type: "boolean", short: "q", default: false },
  "no-fold": { type: "boolean", default: false },
} satisfies ParseArgsConfig["options"];

/** How findings are printed, from the options every findings command shares. */
export interface PrintOptions {
  readonly format: Format;
  readonly failOn: FailOn;
  /** A previous `--format json` report: its findings are known and not printed again. */
  readonly baseline?: string | undefined;
  /** Print only findings at or above --fail-on (errors when --fail-on is none). */
  readonly quiet?: boolean;
  readonly fold?: boolean;
}

/** Reads `--format`, `--fail-on`, `--baseline`, `--quiet` and `--no-fold` from parsed arguments. */
export function printOptions(values: {
  format?: string | undefined;
  "fail-on"?: string | undefined;
  baseline?: string | undefined;
  quiet?: boolean | undefined;
  "no-fold"?: boolean | undefined;
}): PrintOptions {
  return {
    format: oneOf("--format", values.format, FORMATS),
    failOn: oneOf("--fail-on", values["fail-on"], FAIL_ON),
    baseline: values.baseline,
    quiet: values.quiet === true,
    fold: values["no-fold"] !== true,
  };
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Prints findings in the chosen format and returns the exit code `--fail-on` asks for (shared by
 * review and diff). A baseline drops known findings first, so only new ones print and fail the run.
 */
export function printFindings(reviewed: ReviewResult, options: PrintOptions, io: CliIO): number {
  const { format, failOn } = options;
  let result = reviewed;
  if (options.baseline !== undefined) {
    const path = options.baseline;
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, path), "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read baseline ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`,
      );
    }
    result = applyBaseline(result, parseBaseline(path, text), path);
  }
  if (options.quiet === true) {
    const threshold = RANK[failOn === "none" ? "error" : failOn];
    const findings = result.findings.filter((f) => RANK[f.severity] >= threshold);
    result = { ...result, findings, summary: summarize(result.files, findings) };
  }
  const fold = options.fold ?? true;
  const rendered = {
    text: () => formatText(result, { fold }),
    json: () => formatJson(result),
    markdown: () => formatMarkdown(result, { fold }),
    sarif: () => formatSarif(result, io.cwd),
  }[format]();
  io.stdout(rendered);
  if (failOn === "none") return EXIT_OK;
  const threshold = RANK[failOn];
  return result.findings.some((f) => RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
}
