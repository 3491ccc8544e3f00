import pluralize from "pluralize";
import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type {
  OpenApiOperation,
  OpenApiReviewContext,
} from "../../../import/openapi/openapi-review-context.js";
import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { pathSegments } from "../../openapi/path-segments.js";
import { schemaTypes } from "../../openapi/schema-walk.js";

/** Collections whose members are references to things that already exist: adding one twice adds nothing. */
const MEMBERSHIP_NOUNS = new Set([
  "members",
  "followers",
  "following",
  "followings",
  "likes",
  "favorites",
  "favourites",
  "stars",
  "subscribers",
  "assignees",
  "collaborators",
  "assistants",
  "labels",
]);
/** Plural words that name one object (`POST /account/settings` updates it), not a collection. */
const SINGLETON_PLURALS = new Set(["settings", "preferences", "options", "details", "credentials", "stats"]);
/** Properties that name an existing thing rather than describe a new one. */
const REFERENCE_PROPERTY = /^(?:id|ids|email|number|type|name|key|[a-z]+_id|[a-z]+Id)$/;

/**
 * `POST /groups/{id}/members {members: [{id, email}]}`, `POST /likes/playlists/{playlist_id}`: the
 * request adds existing things to a set, which a retry leaves unchanged, so there is no duplicate to prevent.
 */
function addsToSet(context: OpenApiReviewContext, operation: OpenApiOperation): boolean {
  const segments = pathSegments(operation.path);
  const last = segments.at(-1);
  if (last === undefined) return false;
  // The client names the target in the URL: a retry addresses the same member.
  if (last.isTemplate || last.literal === "me") return segments.length > 1;
  const words = nameWords(last.literal);
  if (MEMBERSHIP_NOUNS.has(words.at(-1) ?? "")) return true;
  const body = operation.node.get("requestBody");
  if (body === undefined) return false;
  const schemas = (context.deref(body).get("content")?.children() ?? [])
    .map((media) => media.get("schema"))
    .filter((s): s is OpenApiNode => s !== undefined)
    .map((s) => context.deref(s));
  return schemas.length > 0 && schemas.every((s) => isReferenceList(context, s));
}

/** An object whose only property is a list of references (`{phone_numbers: [{id, number}]}`). */
function isReferenceList(context: OpenApiReviewContext, schema: OpenApiNode): boolean {
  const properties = schema.get("properties")?.children() ?? [];
  if (properties.length !== 1 || properties[0] === undefined) return false;
  const list = context.deref(properties[0]);
  const items = list.get("items");
  if (!schemaTypes(list).includes("array") || items === undefined) return false;
  const item = context.deref(items);
  // `{label_ids: [...]}` lists references; `{expand: [...]}` only shapes the response of a real create.
  if (schemaTypes(item).some((t) => t === "string" || t === "integer"))
    return /(?:ids|Ids|emails|labels|members|users)$/.test(properties[0].key);
  const fields = item.get("properties")?.children() ?? [];
  return fields.length > 0 && fields.every((f) => REFERENCE_PROPERTY.test(f.key));
}

export const createWithoutIdempotencyKey: OpenApiRule = {
  meta: {
    id: "create-without-idempotency-key",
    area: "api-design",
    defaultSeverity: "warning",
    description:
      "A POST that creates a resource accepts no `Idempotency-Key` header (POSTs that add existing things to a set are left out).",
    rationale:
      "POST is not idempotent: when a timeout hides whether the create succeeded, a client that retries creates a duplicate order or payment. An idempotency key lets the server recognise the retry and return the first result.",
    howToFix:
      "Accept an `Idempotency-Key` request header on creating POSTs (see the IETF httpapi idempotency-key draft) and replay the stored response for a repeated key.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      if (operation.method !== "post") continue;
      const last = pathSegments(operation.path).at(-1);
      const codes =
        operation.node
          .get("responses")
          ?.children()
          .map((r) => r.key) ?? [];
      const lastWord = last === undefined || last.isTemplate ? undefined : nameWords(last.literal).at(-1);
      const createsInCollection =
        lastWord !== undefined &&
        /^[a-z]+$/.test(lastWord) &&
        pluralize.isPlural(lastWord) &&
        !SINGLETON_PLURALS.has(lastWord);
      if (!createsInCollection && !codes.includes("201")) continue;
      const hasKey = operation.parameters.some(
        (p) => p.string("in") === "header" && /^(x-)?idempotency-?key$/i.test(p.string("name") ?? ""),
      );
      if (hasKey || addsToSet(context, operation)) continue;
      report({
        message: `POST ${operation.path} creates a resource but accepts no Idempotency-Key header`,
        location: context.locate(operation.node),
        fix: "add an optional `Idempotency-Key` header parameter and replay the first response on retries",
      });
    }
  },
};
