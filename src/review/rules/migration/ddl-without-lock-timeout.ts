import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";

export const ddlWithoutLockTimeout: Rule<SqlReviewContext> = {
  meta: {
    id: "ddl-without-lock-timeout",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration takes a table lock before any `SET lock_timeout`.",
    rationale:
      "DDL waits for its lock behind any long-running query, and while it waits every new query on the table queues behind it: a one-millisecond ALTER becomes a full outage. A short lock_timeout makes the migration fail fast and retry instead. Reported once per file, at the first statement that needs the timeout.",
    howToFix:
      "Start the migration with `SET lock_timeout = '2s';` (or configure it for the migration role), and retry on timeout.",
  },
  check(context, report) {
    const reported = new Set<string>();
    for (const change of changesToExistingTables(context)) {
      if (change.lockTimeoutSet || reported.has(change.file)) continue;
      // Concurrent index builds and VALIDATE take a lock that does not block reads or writes while waiting.
      if (change.kind === "validate-constraint") continue;
      if (
        (change.kind === "create-index" && change.index.concurrently) ||
        (change.kind === "drop-index" && change.concurrently)
      ) {
        continue;
      }
      reported.add(change.file);
      report({
        message: `This migration locks ${change.tableDisplayName || "a table"} without a lock_timeout; if the lock is not granted at once, all traffic on the table queues behind it.`,
        location: change.location,
        fix: "Put SET lock_timeout = '2s'; before the first DDL statement.",
      });
    }
  },
};
