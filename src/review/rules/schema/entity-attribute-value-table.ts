import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

const ATTRIBUTE =
  /^(attribute|attr|property|prop|field|meta_key|key|attribute_(id|name|key)|attr_(id|name)|property_(id|name|key)|field_(id|name|key))$/;
const VALUE =
  /^(value|val|meta_value|attribute_value|attr_value|property_value|field_value|value_(text|string|str))$/;
const ENTITY = /^(entity|object|item|record|owner|resource)(_(id|type))?$/;
const GENERIC_TYPES = new Set(["text", "varchar", "bpchar", "jsonb", "json", "bytea"]);

export const entityAttributeValueTable: Rule<SqlReviewContext> = {
  meta: {
    id: "entity-attribute-value-table",
    area: "schema",
    defaultSeverity: "warning",
    description:
      "A table stores entity / attribute / value rows with an untyped value column, and no other table references its rows.",
    rationale:
      "Entity-attribute-value tables give up types, NOT NULL, CHECK and foreign keys on the values, and turn reading one entity into a pivot over many rows; query plans and row counts grow badly with them.",
    howToFix:
      "Model known attributes as real columns; put a genuinely open-ended set in a `jsonb` column on the entity (with a GIN index if it is queried).",
  },
  check(context, report) {
    // A table other tables point foreign keys at holds things (a dimension such as lago's `groups`
    // of billable-metric key/value pairs), not the attributes of an entity.
    const referenced = new Set<string>();
    for (const table of context.tables) {
      for (const c of table.constraints) {
        if (c.kind === "foreign-key" && c.references !== undefined && c.references.table !== table.key)
          referenced.add(c.references.table);
      }
    }
    for (const table of reviewedTables(context)) {
      if (referenced.has(table.key)) continue;
      const names = table.columns.map((c) => c.name.toLowerCase());
      const attribute = names.find((n) => ATTRIBUTE.test(n));
      const value = table.columns.find(
        (c) => VALUE.test(c.name.toLowerCase()) && GENERIC_TYPES.has(columnType(context, c).name),
      );
      const entity = names.find((n) => ENTITY.test(n) || (n.endsWith("_id") && n !== attribute));
      if (attribute === undefined || value === undefined || entity === undefined) continue;
      report({
        message: `Table ${table.displayName} looks like entity-attribute-value storage (${entity}, ${attribute}, ${value.name}).`,
        location: table.location,
        fix: `Turn the attributes of ${table.displayName} into typed columns or a jsonb column.`,
      });
    }
  },
};
