import type { SqlTable } from "../../import/sql/sql-review-context.js";

/*
 * Facts read from CHECK constraint text. The importer keeps a CHECK as source text; these are the
 * two shapes designs use for API-visible limits, matched with regular expressions on that text
 * rather than a second parse, and only when the constraint mentions the one column asked about.
 */

const LENGTH = String.raw`(?:char_length|character_length|length)\s*\(\s*\(?\s*"?(\w+)"?\s*\)?(?:\s*::\s*\w+)?\s*\)`;

/** The largest length a CHECK allows for a column: `char_length(c) <= n`, `< n`, `BETWEEN a AND n`. */
export function checkMaxLength(table: SqlTable, column: string): number | undefined {
  let max: number | undefined;
  for (const constraint of table.constraints) {
    if (constraint.kind !== "check") continue;
    const patterns = [
      new RegExp(`${LENGTH}\\s*(<=|<)\\s*(\\d+)`, "gi"),
      new RegExp(`${LENGTH}\\s*BETWEEN\\s+\\d+\\s+AND\\s+(\\d+)`, "gi"),
    ];
    for (const pattern of patterns) {
      for (const match of constraint.text.matchAll(pattern)) {
        if (match[1]?.toLowerCase() !== column) continue;
        const limit = match.length === 4 ? Number(match[3]) - (match[2] === "<" ? 1 : 0) : Number(match[2]);
        max = max === undefined ? limit : Math.min(max, limit);
      }
    }
  }
  return max;
}

/**
 * The values a CHECK allows for a column: `c IN ('a', 'b')` or pg_dump's
 * `(c)::text = ANY ((ARRAY['a'::text, 'b'::text])::text[])`. Undefined when no such CHECK exists.
 */
export function checkAllowedValues(table: SqlTable, column: string): readonly string[] | undefined {
  for (const constraint of table.constraints) {
    if (constraint.kind !== "check") continue;
    const text = constraint.text;
    const subject = new RegExp(
      String.raw`\(?\s*"?${column}"?\s*\)?(?:\s*::\s*[\w ]+)?\s*(?:IN\s*\(|=\s*ANY\s*\()`,
      "i",
    );
    if (!subject.test(text)) continue;
    const mentioned = table.columns.filter((c) => new RegExp(String.raw`\b${c.name}\b`, "i").test(text));
    if (mentioned.length !== 1) continue;
    const values = [...text.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? "").replace(/''/g, "'"));
    if (values.length > 0) return values;
  }
  return undefined;
}
