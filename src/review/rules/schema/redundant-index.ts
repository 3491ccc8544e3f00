import type { SqlIndex, SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { capitalize, comparable, describeIndex } from "../../sql/index-signature.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const redundantIndex: Rule<SqlReviewContext> = {
  meta: {
    id: "redundant-index",
    area: "schema",
    defaultSeverity: "warning",
    description: "A b-tree index's keys are a leading prefix of another index on the same table.",
    rationale:
      "A b-tree on (a, b) already serves every lookup and sort that a b-tree on (a) serves, so the shorter index only adds write amplification, disk and cache pressure. Unique and partial indexes are left alone: they enforce or cover something the longer index does not.",
    howToFix:
      "Drop the shorter index with `DROP INDEX CONCURRENTLY` after checking pg_stat_user_indexes that queries are not relying on its smaller size.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const index of table.indexes) {
        if (
          index.unique ||
          index.method !== "btree" ||
          index.predicate !== undefined ||
          index.include.length > 0
        )
          continue;
        const wider = table.indexes.find(
          (other) => other !== index && comparable(other, index) && isPrefix(index, other),
        );
        if (wider === undefined) continue;
        report({
          message: `${capitalize(describeIndex(index))} on ${table.displayName} is a prefix of ${describeIndex(wider)} and is redundant.`,
          location: index.location,
          fix: `DROP INDEX CONCURRENTLY ${index.name ?? ""};`,
          related: [{ message: `the wider index: ${describeIndex(wider)}`, location: wider.location }],
        });
      }
    }
  },
};

function isPrefix(short: SqlIndex, long: SqlIndex): boolean {
  return (
    short.keys.length > 0 &&
    short.keys.length < long.keys.length &&
    short.keys.every((k, i) => k.fingerprint === long.keys[i]?.fingerprint)
  );
}
