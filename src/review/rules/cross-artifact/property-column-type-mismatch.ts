import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { SqlColumn, SqlReviewContext, SqlTable } from "../../../import/sql/sql-review-context.js";
import { columnForProperty, schemaProperties, schemaType } from "../../cross-artifact/api-table-match.js";
import { checkMaxLength } from "../../cross-artifact/check-constraint-facts.js";
import {
  type ColumnTypeClass,
  columnTypeClass,
  resolvedType,
} from "../../cross-artifact/column-type-class.js";
import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import { matchedSchemas } from "../../cross-artifact/matched-schemas.js";
import type { Rule } from "../../rule.js";

const INT4_MAX = 2_147_483_647;
const INT2_MAX = 32_767;

export const propertyColumnTypeMismatch: Rule<CrossArtifactContext> = {
  meta: {
    id: "property-column-type-mismatch",
    area: "cross-artifact",
    defaultSeverity: "error",
    description: "An API property's type, format or length disagrees with the column that stores it.",
    rationale:
      "The API promises clients something the database will not keep: a 500-character string that a varchar(255) rejects, a uuid that an integer column cannot hold, an int64 that overflows an integer. Each one is a 500 in production for input the API documented as valid.",
    howToFix:
      "Make the API schema and the column agree: tighten the property (maxLength, format, maximum) or widen the column.",
  },
  check(context, report) {
    for (const { document, table, schema, role } of matchedSchemas(context)) {
      for (const property of schemaProperties(document, schema)) {
        if (role !== "response" && property.schema.object?.readOnly === true) continue;
        const column = columnForProperty(table, property.name);
        if (column === undefined) continue;
        const problem = disagreement(context.sql, table, column, property.schema);
        if (problem === undefined) continue;
        report({
          message: `Property ${property.name} ${problem.api}, but column ${table.displayName}.${column.name} ${problem.column}.`,
          location: document.locate(property.member),
          fix: problem.fix,
          related: [{ message: `column ${table.displayName}.${column.name}`, location: column.location }],
        });
      }
    }
  },
};

interface Disagreement {
  readonly api: string;
  readonly column: string;
  readonly fix: string;
}

function disagreement(
  sql: SqlReviewContext,
  table: SqlTable,
  column: SqlColumn,
  schema: OpenApiNode,
): Disagreement | undefined {
  const type = schemaType(schema);
  const format = schema.string("format");
  const cls = columnTypeClass(sql, column);
  const columnText = `is ${resolvedType(sql, column.type).text}`;
  if (cls === "other" || type === undefined) return undefined;
  const mismatch = (api: string, fix: string): Disagreement => ({ api, column: columnText, fix });

  if (type === "integer" || type === "number") {
    if (!["integer", "decimal", "float"].includes(cls))
      return mismatch(
        `is ${type === "integer" ? "an" : "a"} ${type}`,
        `Declare ${column.name} numeric or the property as a string.`,
      );
    if (type === "integer" && (cls === "float" || (cls === "decimal" && (column.type.modifiers[1] ?? 1) > 0)))
      return mismatch(
        "is an integer",
        `Declare the property as a number (or a decimal string) to keep the fraction.`,
      );
    if (type === "integer" && cls === "integer") {
      const max =
        column.type.name === "int2" || column.type.name === "smallserial"
          ? INT2_MAX
          : column.type.name === "int8" || column.type.name === "bigserial"
            ? undefined
            : INT4_MAX;
      const maximum = schema.object?.maximum;
      const apiMax =
        typeof maximum === "number" ? maximum : format === "int64" ? Number.MAX_SAFE_INTEGER : undefined;
      if (max !== undefined && apiMax !== undefined && apiMax > max)
        return mismatch(
          `accepts values up to ${typeof maximum === "number" ? maximum : "int64"}`,
          `Set maximum: ${max} on the property, or declare ${column.name} bigint.`,
        );
    }
    return undefined;
  }
  if (type === "boolean") {
    return cls === "boolean" ? undefined : mismatch("is a boolean", `Declare ${column.name} boolean.`);
  }
  if (type === "object") {
    return cls === "json"
      ? undefined
      : mismatch("is an object", `Store it as jsonb, or in a table of its own.`);
  }
  if (type === "array") {
    return cls === "array" || cls === "json"
      ? undefined
      : mismatch("is an array", `Store it as an array or jsonb column, or in a table of its own.`);
  }
  if (type !== "string") return undefined;
  if (format === "uuid" && !["uuid", "string"].includes(cls))
    return mismatch(
      "is a uuid",
      `Declare ${column.name} uuid, or describe the property as what the column holds.`,
    );
  if ((format === "date-time" || format === "date") && !["timestamp", "date", "string"].includes(cls))
    return mismatch(
      `is a ${format}`,
      `Declare ${column.name} ${format === "date" ? "date" : "timestamptz"}.`,
    );
  if (format === "date-time" && cls === "date")
    return mismatch("is a date-time", `Declare the property format: date, or ${column.name} timestamptz.`);
  if (
    ["boolean", "json", "array"].includes(cls) ||
    (["integer", "decimal", "float"].includes(cls) &&
      format !== undefined &&
      !NUMERIC_STRING_FORMATS.has(format))
  )
    return mismatch(
      `is a string${format === undefined ? "" : ` (${format})`}`,
      `Make the property's type match ${column.name}.`,
    );
  const maxLength = schema.object?.maxLength;
  if (typeof maxLength === "number" && isText(cls)) {
    const limit = columnLengthLimit(table, column);
    if (limit !== undefined && maxLength > limit.length)
      return {
        api: `allows ${maxLength} characters`,
        column: `${limit.source} ${limit.length}`,
        fix: `Set maxLength: ${limit.length} on the property, or widen the column.`,
      };
  }
  return undefined;
}

/** String formats that carry a number (a decimal amount as a string keeps its precision in JSON). */
const NUMERIC_STRING_FORMATS = new Set(["decimal", "int64", "int32", "number", "integer", "bigint", "money"]);

function isText(cls: ColumnTypeClass): boolean {
  return cls === "string";
}

function columnLengthLimit(
  table: SqlTable,
  column: SqlColumn,
): { length: number; source: string } | undefined {
  const declared = column.type.modifiers[0];
  const check = checkMaxLength(table, column.name);
  if (declared !== undefined && (column.type.name === "varchar" || column.type.name === "bpchar")) {
    if (check === undefined || declared <= check)
      return { length: declared, source: `is ${column.type.text}, at most` };
  }
  return check === undefined ? undefined : { length: check, source: "has a CHECK allowing at most" };
}
