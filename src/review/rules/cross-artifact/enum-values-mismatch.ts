import { columnForProperty, schemaProperties } from "../../cross-artifact/api-table-match.js";
import { checkAllowedValues } from "../../cross-artifact/check-constraint-facts.js";
import { resolvedType, sqlEnum } from "../../cross-artifact/column-type-class.js";
import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import { matchedSchemas } from "../../cross-artifact/matched-schemas.js";
import type { Rule } from "../../rule.js";

export const enumValuesMismatch: Rule<CrossArtifactContext> = {
  meta: {
    id: "enum-values-mismatch",
    area: "cross-artifact",
    defaultSeverity: "error",
    description: "An API enum lists different values from the column's enum type or CHECK (... IN ...) list.",
    rationale:
      "A value the API accepts but the database rejects is a 500 on a documented request; a value the database holds but the API does not list breaks every generated client that reads that row. Enums drift when one side gains a state and the other is forgotten.",
    howToFix:
      "Make both lists the same: add the missing values to the enum type (ALTER TYPE ... ADD VALUE) or CHECK, or to the API schema.",
  },
  check(context, report) {
    for (const { document, table, schema } of matchedSchemas(context)) {
      for (const property of schemaProperties(document, schema)) {
        const enumNode = property.schema.get("enum") ?? property.schema.get("items")?.get("enum");
        const apiValues = Array.isArray(enumNode?.value)
          ? enumNode.value.filter((v): v is string => typeof v === "string")
          : [];
        if (enumNode === undefined || apiValues.length === 0) continue;
        const column = columnForProperty(table, property.name);
        if (column === undefined) continue;
        const type = sqlEnum(context.sql, resolvedType(context.sql, column.type));
        const dbValues = type?.values ?? checkAllowedValues(table, column.name);
        if (dbValues === undefined) continue;
        const source = type === undefined ? "its CHECK" : `enum type ${type.name}`;
        const onlyApi = apiValues.filter((v) => !dbValues.includes(v));
        const onlyDb = dbValues.filter((v) => !apiValues.includes(v));
        if (onlyApi.length === 0 && onlyDb.length === 0) continue;
        const parts = [
          onlyApi.length > 0 ? `the API allows ${quoted(onlyApi)} which ${source} rejects` : "",
          onlyDb.length > 0 ? `${source} allows ${quoted(onlyDb)} which the API does not list` : "",
        ].filter((p) => p !== "");
        report({
          message: `Enum of ${property.name} differs from column ${table.displayName}.${column.name}: ${parts.join("; ")}.`,
          location: document.locate(enumNode),
          fix: `Use the same values on both sides: ${quoted([...new Set([...dbValues, ...onlyApi])])}.`,
          related: [
            { message: `column ${table.displayName}.${column.name}`, location: column.location },
            ...(type === undefined ? [] : [{ message: `enum type ${type.name}`, location: type.location }]),
          ],
        });
      }
    }
  },
};

function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}
