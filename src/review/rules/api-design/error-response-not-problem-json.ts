import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { statusClass } from "../../openapi/operation-responses.js";

export const errorResponseNotProblemJson: OpenApiRule = {
  meta: {
    id: "error-response-not-problem-json",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A 4xx/5xx response has a body but not as `application/problem+json` (RFC 9457).",
    rationale:
      "RFC 9457 problem details give every error the same machine-readable shape (`type`, `title`, `status`, `detail`, `instance`), so clients, gateways and logs handle errors from every service alike instead of parsing one ad-hoc format per endpoint.",
    howToFix:
      "Serve errors as `application/problem+json` with a schema that has `type`, `title`, `status`, `detail` and `instance`; extension members may add more.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      for (const entry of operation.node.get("responses")?.children() ?? []) {
        const cls = statusClass(entry.key);
        if (cls !== 4 && cls !== 5) continue;
        const response = context.deref(entry);
        const content = response.get("content");
        const types = content?.children().map((m) => m.key.toLowerCase()) ?? [];
        if (types.length === 0 || types.some((t) => t.startsWith("application/problem+"))) continue;
        report({
          message: `error response ${entry.key} of ${operation.method.toUpperCase()} ${operation.path} is ${types.join(", ")}, not application/problem+json`,
          location: context.locate(content ?? response),
          fix: "declare the error body as `application/problem+json` with the RFC 9457 fields",
        });
      }
    }
  },
};
