import type { OpenApiRule } from "../../openapi/openapi-rule.js";

export const pathTrailingSlash: OpenApiRule = {
  meta: {
    id: "path-trailing-slash",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A path ends with `/`.",
    rationale:
      "`/users/` and `/users` are different URLs: servers, proxies and clients disagree on whether to redirect, so one of them 404s or loses its method on a redirect.",
    howToFix: "Remove the trailing slash from the path.",
  },
  check(context, report) {
    for (const entry of context.root.get("paths")?.children() ?? []) {
      if (entry.key.length > 1 && entry.key.endsWith("/")) {
        report({
          message: `path "${entry.key}" ends with a slash`,
          location: context.locate(entry),
          fix: `write it as "${entry.key.replace(/\/+$/, "")}"`,
        });
      }
    }
  },
};
