import type { SqlReviewContext } from "../../import/sql/sql-review-context.js";
import type { SourceLocation } from "../../model/source-location.js";
import type { RuleReport } from "../rule.js";

/** One place a convention rule found, before it is reported or summed up. */
export interface ConventionHit {
  /** `users.created_at`: what the summary lists. */
  readonly subject: string;
  readonly report: RuleReport;
}

/** How many places a dump's summary points at beside the first. */
const RELATED_LIMIT = 10;
const EXAMPLE_LIMIT = 3;

/**
 * Convention rules (varchar limits, timestamp without time zone, serial and integer keys) fire on
 * most tables of a dump at once: 78–97% of a real dump's findings. In a pg_dump file they are one
 * decision about the whole schema, so each such file gets one finding that counts them, located at
 * the first and pointing at the next few; hand-written DDL and migrations keep one finding per place.
 */
export function reportConventionHits(
  context: SqlReviewContext,
  hits: readonly ConventionHit[],
  report: (finding: RuleReport) => void,
  summary: { readonly what: string; readonly fix: string },
): void {
  const dumps = new Set(context.files.filter((f) => f.isDump).map((f) => f.path));
  const byDump = new Map<string, ConventionHit[]>();
  for (const hit of hits) {
    const file = hit.report.location.file;
    if (!dumps.has(file)) {
      report(hit.report);
      continue;
    }
    const list = byDump.get(file) ?? [];
    list.push(hit);
    byDump.set(file, list);
  }
  for (const list of byDump.values()) {
    const first = list[0];
    if (first === undefined) continue;
    if (list.length === 1) {
      report(first.report);
      continue;
    }
    const examples = list.slice(0, EXAMPLE_LIMIT).map((h) => h.subject);
    const more = list.length - examples.length;
    const related: { message: string; location: SourceLocation }[] = list
      .slice(1, 1 + RELATED_LIMIT)
      .map((h) => ({ message: h.report.message, location: h.report.location }));
    report({
      message: `${list.length} ${summary.what} in this dump: ${examples.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`,
      location: first.report.location,
      fix: summary.fix,
      related,
    });
  }
}
