import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { statusClass } from "../../openapi/operation-responses.js";

export const operationWithoutSuccessResponse: OpenApiRule = {
  meta: {
    id: "operation-without-success-response",
    area: "api-design",
    defaultSeverity: "warning",
    description: "An operation documents no 2xx or 3xx response.",
    rationale:
      "Without a success response the contract does not say what a working call returns: generated clients type the result as unknown and consumers guess the status code.",
    howToFix: "Document the success response (200, 201, 202 or 204) with its schema.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      const responses = operation.node.get("responses");
      const codes = responses?.children().map((r) => r.key) ?? [];
      if (codes.some((c) => statusClass(c) === 2 || statusClass(c) === 3)) continue;
      report({
        message: `${operation.method.toUpperCase()} ${operation.path} documents no success response`,
        location: context.locate(responses ?? operation.node),
        fix: "add the 2xx response the operation returns",
      });
    }
  },
};
