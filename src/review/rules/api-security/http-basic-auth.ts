import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { securitySchemes } from "../../openapi/security.js";

export const httpBasicAuth: OpenApiRule = {
  meta: {
    id: "http-basic-auth",
    area: "api-security",
    defaultSeverity: "warning",
    description: "A security scheme uses HTTP Basic authentication.",
    rationale:
      "Basic auth sends a long-lived secret, merely base64-encoded, on every request; it cannot be scoped, expires never, and leaks into logs and proxies. One leaked header is a full account takeover.",
    howToFix:
      "Use OAuth 2.0 / OpenID Connect bearer tokens or short-lived signed tokens; keep Basic only for a token exchange endpoint.",
    owasp: "API2:2023 Broken Authentication",
  },
  check(context, report) {
    for (const { name, node } of securitySchemes(context)) {
      if (node.string("type") !== "http" || (node.string("scheme") ?? "").toLowerCase() !== "basic") continue;
      report({
        message: `security scheme "${name}" uses HTTP Basic authentication`,
        location: context.locate(node),
        fix: "replace it with OAuth 2.0 / OpenID Connect bearer tokens",
      });
    }
  },
};
