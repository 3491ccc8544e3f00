import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { statusClass } from "../../openapi/operation-responses.js";

export const operationMissing4xx: OpenApiRule = {
  meta: {
    id: "operation-missing-4xx",
    area: "api-design",
    defaultSeverity: "warning",
    description: "An operation documents no client-error (4xx) response and no `default` response.",
    rationale:
      "Every operation can fail on bad input, missing auth or a missing resource. Without a documented 4xx, clients and generated SDKs have no type for the error they will certainly receive.",
    howToFix:
      "Document the 4xx responses the operation returns (at least 400 or 404/422 as fits) with the shared error schema.",
  },
  check(context, report) {
    // Responses shared by several operations (a YAML anchor) are one place to fix: one finding.
    const reported = new Set<unknown>();
    for (const operation of context.operations) {
      const responses = operation.node.get("responses");
      const codes = responses?.children().map((r) => r.key) ?? [];
      if (codes.some((c) => c === "default" || statusClass(c) === 4)) continue;
      if (responses !== undefined) {
        if (reported.has(responses.value)) continue;
        reported.add(responses.value);
      }
      report({
        message: `${operation.method.toUpperCase()} ${operation.path} documents no 4xx response`,
        location: context.locate(responses ?? operation.node),
        fix: "add the 4xx responses it can return (400, 404, 422...) with the shared error schema",
      });
    }
  },
};
