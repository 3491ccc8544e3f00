import { isJsonObject, type OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiOperation } from "../../../import/openapi/openapi-review-context.js";
import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";

/** One alternative of a security requirement: scheme name → scopes, all of which a client needs. */
type Requirement = ReadonlyMap<string, ReadonlySet<string>>;

export const operationSecurityTightened: BreakingChangeRule = {
  meta: {
    id: "operation-security-tightened",
    area: "breaking-change",
    defaultSeverity: "error",
    description:
      "An operation that was public now requires authentication, or it no longer accepts credentials (a scheme or a set of scopes) it accepted before.",
    rationale:
      "Clients that called it anonymously, or with a token lacking the new scope, start getting 401 or 403 on calls that used to work.",
    howToFix:
      "Keep accepting the old credentials (for example an extra alternative in `security`) until clients have moved; tighten access in a new major version, or announce it as a security fix.",
  },
  check(context, report) {
    for (const pair of context.operations) {
      const before = requirements(pair.old);
      const after = requirements(pair.new);
      const lost = before.find((old) => !after.some((next) => satisfiedBy(old, next)));
      if (lost === undefined) continue;
      const message =
        lost.size === 0
          ? `${pair.label} now requires authentication; it was public`
          : (() => {
              const sameSchemes = after.find(
                (next) => next.size === lost.size && [...next.keys()].every((s) => lost.has(s)),
              );
              if (sameSchemes === undefined) return `${pair.label} no longer accepts ${describe(lost)}`;
              const extra = [...sameSchemes].flatMap(([scheme, scopes]) =>
                [...scopes].filter((s) => !lost.get(scheme)?.has(s)).map((s) => `"${s}" of ${scheme}`),
              );
              return `${pair.label} now requires scope${extra.length === 1 ? "" : "s"} ${extra.join(", ")}`;
            })();
      report({
        message,
        location: context.new.locate(pair.new.security ?? pair.new.node),
        fix: "keep accepting the old credentials as an alternative in `security`",
        related: [
          {
            message:
              pair.old.security === undefined
                ? `${pair.label} declared no security in the old version`
                : "the security requirements in the old version",
            location: context.old.locate(pair.old.security ?? pair.old.node),
          },
        ],
      });
    }
  },
};

/** The alternatives in force; no `security` anywhere means anyone may call it. */
function requirements(operation: OpenApiOperation): Requirement[] {
  const security = operation.security;
  if (security === undefined || !Array.isArray(security.value) || security.value.length === 0)
    return [new Map()];
  return security.children().map((alternative: OpenApiNode) => {
    const out = new Map<string, ReadonlySet<string>>();
    if (!isJsonObject(alternative.value)) return out;
    for (const [scheme, scopes] of Object.entries(alternative.value)) {
      out.set(
        scheme,
        new Set(Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : []),
      );
    }
    return out;
  });
}

/** A client holding `held` can call an operation that asks for `needed` when it has every scheme and scope asked. */
function satisfiedBy(held: Requirement, needed: Requirement): boolean {
  for (const [scheme, scopes] of needed) {
    const have = held.get(scheme);
    if (have === undefined) return false;
    for (const scope of scopes) if (!have.has(scope)) return false;
  }
  return true;
}

function describe(requirement: Requirement): string {
  return [...requirement]
    .map(([scheme, scopes]) => (scopes.size === 0 ? scheme : `${scheme} (${[...scopes].join(", ")})`))
    .join(" + ");
}
