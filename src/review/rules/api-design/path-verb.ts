import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { pathSegments } from "../../openapi/path-segments.js";

/**
 * Verbs that repeat what the HTTP method already says. Action sub-resources such as `/cancel` or
 * `/capture` are left alone: they are a recognised pattern (Google AIP custom methods, Stripe).
 */
const CRUD_VERBS = new Set([
  "get",
  "create",
  "update",
  "delete",
  "remove",
  "add",
  "fetch",
  "list",
  "retrieve",
  "modify",
  "edit",
  "insert",
  "save",
  "set",
]);

/** `remove-token`, `delete-request`: a verb qualifying a noun names a thing, not an action. */
const ARTIFACT_NOUNS = new Set(["token", "tokens", "request", "requests", "link", "links"]);

export const pathVerb: OpenApiRule = {
  meta: {
    id: "path-verb",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A path segment starts with a CRUD verb (`/getUsers`, `/users/create`).",
    rationale:
      "In REST the HTTP method is the verb and the path names a resource. `/users/create` duplicates `POST /users`, splits one resource over many URLs, and defeats caching and generic tooling.",
    howToFix:
      "Name the resource and let the method carry the action: `POST /users` instead of `POST /users/create`, `GET /users` instead of `GET /getUsers`.",
  },
  check(context, report) {
    for (const entry of context.root.get("paths")?.children() ?? []) {
      for (const segment of pathSegments(entry.key)) {
        if (segment.isTemplate) continue;
        const words = nameWords(segment.literal);
        const verb = words[0];
        if (words.length > 1 && ARTIFACT_NOUNS.has(words.at(-1) ?? "")) continue;
        if (verb !== undefined && CRUD_VERBS.has(verb)) {
          report({
            message: `path "${entry.key}" has the verb "${verb}" in segment "${segment.text}"`,
            location: context.locate(entry),
            fix: `name the resource instead (e.g. "${segment.text}" -> a plural noun) and let the HTTP method say "${verb}"`,
          });
          break;
        }
      }
    }
  },
};
