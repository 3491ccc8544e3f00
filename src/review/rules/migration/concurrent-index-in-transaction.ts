import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";

export const concurrentIndexInTransaction: Rule<SqlReviewContext> = {
  meta: {
    id: "concurrent-index-in-transaction",
    area: "migration",
    defaultSeverity: "error",
    description: "CREATE or DROP INDEX CONCURRENTLY inside a BEGIN ... COMMIT block.",
    rationale:
      "PostgreSQL refuses to run CONCURRENTLY index commands inside a transaction block, so the migration fails when it is applied. Tools that wrap each migration in a transaction (Rails, Django, Flyway by default) cause the same failure without an explicit BEGIN.",
    howToFix:
      "Move the statement out of the transaction block, or mark the migration as non-transactional in your migration tool.",
  },
  check(context, report) {
    for (const change of context.changes) {
      if (!change.inTransaction) continue;
      const concurrent =
        (change.kind === "create-index" && change.index.concurrently) ||
        (change.kind === "drop-index" && change.concurrently);
      if (!concurrent) continue;
      report({
        message: `${change.kind === "create-index" ? "CREATE" : "DROP"} INDEX CONCURRENTLY cannot run inside a transaction block.`,
        location: change.location,
        fix: "Run the statement outside BEGIN ... COMMIT.",
      });
    }
  },
};
