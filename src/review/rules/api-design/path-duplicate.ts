import type { OpenApiRule } from "../../openapi/openapi-rule.js";

/** `/users/{id}/` and `/users/{userId}` both become `/users/{}`. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}").replace(/(.)\/+$/, "$1");
}

export const pathDuplicate: OpenApiRule = {
  meta: {
    id: "path-duplicate",
    area: "api-design",
    defaultSeverity: "error",
    description:
      "Two paths match exactly the same URLs (they differ only in parameter names or a trailing slash).",
    rationale:
      "OpenAPI forbids templated paths that differ only in parameter names, and routers pick one of the two at random or by declaration order: half the operations are unreachable.",
    howToFix: "Merge the two path items into one and use the same parameter name.",
  },
  check(context, report) {
    const first = new Map<string, string>();
    for (const entry of context.root.get("paths")?.children() ?? []) {
      const shape = pathShape(entry.key);
      const earlier = first.get(shape);
      if (earlier === undefined) {
        first.set(shape, entry.key);
        continue;
      }
      report({
        message: `path "${entry.key}" matches the same URLs as "${earlier}"`,
        location: context.locate(entry),
        fix: `merge it into "${earlier}"`,
      });
    }
  },
};
