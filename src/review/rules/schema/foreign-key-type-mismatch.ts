import type { SqlReviewContext, SqlType } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

/** Serial types are integers with a sequence default; text-like types compare and hash alike. */
const SAME_AS: Readonly<Record<string, string>> = {
  smallserial: "int2",
  serial: "int4",
  bigserial: "int8",
  varchar: "text",
};

export const foreignKeyTypeMismatch: Rule<SqlReviewContext> = {
  meta: {
    id: "foreign-key-type-mismatch",
    area: "schema",
    defaultSeverity: "warning",
    description: "A foreign key column's type differs from the type of the column it references.",
    rationale:
      "An `integer` column referencing a `bigint` key overflows once the parent passes 2^31 rows; mismatched types also force casts in joins, which can stop the planner from using indexes, and signal that the two sides drifted apart in a migration.",
    howToFix: "Give the referencing column exactly the referenced column's type (for example both `bigint`).",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const fk of table.constraints) {
        if (fk.kind !== "foreign-key" || fk.references === undefined) continue;
        const target = context.tablesByKey.get(fk.references.table);
        if (target === undefined) continue;
        const targetColumns =
          fk.references.columns.length > 0 ? fk.references.columns : (target.primaryKey?.columns ?? []);
        fk.columns.forEach((name, i) => {
          const column = table.columns.find((c) => c.name === name);
          const referenced = target.columns.find((c) => c.name === targetColumns[i]);
          if (column === undefined || referenced === undefined) return;
          const from = columnType(context, column);
          const to = columnType(context, referenced);
          if (sameType(from, to)) return;
          report({
            message: `Column ${table.displayName}.${name} is ${from.text} but references ${target.displayName}.${referenced.name}, which is ${to.text}.`,
            location: column.location,
            fix: `Change ${table.displayName}.${name} to ${baseText(to)}.`,
            related: [
              {
                message: `the referenced column ${target.displayName}.${referenced.name}`,
                location: referenced.location,
              },
            ],
          });
        });
      }
    }
  },
};

function canonical(type: SqlType): string {
  return `${SAME_AS[type.name] ?? type.name}${type.isArray ? "[]" : ""}`;
}

function sameType(a: SqlType, b: SqlType): boolean {
  return canonical(a) === canonical(b);
}

function baseText(type: SqlType): string {
  const name = SAME_AS[type.name] ?? type.name;
  return { int2: "smallint", int4: "integer", int8: "bigint" }[name] ?? type.text;
}
