import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnIsNotNull } from "../../sql/column-type.js";
import { capitalize, describeIndex } from "../../sql/index-signature.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const nullableColumnInUniqueConstraint: Rule<SqlReviewContext> = {
  meta: {
    id: "nullable-column-in-unique-constraint",
    area: "schema",
    defaultSeverity: "warning",
    description:
      "A multi-column unique constraint or index includes a nullable column (and not the whole primary key).",
    rationale:
      "NULLs are distinct from each other, so (tenant_id, NULL) can be inserted any number of times: the uniqueness the constraint promises silently does not hold for those rows. Single-column unique on a nullable column is left alone, since 'optional but unique' is usually what is meant.",
    howToFix:
      "Make the column NOT NULL, declare the constraint `UNIQUE NULLS NOT DISTINCT` (PostgreSQL 15+), or add a partial unique index for the rows where the column is null.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const index of table.indexes) {
        if (!index.unique || index.nullsNotDistinct || index.predicate !== undefined || index.keys.length < 2)
          continue;
        // With the whole primary key among its keys the index is unique anyway, NULLs or not: it exists
        // for lookups or as a foreign-key target, and promises nothing the primary key does not keep.
        const primary = table.primaryKey?.columns ?? [];
        if (primary.length > 0 && primary.every((c) => index.keys.some((k) => k.column === c))) continue;
        const nullable = index.keys
          .map((k) => table.columns.find((c) => c.name === k.column))
          .filter((c) => c !== undefined && !columnIsNotNull(context, c));
        if (nullable.length === 0) continue;
        const names = nullable.map((c) => c?.name).join(", ");
        report({
          message: `${capitalize(describeIndex(index))} on ${table.displayName} includes nullable ${names}, so rows with NULL there are never duplicates.`,
          location: index.location,
          fix: `Make ${names} NOT NULL or use UNIQUE NULLS NOT DISTINCT.`,
        });
      }
    }
  },
};
