import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { reviewedTables } from "./reviewed-tables.js";

export const tableWithoutPrimaryKey: Rule<SqlReviewContext> = {
  meta: {
    id: "table-without-primary-key",
    area: "schema",
    defaultSeverity: "warning",
    description: "A table has no primary key.",
    rationale:
      "Without a primary key nothing stops duplicate rows, other tables cannot reference a row reliably, logical replication cannot replicate UPDATE or DELETE (no replica identity), and ORMs and CDC tools that need a row identity break.",
    howToFix:
      "Add a primary key: a `bigint GENERATED ALWAYS AS IDENTITY` or `uuid` column, or the natural key columns if they are unique and never change.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      if (table.primaryKey !== undefined) continue;
      const uniqueNotNull = table.indexes.some((i) => i.unique && i.predicate === undefined);
      report({
        message: `Table ${table.displayName} has no primary key${uniqueNotNull ? " (it has a unique index, which is not the same: no replica identity and columns may be null)" : ""}.`,
        location: table.location,
        fix: `Add a primary key to ${table.displayName}.`,
      });
    }
  },
};
