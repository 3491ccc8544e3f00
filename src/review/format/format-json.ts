import type { Finding } from "../finding.js";
import type { ReviewResult, ReviewSummary } from "../review-result.js";

/** Bumped only on a breaking change to the shape below (documented in docs/review-output.md). */
export const REVIEW_JSON_VERSION = 1;

export interface ReviewJsonFinding {
  readonly ruleId: string;
  readonly area: Finding["area"];
  readonly severity: Finding["severity"];
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly fix: string;
  readonly owasp?: string;
  readonly related: readonly { message: string; file: string; line: number; column: number }[];
}

export interface ReviewJson {
  readonly version: typeof REVIEW_JSON_VERSION;
  readonly files: readonly { path: string; kind: string }[];
  readonly findings: readonly ReviewJsonFinding[];
  readonly summary: ReviewSummary;
  /** Only with `--baseline`: how many known findings were hidden, and how many are gone. */
  readonly baseline?: { readonly path: string; readonly known: number; readonly gone: number };
}

export function toReviewJson(result: ReviewResult): ReviewJson {
  const owasp = new Map(result.rules.map((r) => [r.id, r.owasp]));
  return {
    version: REVIEW_JSON_VERSION,
    files: result.files.map((f) => ({ path: f.path, kind: f.kind })),
    findings: result.findings.map((f) => {
      const item: ReviewJsonFinding = {
        ruleId: f.ruleId,
        area: f.area,
        severity: f.severity,
        message: f.message,
        file: f.location.file,
        line: f.location.line,
        column: f.location.column,
        fix: f.fix,
        related: f.related.map((r) => ({ message: r.message, ...r.location })),
      };
      const item_owasp = owasp.get(f.ruleId);
      return item_owasp === undefined ? item : { ...item, owasp: item_owasp };
    }),
    summary: result.summary,
    ...(result.baseline === undefined ? {} : { baseline: result.baseline }),
  };
}

export function formatJson(result: ReviewResult): string {
  return `${JSON.stringify(toReviewJson(result), null, 2)}\n`;
}
