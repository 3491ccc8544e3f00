import type { SqlTable } from "../../../import/sql/sql-review-context.js";
import {
  columnForProperty,
  type SchemaProperty,
  schemaProperties,
  schemaType,
} from "../../cross-artifact/api-table-match.js";
import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import { matchedSchemas } from "../../cross-artifact/matched-schemas.js";
import type { Rule } from "../../rule.js";

/** Secrets arrive in clear and are stored transformed (`password` -> `password_hash`, `encrypted_password`). */
const STORED_TRANSFORMED = /^(password|secret|token|pin)$/i;

export const createPropertyWithoutColumn: Rule<CrossArtifactContext> = {
  meta: {
    id: "create-property-without-column",
    area: "cross-artifact",
    defaultSeverity: "warning",
    description: "A property of a create request body has no column in the resource's table.",
    rationale:
      "The client sends the value and the API accepts it, but the table has nowhere to keep it: it is silently dropped, or the handler stores it somewhere the schema does not show. Either way a client reading the resource back does not get what it wrote. Objects and arrays (child rows), `<name>_id` references and secrets stored hashed are taken to have a place.",
    howToFix:
      "Add the column, remove the property from the create schema, or say in its description where the value goes.",
  },
  check(context, report) {
    for (const { document, table, schema, role } of matchedSchemas(context)) {
      if (role !== "create") continue;
      for (const property of schemaProperties(document, schema)) {
        if (hasPlace(table, property)) continue;
        report({
          message: `Create property ${property.name} has no column in ${table.displayName}: the value would be dropped.`,
          location: document.locate(property.member),
          fix: `Add a column for ${property.name} to ${table.displayName}, or remove it from the create body.`,
          related: [{ message: `table ${table.displayName}`, location: table.location }],
        });
      }
    }
  },
};

function hasPlace(table: SqlTable, property: SchemaProperty): boolean {
  if (property.schema.object?.readOnly === true) return true;
  if (columnForProperty(table, property.name) !== undefined) return true;
  if (columnForProperty(table, `${property.name}Id`) !== undefined) return true;
  if (STORED_TRANSFORMED.test(property.name)) {
    const prefix = property.name.toLowerCase();
    return table.columns.some((c) => c.name.includes(prefix));
  }
  const type = schemaType(property.schema);
  if (type === undefined || type === "object" || type === "array") return true;
  const description = property.schema.object?.description;
  return (
    typeof description === "string" && /\b(not stored|stored in|written to|forwarded)\b/i.test(description)
  );
}
