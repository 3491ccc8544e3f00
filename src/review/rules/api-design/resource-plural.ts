import pluralize from "pluralize";
import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { isVersionSegment, pathSegments } from "../../openapi/path-segments.js";

/** Parameter names that identify a member of whatever collection precedes them. */
const GENERIC_ID_NAMES = new Set(["id", "key", "name", "uuid", "slug", "code", "identifier"]);

/**
 * Nouns with no plural in API use (mass nouns pluralize does not know) and nouns that already name a
 * group (`blocked_list`, `audit_log`): `/feedback/{id}` and `/blocked_list/{id}` are collections as they are.
 */
const NO_PLURAL_NEEDED = new Set([
  "feedback",
  "history",
  "inventory",
  "billing",
  "storage",
  "evidence",
  "advice",
  "knowledge",
  "usage",
  "telemetry",
  "support",
  "trash",
  "spam",
  "list",
  "set",
  "collection",
  "queue",
  "catalog",
  "log",
]);

/** Words that qualify an action or a state and name no collection (`merge-async/{uuid}`). */
const NOT_NOUNS = new Set([
  "async",
  "sync",
  "latest",
  "current",
  "default",
  "bulk",
  "batch",
  "public",
  "private",
]);

/** The word that carries number: `codes_of_conduct` -> `codes`, `user-profile` -> `profile`. */
function headWord(words: readonly string[]): string | undefined {
  const of = words.indexOf("of");
  return of > 0 ? words[of - 1] : words.at(-1);
}

/**
 * `/user/{user_id}` or `/user/{id}` names a collection; `/tarball/{ref}` or `/history/{version_id}`
 * is a qualifier or a singleton followed by some other key, and is left alone.
 */
function addressesMember(head: string, parameter: string): boolean {
  const words = nameWords(parameter);
  if (words.length === 1 && GENERIC_ID_NAMES.has(words[0] ?? "")) return true;
  return words.includes(head) || words.includes(pluralize.singular(head));
}

function isPluralWord(segment: string): boolean {
  const head = headWord(nameWords(segment));
  return (
    head !== undefined && /^[a-z]+$/.test(head) && pluralize.isPlural(head) && !pluralize.isSingular(head)
  );
}

export const resourcePlural: OpenApiRule = {
  meta: {
    id: "resource-plural",
    area: "api-design",
    defaultSeverity: "warning",
    description:
      "A collection segment followed by its member's id (`/user/{user_id}`, `/order/{id}`) is not a plural noun (mass nouns such as `feedback` and `history` are left out).",
    rationale:
      "A segment followed by an identifier names a collection. Plural collections (`/users/{id}`) let `/users` list and `/users/{id}` address one member under the same name; mixing `/user/{id}` and `/users` doubles the surface clients learn.",
    howToFix: "Use the plural noun for the collection: `/user/{id}` -> `/users/{id}`.",
  },
  check(context, report) {
    const reported = new Set<string>();
    for (const entry of context.root.get("paths")?.children() ?? []) {
      const segments = pathSegments(entry.key);
      for (let i = 0; i + 1 < segments.length; i++) {
        const segment = segments[i];
        const next = segments[i + 1];
        if (segment === undefined || next === undefined) continue;
        if (segment.isTemplate || next.literal !== "" || segment.text.includes(".")) continue;
        if (isVersionSegment(segment.text)) continue;
        const head = headWord(nameWords(segment.text));
        if (head === undefined || !/^[a-z]+$/.test(head) || pluralize.isPlural(head)) continue;
        if (NO_PLURAL_NEEDED.has(head) || NOT_NOUNS.has(head)) continue;
        // `/attestations/digest/{subject_digest}`: a singular after a collection names the key the
        // collection is looked up by, not another collection.
        const previous = segments[i - 1];
        if (previous !== undefined && !previous.isTemplate && isPluralWord(previous.literal)) continue;
        if (!addressesMember(head, next.text.slice(1, -1))) continue;
        const prefix = segments
          .slice(0, i + 2)
          .map((s) => (s.isTemplate ? "{}" : s.text))
          .join("/");
        if (reported.has(prefix)) continue;
        reported.add(prefix);
        report({
          message: `collection "${segment.text}" in "${entry.key}" is singular`,
          location: context.locate(entry),
          fix: `rename "${segment.text}" to "${segment.text.replace(new RegExp(`${head}(?!.*${head})`), pluralize.plural(head))}"`,
        });
      }
    }
  },
};
