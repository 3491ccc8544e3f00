import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

/**
 * How an operation is protected: `undeclared` when neither it nor the document says anything,
 * `public` for an explicit `security: []`, `optional` when one alternative is `{}` (anonymous
 * allowed), `required` otherwise.
 */
export type SecurityStance = "undeclared" | "public" | "optional" | "required";

export function securityStance(operation: OpenApiOperation): SecurityStance {
  const security = operation.security;
  if (security === undefined || !Array.isArray(security.value)) return "undeclared";
  if (security.value.length === 0) return "public";
  const anonymous = security.value.some(
    (r) => typeof r === "object" && r !== null && !Array.isArray(r) && Object.keys(r).length === 0,
  );
  return anonymous ? "optional" : "required";
}

/** `components.securitySchemes`, each `$ref` followed, by name. */
export function securitySchemes(context: OpenApiReviewContext): { name: string; node: OpenApiNode }[] {
  const schemes = context.root.get("components")?.get("securitySchemes")?.children() ?? [];
  return schemes.map((entry) => ({ name: entry.key, node: context.deref(entry) }));
}
