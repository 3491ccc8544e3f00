import type { SqlColumn } from "../../../import/sql/sql-review-context.js";
import { columnForProperty, schemaNullable, schemaProperties } from "../../cross-artifact/api-table-match.js";
import { isSequential } from "../../cross-artifact/column-type-class.js";
import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import { matchedSchemas } from "../../cross-artifact/matched-schemas.js";
import type { Rule } from "../../rule.js";

export const propertyNullabilityMismatch: Rule<CrossArtifactContext> = {
  meta: {
    id: "property-nullability-mismatch",
    area: "cross-artifact",
    defaultSeverity: "warning",
    description: "Whether a property is required disagrees with whether its column is NOT NULL.",
    rationale:
      "A response that promises a non-null value read from a nullable column breaks generated clients the first time a row holds NULL. A create body that lets a client leave out a NOT NULL column with no default turns valid-looking requests into 500s from a constraint violation.",
    howToFix:
      "For responses, make the column NOT NULL or the property nullable/optional. For create bodies, require the property, give the column a default, or have the server set it and leave it out of the body.",
  },
  check(context, report) {
    for (const { document, table, schema, role } of matchedSchemas(context)) {
      if (role === "update") continue;
      for (const property of schemaProperties(document, schema)) {
        const column = columnForProperty(table, property.name);
        if (column === undefined) continue;
        const related = [
          { message: `column ${table.displayName}.${column.name}`, location: column.location },
        ];
        if (role === "response") {
          if (!property.required || column.notNull || property.schema.object?.writeOnly === true) continue;
          if (schemaNullable(document, property.schema)) continue;
          report({
            message: `Response property ${property.name} is required and not nullable, but column ${table.displayName}.${column.name} allows NULL.`,
            location: document.locate(property.member),
            fix: `Make ${column.name} NOT NULL, or mark ${property.name} nullable or optional.`,
            related,
          });
        } else if (
          !property.required &&
          needsValueOnInsert(column) &&
          property.schema.object?.readOnly !== true
        ) {
          report({
            message: `Create property ${property.name} is optional, but column ${table.displayName}.${column.name} is NOT NULL with no default.`,
            location: document.locate(property.member),
            fix: `Require ${property.name} in the create body, or give ${column.name} a DEFAULT.`,
            related,
          });
        }
      }
    }
  },
};

function needsValueOnInsert(column: SqlColumn): boolean {
  return column.notNull && column.default === undefined && !column.generated && !isSequential(column);
}
