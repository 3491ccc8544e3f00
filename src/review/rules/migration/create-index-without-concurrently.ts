import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const createIndexWithoutConcurrently: Rule<SqlReviewContext> = {
  meta: {
    id: "create-index-without-concurrently",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration creates an index on an existing table without CONCURRENTLY.",
    rationale:
      "A plain CREATE INDEX holds a SHARE lock for the whole build, blocking every INSERT, UPDATE and DELETE on the table for minutes on a large table. CONCURRENTLY builds without blocking writes. Partitioned parents are left alone: PostgreSQL cannot build them concurrently.",
    howToFix:
      "Use `CREATE INDEX CONCURRENTLY`, outside a transaction block (most migration tools have a per-migration switch for that), and check for an INVALID index if it fails.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "create-index" || change.index.concurrently) continue;
      if (context.tablesByKey.get(change.table)?.partitionBy !== undefined) continue;
      report({
        message:
          `CREATE ${change.index.unique ? "UNIQUE " : ""}INDEX ${change.index.name ?? ""} on existing table ${change.tableDisplayName} without CONCURRENTLY blocks writes while it builds.`.replace(
            "  ",
            " ",
          ),
        location: change.location,
        fix: "Add CONCURRENTLY and run the statement outside a transaction.",
      });
    }
  },
};
