import { isJsonObject } from "../../../import/openapi/openapi-node.js";
import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";

export const securityScopeRemoved: BreakingChangeRule = {
  meta: {
    id: "security-scope-removed",
    area: "breaking-change",
    defaultSeverity: "error",
    description: "An OAuth 2 scope that a flow of a security scheme offered in the old version is gone.",
    rationale:
      "Clients request the scopes they were built with: the authorization server now rejects the whole token request with `invalid_scope`, so the client cannot sign in at all.",
    howToFix:
      "Keep the old scope (granting what its replacement grants) until the clients have moved, then retire it in a new major version.",
  },
  check(context, report) {
    const oldSchemes = context.old.root.get("components")?.get("securitySchemes");
    const newSchemes = context.new.root.get("components")?.get("securitySchemes");
    for (const entry of oldSchemes?.children() ?? []) {
      const old = context.old.deref(entry);
      const counterpart = newSchemes?.get(entry.key);
      if (old.string("type") !== "oauth2" || counterpart === undefined) continue;
      const next = context.new.deref(counterpart);
      for (const flow of old.get("flows")?.children() ?? []) {
        const newScopes = next.get("flows")?.get(flow.key)?.get("scopes");
        if (newScopes === undefined || !isJsonObject(newScopes.value)) continue;
        for (const scope of flow.get("scopes")?.children() ?? []) {
          if (newScopes.get(scope.key) !== undefined) continue;
          report({
            message: `scope "${scope.key}" of security scheme "${entry.key}" (${flow.key} flow) was removed`,
            location: context.new.locate(newScopes),
            fix: `keep offering "${scope.key}" until clients have moved to its replacement`,
            related: [{ message: `"${scope.key}" in the old version`, location: context.old.locate(scope) }],
          });
        }
      }
    }
  },
};
