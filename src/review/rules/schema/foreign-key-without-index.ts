import type { SqlIndex, SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const foreignKeyWithoutIndex: Rule<SqlReviewContext> = {
  meta: {
    id: "foreign-key-without-index",
    area: "schema",
    defaultSeverity: "warning",
    description: "A foreign key's columns are not the leading columns of any index.",
    rationale:
      "PostgreSQL does not index the referencing side of a foreign key. Every DELETE or key UPDATE on the referenced table then scans the referencing table to check the constraint (holding locks while it does), and the join from parent to children, the most common query on the relation, has no index either.",
    howToFix:
      "Create an index whose leading columns are the foreign key columns (`CREATE INDEX CONCURRENTLY ... ON child (parent_id)`); an existing multi-column index, primary key or unique constraint that starts with those columns already counts.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const fk of table.constraints) {
        if (fk.kind !== "foreign-key" || fk.columns.length === 0) continue;
        if (table.indexes.some((index) => supports(index, fk.columns))) continue;
        const columns = fk.columns.join(", ");
        report({
          message: `Foreign key ${fk.name ?? `(${columns})`} on ${table.displayName}(${columns}) has no index that starts with its columns.`,
          location: fk.location,
          fix: `CREATE INDEX CONCURRENTLY ON ${table.displayName} (${columns});`,
        });
      }
    }
  },
};

/** An index serves the foreign key when its first keys are exactly the key columns, in any order. */
function supports(index: SqlIndex, columns: readonly string[]): boolean {
  if (index.predicate !== undefined) return false;
  if (index.method !== "btree" && !(index.method === "hash" && columns.length === 1)) return false;
  const leading = index.keys.slice(0, columns.length).map((k) => k.column);
  return leading.length === columns.length && columns.every((c) => leading.includes(c));
}
