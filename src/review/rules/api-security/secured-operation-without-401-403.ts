import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { statusClass } from "../../openapi/operation-responses.js";
import { securityStance } from "../../openapi/security.js";

export const securedOperationWithout401403: OpenApiRule = {
  meta: {
    id: "secured-operation-without-401-403",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "An operation that requires authentication documents some client errors but no 401 or no 403 response (no 4xx at all is operation-missing-4xx).",
    rationale:
      "401 (who are you?) and 403 (you may not) are the responses that prove authorization is enforced. If the contract omits them, clients cannot tell an expired token from a forbidden action, and tests derived from the contract never probe access control.",
    howToFix:
      "Document 401 (with `WWW-Authenticate`) and 403 on every secured operation, using the shared error schema.",
    owasp: "API5:2023 Broken Function Level Authorization",
  },
  check(context, report) {
    // Responses shared by several operations (a YAML anchor) are one place to fix: one finding.
    const reported = new Set<unknown>();
    for (const operation of context.operations) {
      if (securityStance(operation) !== "required") continue;
      const responses = operation.node.get("responses");
      const codes = new Set(responses?.children().map((r) => r.key.toUpperCase()) ?? []);
      if (codes.has("4XX")) continue;
      // No 4xx and no default at all is operation-missing-4xx's finding at the same place; one is enough.
      if (![...codes].some((c) => c === "DEFAULT" || statusClass(c) === 4)) continue;
      if (responses !== undefined) {
        if (reported.has(responses.value)) continue;
        reported.add(responses.value);
      }
      const missing = ["401", "403"].filter((c) => !codes.has(c));
      if (missing.length === 0) continue;
      report({
        message: `secured ${operation.method.toUpperCase()} ${operation.path} documents no ${missing.join(" or ")} response`,
        location: context.locate(responses ?? operation.node),
        fix: `add ${missing.join(" and ")} responses`,
      });
    }
  },
};
