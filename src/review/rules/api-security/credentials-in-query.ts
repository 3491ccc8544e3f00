import { isCredentialParameter } from "../../openapi/credential-parameters.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { securitySchemes } from "../../openapi/security.js";

export const credentialsInQuery: OpenApiRule = {
  meta: {
    id: "credentials-in-query",
    area: "api-security",
    defaultSeverity: "error",
    description:
      "An API key scheme or a credential-named parameter (`api_key`, `token`, `password`) travels in the query string.",
    rationale:
      "Query strings end up in server and proxy access logs, browser history, Referer headers and analytics. A credential there is a credential published to everyone who can read a log.",
    howToFix:
      "Send credentials in a header (`Authorization` or an `in: header` API key) and never in the URL.",
    owasp: "API2:2023 Broken Authentication",
  },
  check(context, report) {
    for (const { name, node } of securitySchemes(context)) {
      if (node.string("type") !== "apiKey" || node.string("in") !== "query") continue;
      report({
        message: `security scheme "${name}" sends its API key in the query string`,
        location: context.locate(node.get("in") ?? node),
        fix: "change `in: query` to `in: header`",
      });
    }
    const seen = new Set<unknown>();
    for (const operation of context.operations) {
      for (const parameter of operation.parameters) {
        if (seen.has(parameter.value)) continue;
        seen.add(parameter.value);
        const name = parameter.string("name") ?? "";
        if (parameter.string("in") !== "query" || !isCredentialParameter(parameter)) continue;
        report({
          message: `query parameter "${name}" of ${operation.method.toUpperCase()} ${operation.path} carries a credential in the URL`,
          location: context.locate(parameter),
          fix: `move "${name}" to a header`,
        });
      }
    }
  },
};
