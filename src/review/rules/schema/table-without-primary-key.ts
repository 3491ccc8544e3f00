import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

/**
 * pg_partman's `partman.template_<schema>_<table>`: a table that holds no rows and only lends
 * properties (such as a primary key on a partitioned parent that cannot have one) to new partitions.
 */
function isPartmanTemplate(schema: string, name: string): boolean {
  return schema === "partman" && name.startsWith("template_");
}

export const tableWithoutPrimaryKey: Rule<SqlReviewContext> = {
  meta: {
    id: "table-without-primary-key",
    area: "schema",
    defaultSeverity: "warning",
    description: "A table has no primary key (pg_partman template tables are left out).",
    rationale:
      "Without a primary key nothing stops duplicate rows, other tables cannot reference a row reliably, logical replication cannot replicate UPDATE or DELETE (no replica identity), and ORMs and CDC tools that need a row identity break.",
    howToFix:
      "Add a primary key: a `bigint GENERATED ALWAYS AS IDENTITY` or `uuid` column, or the natural key columns if they are unique and never change.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      if (table.primaryKey !== undefined || isPartmanTemplate(table.schema, table.name)) continue;
      const uniqueNotNull = table.indexes.some((i) => i.unique && i.predicate === undefined);
      report({
        message: `Table ${table.displayName} has no primary key${uniqueNotNull ? " (it has a unique index, which is not the same: no replica identity and columns may be null)" : ""}.`,
        location: table.location,
        fix: `Add a primary key to ${table.displayName}.`,
      });
    }
  },
};
