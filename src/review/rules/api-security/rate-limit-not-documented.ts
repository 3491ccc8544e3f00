import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { responseHeaderNames } from "../../openapi/operation-responses.js";

const RETRY_HEADERS = new Set(["retry-after", "ratelimit-reset", "x-ratelimit-reset", "ratelimit"]);

export const rateLimitNotDocumented: OpenApiRule = {
  meta: {
    id: "rate-limit-not-documented",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "No operation documents `429 Too Many Requests`, or a 429 response has no `Retry-After` header.",
    rationale:
      "Rate limits protect the service only if clients back off. A documented 429 with `Retry-After` tells SDKs when to retry; without it they retry immediately and turn a limit into a retry storm.",
    howToFix:
      "Return 429 with a `Retry-After` header (and RateLimit headers) from rate-limited operations, and document it in a shared response.",
    owasp: "API4:2023 Unrestricted Resource Consumption",
  },
  check(context, report) {
    const paths = context.root.get("paths");
    if (paths === undefined || context.operations.length === 0) return;
    let any429 = false;
    const seen = new Set<unknown>();
    for (const operation of context.operations) {
      const entry = operation.node.get("responses")?.get("429");
      if (entry === undefined) continue;
      any429 = true;
      const response = context.deref(entry);
      if (seen.has(response.value)) continue;
      seen.add(response.value);
      if (responseHeaderNames(response).some((h) => RETRY_HEADERS.has(h))) continue;
      report({
        message: `429 response of ${operation.method.toUpperCase()} ${operation.path} has no Retry-After header`,
        location: context.locate(response),
        fix: "declare a `Retry-After` header on the 429 response",
      });
    }
    if (!any429) {
      report({
        message: "no operation documents a 429 Too Many Requests response",
        location: context.locate(paths),
        fix: "add a shared 429 response with a `Retry-After` header to rate-limited operations",
      });
    }
  },
};
