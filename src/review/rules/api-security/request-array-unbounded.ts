import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { requestBodySchemas, schemaTypes } from "../../openapi/schema-walk.js";

export const requestArrayUnbounded: OpenApiRule = {
  meta: {
    id: "request-array-unbounded",
    area: "api-security",
    defaultSeverity: "warning",
    description: "An array in a request body has no `maxItems`.",
    rationale:
      "A request array without a cap turns one call into an unbounded batch: N inserts, N downstream calls, N rows locked. It is the cheapest way to exhaust a server that rate-limits by request count.",
    howToFix:
      "Add `maxItems` (e.g. 100) and document how to send larger batches (several requests or an async job).",
    owasp: "API4:2023 Unrestricted Resource Consumption",
  },
  check(context, report) {
    for (const visit of requestBodySchemas(context)) {
      if (!schemaTypes(visit.schema).includes("array")) continue;
      const v = visit.schema.object ?? {};
      if (v.maxItems !== undefined || v.enum !== undefined || v.const !== undefined) continue;
      const what = visit.name === undefined ? "a request body array" : `request array "${visit.name}"`;
      report({
        message: `${what} has no maxItems`,
        location: context.locate(visit.schema),
        fix: "add `maxItems`",
      });
    }
  },
};
