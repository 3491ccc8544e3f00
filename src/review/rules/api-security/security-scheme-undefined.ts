import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { securitySchemes } from "../../openapi/security.js";

export const securitySchemeUndefined: OpenApiRule = {
  meta: {
    id: "security-scheme-undefined",
    area: "api-security",
    defaultSeverity: "error",
    description: "A security requirement names a scheme that components/securitySchemes does not define.",
    rationale:
      "A requirement on an undefined scheme is invalid OpenAPI; gateways and generators skip it, so the operation is deployed with no authentication while the description looks protected.",
    howToFix: "Define the scheme under components/securitySchemes, or fix the name in the requirement.",
    owasp: "API8:2023 Security Misconfiguration",
  },
  check(context, report) {
    const defined = new Set(securitySchemes(context).map((s) => s.name));
    const lists: OpenApiNode[] = [];
    const rootSecurity = context.root.get("security");
    if (rootSecurity !== undefined) lists.push(rootSecurity);
    for (const operation of context.operations) {
      const own = operation.node.get("security");
      if (own !== undefined) lists.push(own);
    }
    const seen = new Set<unknown>();
    for (const list of lists) {
      if (seen.has(list.value)) continue;
      seen.add(list.value);
      for (const requirement of list.children()) {
        for (const scheme of requirement.children()) {
          if (defined.has(scheme.key)) continue;
          report({
            message: `security requirement names undefined scheme "${scheme.key}"`,
            location: context.locate(scheme),
            fix: `define "${scheme.key}" under components/securitySchemes or correct the name`,
          });
        }
      }
    }
  },
};
