import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { normalizeParameterName, PAGE_SIZE_PARAMETERS } from "../../openapi/pagination-parameters.js";
import { requestSchemas, schemaTypes } from "../../openapi/schema-walk.js";

export const requestIntegerUnbounded: OpenApiRule = {
  meta: {
    id: "request-integer-unbounded",
    area: "api-security",
    defaultSeverity: "warning",
    description: "An integer or number sent by the client (parameter or body) has no `maximum`.",
    rationale:
      "Numbers drive work: `page=10000000` makes the database skip ten million rows, `quantity=1e9` allocates, `retries=99999` loops. An undeclared maximum is also where integer overflows between services begin.",
    howToFix:
      "Add `minimum` and `maximum` (or an `enum`) to the schema; page-size parameters are covered by pagination-limit-unbounded.",
    owasp: "API4:2023 Unrestricted Resource Consumption",
  },
  check(context, report) {
    for (const visit of requestSchemas(context)) {
      const types = schemaTypes(visit.schema);
      if (!types.includes("integer") && !types.includes("number")) continue;
      if (visit.name !== undefined && PAGE_SIZE_PARAMETERS.has(normalizeParameterName(visit.name))) continue;
      const v = visit.schema.object ?? {};
      if (
        v.maximum !== undefined ||
        v.exclusiveMaximum !== undefined ||
        v.enum !== undefined ||
        v.const !== undefined
      ) {
        continue;
      }
      const what = visit.name === undefined ? "a request number" : `request number "${visit.name}"`;
      report({
        message: `${what} has no maximum`,
        location: context.locate(visit.schema),
        fix: "add `maximum` (and `minimum`)",
      });
    }
  },
};
