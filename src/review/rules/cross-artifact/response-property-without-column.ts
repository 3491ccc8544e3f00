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

/** Names that are computed or link to elsewhere by convention, not stored. */
const DERIVED_NAME = /(Count|Total|Url|Uri|Href|Links?)$|^(links|_links|_embedded|self|href|etag)$/;

export const responsePropertyWithoutColumn: Rule<CrossArtifactContext> = {
  meta: {
    id: "response-property-without-column",
    area: "cross-artifact",
    defaultSeverity: "info",
    description: "A response property has no column in the resource's table and no obvious other source.",
    rationale:
      "A scalar the API returns but the table does not store is either computed on every read, fetched from elsewhere, or a leftover the API no longer fills. Each is worth knowing before it becomes an N+1 query or an always-null field. Objects and arrays (embedded resources), `<name>_id` references, counts and links are taken to have a source.",
    howToFix: "Add the column, document how the property is computed, or remove it from the response schema.",
  },
  check(context, report) {
    for (const { document, table, schema, role } of matchedSchemas(context)) {
      if (role !== "response") continue;
      for (const property of schemaProperties(document, schema)) {
        if (hasSource(table, property)) continue;
        report({
          message: `Response property ${property.name} has no column in ${table.displayName} and no evident source.`,
          location: document.locate(property.member),
          fix: `Add a column for ${property.name} to ${table.displayName}, or say in its description where the value comes from.`,
          related: [{ message: `table ${table.displayName}`, location: table.location }],
        });
      }
    }
  },
};

function hasSource(table: SqlTable, property: SchemaProperty): boolean {
  if (columnForProperty(table, property.name) !== undefined) return true;
  if (columnForProperty(table, `${property.name}Id`) !== undefined) return true;
  if (property.name === "id" && (table.primaryKey?.columns.length ?? 0) === 1) return true;
  if (DERIVED_NAME.test(property.name)) return true;
  const type = schemaType(property.schema);
  if (type === undefined || type === "object" || type === "array") return true;
  return (
    property.schema.object?.description !== undefined &&
    /\b(computed|derived|calculated)\b/i.test(String(property.schema.object.description))
  );
}
