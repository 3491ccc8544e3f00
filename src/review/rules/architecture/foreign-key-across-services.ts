import { partitionRoot } from "../../../import/sql/partition-family.js";
import type { SqlTable } from "../../../import/sql/sql-review-context.js";
import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import { entityForTable } from "../../architecture/spec-artifact-match.js";
import type { Rule } from "../../rule.js";

export const foreignKeyAcrossServices: Rule<ArchitectureContext> = {
  meta: {
    id: "foreign-key-across-services",
    area: "architecture",
    defaultSeverity: "error",
    description:
      "A foreign key joins tables whose entities the spec puts in different services (a partition counts as its partitioned table; a key declared on every partition is reported once).",
    rationale:
      "Each service owns its database; a foreign key across the boundary means the two services share one, so neither can deploy, migrate, scale or fail on its own, and the cut exists only on paper.",
    howToFix:
      "Keep the id column with an index and drop the constraint; keep it consistent with the owner's `deleted` event (and an outbox on the owner's side), or move both entities into one service in the spec.",
  },
  check(context, report) {
    const { model } = context;
    for (const { sql } of context.databases) {
      // A key declared on each partition of a table (older schemas do) is one decision: report it once.
      const reported = new Set<string>();
      for (const table of sql.tables) {
        const from = entityForTable(model, sql, table);
        if (from === undefined) continue;
        for (const constraint of table.constraints) {
          if (constraint.kind !== "foreign-key" || constraint.references === undefined) continue;
          const target = sql.tablesByKey.get(constraint.references.table);
          const to = target === undefined ? undefined : entityForTable(model, sql, target);
          if (target === undefined || to === undefined || to.service === from.service) continue;
          const source = partitionRoot(sql, table);
          const destination = partitionRoot(sql, target);
          const once = [source.key, destination.key, ...constraint.columns].join("\u0000");
          if (reported.has(once)) continue;
          reported.add(once);
          report({
            message: `Foreign key from ${nameOf(source, table)} (${from.name}, service ${from.service}) to ${nameOf(destination, target)} (${to.name}, service ${to.service}) crosses a service boundary.`,
            location: constraint.location,
            fix: `Drop the constraint and keep ${constraint.columns.join(", ")} as an indexed id kept consistent by ${to.service}'s events, or put ${from.name} and ${to.name} in one service.`,
            related: [
              { message: `${from.name} is in service ${from.service}`, location: from.location },
              { message: `${to.name} is in service ${to.service}`, location: to.location },
            ],
          });
        }
      }
    }
  },
};

/** `posts`, or `partition posts_2024_05 of posts` when the key is declared on a partition. */
function nameOf(root: SqlTable, table: SqlTable): string {
  return root.key === table.key ? table.displayName : `partition ${table.displayName} of ${root.displayName}`;
}
