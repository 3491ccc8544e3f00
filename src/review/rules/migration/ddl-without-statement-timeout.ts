import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const ddlWithoutStatementTimeout: Rule<SqlReviewContext> = {
  meta: {
    id: "ddl-without-statement-timeout",
    area: "migration",
    defaultSeverity: "info",
    description: "A migration changes an existing table before any `SET statement_timeout`.",
    rationale:
      "Once a DDL statement holds its lock, a rewrite, a validation scan or a blocking index build keeps every query on the table waiting until it ends. A statement_timeout bounds that outage: the migration fails and rolls back instead of holding the table for an hour. Reported once per file, at the first change; concurrent index builds, which block no traffic, are left out.",
    howToFix:
      "Start the migration with `SET statement_timeout = '5min';` (sized for its slowest statement), next to `SET lock_timeout`; run long backfills outside the DDL transaction.",
  },
  check(context, report) {
    const reported = new Set<string>();
    for (const change of changesToExistingTables(context)) {
      if (change.statementTimeoutSet || reported.has(change.file)) continue;
      if (
        (change.kind === "create-index" && change.index.concurrently) ||
        (change.kind === "drop-index" && change.concurrently)
      ) {
        continue;
      }
      reported.add(change.file);
      report({
        message: `This migration changes ${change.tableDisplayName || "a table"} without a statement_timeout; a slow statement holds its lock, and the table, until it ends.`,
        location: change.location,
        fix: "Put SET statement_timeout = '5min'; (or a bound that fits) before the first DDL statement.",
      });
    }
  },
};
