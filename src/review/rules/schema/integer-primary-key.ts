import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { type ConventionHit, reportConventionHits } from "../../sql/convention-summary.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

const FOUR_BYTE = new Set(["int4", "serial"]);

export const integerPrimaryKey: Rule<SqlReviewContext> = {
  meta: {
    id: "integer-primary-key",
    area: "schema",
    defaultSeverity: "info",
    description: "A generated single-column primary key is a 4-byte `integer`.",
    rationale:
      "A 4-byte key runs out at 2,147,483,647; sequences also advance on rolled-back inserts, so busy tables get there sooner than their row count suggests, and widening the key later rewrites the table and every referencing table under an exclusive lock.",
    howToFix:
      "Use `bigint` (8 bytes) for generated keys; small, fixed lookup tables can keep `integer` or `smallint` deliberately.",
  },
  check(context, report) {
    const hits: ConventionHit[] = [];
    for (const table of reviewedTables(context)) {
      const pk = table.primaryKey;
      if (pk === undefined || pk.columns.length !== 1) continue;
      const column = table.columns.find((c) => c.name === pk.columns[0]);
      if (column === undefined || !FOUR_BYTE.has(columnType(context, column).name)) continue;
      const generated =
        column.type.name === "serial" ||
        column.identity !== undefined ||
        column.default?.functions.includes("nextval");
      if (!generated) continue;
      hits.push({
        subject: `${table.displayName}.${column.name}`,
        report: {
          message: `Primary key ${table.displayName}.${column.name} is a generated 4-byte integer (limit 2,147,483,647).`,
          location: column.location,
          fix: `Declare ${column.name} as bigint.`,
        },
      });
    }
    reportConventionHits(context, hits, report, {
      what: "generated primary keys are 4-byte integers",
      fix: "Declare generated keys as bigint, starting with the tables that grow fastest.",
    });
  },
};
