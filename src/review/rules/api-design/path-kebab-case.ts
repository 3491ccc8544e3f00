import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { pathSegments } from "../../openapi/path-segments.js";

export const pathKebabCase: OpenApiRule = {
  meta: {
    id: "path-kebab-case",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A literal path segment is not kebab-case (has upper-case letters or underscores).",
    rationale:
      "URLs are case-sensitive and read by people; one convention (lower-case words joined by hyphens, RFC 3986-friendly and what most public APIs use) avoids `/userProfiles` vs `/user_profiles` vs `/user-profiles` drifting apart in one API.",
    howToFix:
      "Rename the segment to lower-case words joined by hyphens, e.g. `/user_profiles` -> `/user-profiles`.",
  },
  check(context, report) {
    for (const entry of context.root.get("paths")?.children() ?? []) {
      for (const segment of pathSegments(entry.key)) {
        // Custom-method suffixes (`{name}:batchGet`) follow their own convention.
        const literal = segment.literal.split(":")[0] ?? "";
        if (/[A-Z_]/.test(literal)) {
          const suggestion = literal
            .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
            .replace(/_/g, "-")
            .toLowerCase();
          report({
            message: `path segment "${segment.text}" in "${entry.key}" is not kebab-case`,
            location: context.locate(entry),
            fix: `rename "${literal}" to "${suggestion}"`,
          });
          break;
        }
      }
    }
  },
};
