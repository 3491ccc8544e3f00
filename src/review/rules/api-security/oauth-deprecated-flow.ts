import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { securitySchemes } from "../../openapi/security.js";

export const oauthDeprecatedFlow: OpenApiRule = {
  meta: {
    id: "oauth-deprecated-flow",
    area: "api-security",
    defaultSeverity: "error",
    description: "An OAuth 2.0 scheme offers the implicit or resource-owner password flow.",
    rationale:
      "The OAuth 2.0 Security Best Current Practice (RFC 9700) forbids both: the implicit flow leaks tokens through URLs and history, the password flow hands the user's password to the client and cannot do MFA.",
    howToFix:
      "Use the authorization code flow with PKCE for user-facing clients and client credentials for machines.",
    owasp: "API2:2023 Broken Authentication",
  },
  check(context, report) {
    for (const { name, node } of securitySchemes(context)) {
      if (node.string("type") !== "oauth2") continue;
      for (const flow of ["implicit", "password"]) {
        const flowNode = node.get("flows")?.get(flow);
        if (flowNode === undefined) continue;
        report({
          message: `OAuth scheme "${name}" offers the deprecated ${flow} flow`,
          location: context.locate(flowNode),
          fix: "replace it with authorizationCode (with PKCE) or clientCredentials",
        });
      }
    }
  },
};
