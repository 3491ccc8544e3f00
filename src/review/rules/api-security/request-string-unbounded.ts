import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { requestBodySchemas, schemaTypes } from "../../openapi/schema-walk.js";

/** Formats whose values have a fixed maximum length by definition. */
const BOUNDED_FORMATS = new Set([
  "date",
  "date-time",
  "time",
  "uuid",
  "ipv4",
  "ipv6",
  "int32",
  "int64",
  "unix-time",
]);

/** `^[A-Z]{3}$` bounds the length; `^.+$` or an unanchored pattern does not. */
function patternBoundsLength(pattern: unknown): boolean {
  return (
    typeof pattern === "string" &&
    pattern.startsWith("^") &&
    pattern.endsWith("$") &&
    !/(?<!\\)[*+]|\{\d*,\}/.test(pattern)
  );
}

export function stringIsBounded(schema: OpenApiNode): boolean {
  const v = schema.object ?? {};
  return (
    v.maxLength !== undefined ||
    v.enum !== undefined ||
    v.const !== undefined ||
    (typeof v.format === "string" && BOUNDED_FORMATS.has(v.format)) ||
    patternBoundsLength(v.pattern)
  );
}

export const requestStringUnbounded: OpenApiRule = {
  meta: {
    id: "request-string-unbounded",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "A string in a request body has no `maxLength` (nor enum, bounded format or anchored pattern).",
    rationale:
      "Every unbounded string is an invitation to send megabytes: memory and CPU in parsing and validation, oversized rows, log and index blow-ups. The contract is where gateways and validators learn the limit.",
    howToFix:
      "Add a `maxLength` that fits the field (e.g. 255 for names, 5000 for free text), or an `enum`/`format` that bounds it.",
    owasp: "API4:2023 Unrestricted Resource Consumption",
  },
  check(context, report) {
    for (const visit of requestBodySchemas(context)) {
      if (!schemaTypes(visit.schema).includes("string") || stringIsBounded(visit.schema)) continue;
      const what = visit.name === undefined ? "a request body string" : `request string "${visit.name}"`;
      report({
        message: `${what} has no maxLength`,
        location: context.locate(visit.schema),
        fix: "add `maxLength` (or an enum, bounded format or anchored pattern)",
      });
    }
  },
};
