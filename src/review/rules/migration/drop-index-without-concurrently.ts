import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables, tableName } from "../../sql/changes-to-existing-tables.js";

export const dropIndexWithoutConcurrently: Rule<SqlReviewContext> = {
  meta: {
    id: "drop-index-without-concurrently",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration drops an index without CONCURRENTLY.",
    rationale:
      "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table; if a long query holds the table, the DROP waits and every later query queues behind it, reads included.",
    howToFix: "Use `DROP INDEX CONCURRENTLY`, outside a transaction block.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "drop-index" || change.concurrently) continue;
      report({
        message: `DROP INDEX ${change.indexName} without CONCURRENTLY locks ${tableName(change)} against reads and writes.`,
        location: change.location,
        fix: `DROP INDEX CONCURRENTLY ${change.indexName};`,
      });
    }
  },
};
