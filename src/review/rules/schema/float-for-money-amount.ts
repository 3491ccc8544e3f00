import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

/**
 * The name must end in the money noun: `tax_rate` or `amount_ratio` are not amounts. A bare
 * `discount` is as often a fraction (Northwind's `order_details.discount real`, 0.05) as an
 * amount, so only `discount_amount`, `discount_total` and the like count.
 */
const MONEY_NAME =
  /(^|_)(price|amount|cost|total|subtotal|balance|fee|tax|salary|payment|revenue|refund|charge)s?(_cents)?$/i;

export const floatForMoneyAmount: Rule<SqlReviewContext> = {
  meta: {
    id: "float-for-money-amount",
    area: "schema",
    defaultSeverity: "warning",
    description:
      "A column named like a monetary amount (price, amount, total, balance...) is `real` or `double precision`.",
    rationale:
      "Binary floating point cannot represent most decimal fractions, so 0.1 + 0.2 is not 0.3: sums drift, equality checks fail, and reconciliations disagree by a cent.",
    howToFix: "Use `numeric(p, s)` or an integer count of minor units (cents).",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        const type = columnType(context, column);
        if ((type.name !== "float4" && type.name !== "float8") || !MONEY_NAME.test(column.name)) continue;
        report({
          message: `Column ${table.displayName}.${column.name} holds an amount in floating point (${type.text}).`,
          location: column.location,
          fix: `Declare ${column.name} as numeric or as bigint minor units.`,
        });
      }
    }
  },
};
