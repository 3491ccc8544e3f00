import type { SqlIndex, SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { capitalize, comparable, describeIndex } from "../../sql/index-signature.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const duplicateIndex: Rule<SqlReviewContext> = {
  meta: {
    id: "duplicate-index",
    area: "schema",
    defaultSeverity: "warning",
    description: "Two indexes (or an index and a primary-key or unique constraint) have the same keys.",
    rationale:
      "A duplicate index does nothing for reads but costs a write on every INSERT and on every UPDATE of its columns, takes disk and cache, and lengthens vacuum and backups.",
    howToFix:
      "Drop the duplicate with `DROP INDEX CONCURRENTLY`, keeping the one that enforces a constraint (primary key or unique) if there is one.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      const seen: SqlIndex[] = [];
      for (const index of table.indexes) {
        const twin = seen.find((other) => comparable(other, index) && sameKeys(other, index));
        seen.push(index);
        if (twin === undefined) continue;
        const extra = whichToDrop(twin, index);
        const kept = extra === index ? twin : index;
        report({
          message: `${capitalize(describeIndex(extra))} on ${table.displayName} duplicates ${describeIndex(kept)}.`,
          location: extra.location,
          fix:
            extra.origin === "index"
              ? `DROP INDEX CONCURRENTLY ${extra.name ?? ""};`
              : "Drop one of the two constraints.",
          related: [{ message: `the index it duplicates: ${describeIndex(kept)}`, location: kept.location }],
        });
      }
    }
  },
};

/** The one not needed: the non-unique of the two, else the one no constraint owns, else the later. */
function whichToDrop(earlier: SqlIndex, later: SqlIndex): SqlIndex {
  if (earlier.unique !== later.unique) return earlier.unique ? later : earlier;
  if ((earlier.origin === "index") !== (later.origin === "index"))
    return earlier.origin === "index" ? earlier : later;
  return later;
}

function sameKeys(a: SqlIndex, b: SqlIndex): boolean {
  return (
    a.keys.length === b.keys.length &&
    a.keys.every((k, i) => k.fingerprint === b.keys[i]?.fingerprint) &&
    a.include.join(",") === b.include.join(",")
  );
}
