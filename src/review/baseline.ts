import { diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { jsonErrorOffset } from "../import/openapi/json-error-offset.js";
import { LineIndex } from "../import/openapi/line-index.js";
import type { Finding } from "./finding.js";
import { type ReviewResult, summarize } from "./review-result.js";

/** One accepted finding, as `--format json` wrote it. Lines are left out: they move with every edit. */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly message: string;
}

/** What applying a baseline did, for the report's last line. */
export interface BaselineOutcome {
  readonly path: string;
  /** Findings of this run that the baseline already holds, and so are not reported. */
  readonly known: number;
  /** Baseline entries this run no longer finds: fixed since, and ready to drop from the baseline. */
  readonly gone: number;
}

/**
 * Reads a baseline: the output of `archwright review --format json` (or `diff --format json`)
 * kept in the repository. A malformed file is an input error, located.
 */
export function parseBaseline(path: string, text: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const at = new LineIndex(text).position(jsonErrorOffset(text));
    throw new InputError([
      diagnostic(
        "review/baseline-invalid",
        `${path} is not valid JSON`,
        { file: path, ...at },
        {
          expected: "the output of `archwright review --format json`",
        },
      ),
    ]);
  }
  const findings = (data as { findings?: unknown } | null)?.findings;
  if (typeof data !== "object" || data === null || !Array.isArray(findings)) {
    throw new InputError([
      diagnostic(
        "review/baseline-invalid",
        `${path} has no "findings" list`,
        { file: path, line: 1, column: 1 },
        { expected: "the output of `archwright review --format json`" },
      ),
    ]);
  }
  const entries: BaselineEntry[] = [];
  for (const [i, item] of findings.entries()) {
    const f = item as Partial<Record<keyof BaselineEntry, unknown>> | null;
    if (typeof f?.ruleId !== "string" || typeof f.file !== "string" || typeof f.message !== "string") {
      throw new InputError([
        diagnostic(
          "review/baseline-invalid",
          `finding ${i} of ${path} lacks a string ruleId, file or message`,
          { file: path, line: 1, column: 1 },
          { expected: "the output of `archwright review --format json`" },
        ),
      ]);
    }
    entries.push({ ruleId: f.ruleId, file: f.file, message: f.message });
  }
  return entries;
}

function keyOf(f: { ruleId: string; file: string; message: string }): string {
  return `${f.ruleId}\u0000${f.file}\u0000${f.message}`;
}

/**
 * Keeps only findings the baseline does not hold. Matching is by rule, file and message, counted:
 * a baseline with two identical findings hides two, and a third is new. Line numbers are not
 * compared, so an edit above a known finding does not make it new.
 */
export function applyBaseline(
  result: ReviewResult,
  entries: readonly BaselineEntry[],
  path: string,
): ReviewResult & { readonly baseline: BaselineOutcome } {
  const remaining = new Map<string, number>();
  for (const e of entries) remaining.set(keyOf(e), (remaining.get(keyOf(e)) ?? 0) + 1);
  const fresh: Finding[] = [];
  let known = 0;
  for (const f of result.findings) {
    const key = keyOf({ ruleId: f.ruleId, file: f.location.file, message: f.message });
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      known++;
    } else {
      fresh.push(f);
    }
  }
  const gone = [...remaining.values()].reduce((n, v) => n + v, 0);
  return {
    ...result,
    findings: fresh,
    summary: summarize(result.files, fresh),
    baseline: { path, known, gone },
  };
}
