import { authenticatesByParameter } from "../../openapi/credential-parameters.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { securitySchemes, securityStance } from "../../openapi/security.js";

export const operationWithoutSecurity: OpenApiRule = {
  meta: {
    id: "operation-without-security",
    area: "api-security",
    defaultSeverity: "error",
    description:
      "An operation has no security requirement, is not explicitly marked public (`security: []`) and takes no credential parameter (`api_key`).",
    rationale:
      "An operation that says nothing about authentication is either public by accident or protected only by code nobody can review from the contract. Gateways, SDKs and scanners take the description at its word.",
    howToFix:
      "Declare a security scheme under components/securitySchemes and a top-level `security` requirement; mark deliberately public operations with `security: []`.",
    owasp: "API2:2023 Broken Authentication",
  },
  check(context, report) {
    // An operation that takes `api_key` and `api_secret` is authenticated; sending them in the query is
    // credentials-in-query's finding, not a missing requirement.
    const undeclared = context.operations.filter(
      (o) => securityStance(o) === "undeclared" && !authenticatesByParameter(o),
    );
    if (undeclared.length === 0) return;
    if (securitySchemes(context).length === 0 && undeclared.length === context.operations.length) {
      report({
        message: `the API declares no security schemes: all ${undeclared.length} operations are unauthenticated`,
        location: context.locate(context.root.get("paths") ?? context.root),
        fix: "declare the authentication scheme in components/securitySchemes and require it at the top level",
      });
      return;
    }
    for (const operation of undeclared) {
      report({
        message: `${operation.method.toUpperCase()} ${operation.path} has no security requirement`,
        location: context.locate(operation.node),
        fix: "add a `security` requirement, or `security: []` if the operation is public on purpose",
      });
    }
  },
};
