import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { jsonSchemaOf, operationResponses, responseHeaderNames } from "../../openapi/operation-responses.js";
import { normalizeParameterName, PAGINATION_PARAMETERS } from "../../openapi/pagination-parameters.js";
import { pathSegments } from "../../openapi/path-segments.js";
import { schemaTypes } from "../../openapi/schema-walk.js";

const ENVELOPE_PROPERTIES = new Set([
  "data",
  "items",
  "results",
  "records",
  "values",
  "entries",
  "list",
  "elements",
]);

/**
 * Nouns of lists whose length the service fixes, not the data: vocabularies (report types, countries,
 * currencies), per-object fixed sets (an account's capabilities) and statistics (a punch card has 168 cells).
 */
const FIXED_LIST_NOUNS = new Set([
  "types",
  "kinds",
  "categories",
  "countries",
  "languages",
  "locales",
  "currencies",
  "timezones",
  "capabilities",
  "features",
  "scopes",
  "permissions",
  "regions",
  "statuses",
  "formats",
  "stats",
  "statistics",
  "card",
  "activity",
  "participation",
  "frequency",
  "templates",
  "licenses",
  "emojis",
  "versions",
  "conduct",
  "downloads",
  "defaults",
  "schema",
]);
/** Path words of reports the service computes and caps itself (`stats/contributors`, `traffic/popular/paths`). */
const REPORT_SEGMENTS = new Set(["stats", "statistics", "traffic", "popular", "insights"]);

/** A list the service bounds by itself: named like a vocabulary and not grown by clients (no POST beside it). */
function isFixedList(context: OpenApiReviewContext, path: string): boolean {
  const segments = pathSegments(path);
  const last = segments.at(-1);
  if (last === undefined || last.isTemplate) return false;
  const report = segments.some(
    (s) => !s.isTemplate && nameWords(s.literal).some((w) => REPORT_SEGMENTS.has(w)),
  );
  if (!report && !FIXED_LIST_NOUNS.has(nameWords(last.literal).at(-1) ?? "")) return false;
  return !context.operations.some((o) => o.path === path && o.method === "post");
}

/**
 * A response that is a JSON array, or an envelope object whose array property carries the items,
 * and whose size the schema does not cap with `maxItems`.
 */
export function isUnboundedList(context: OpenApiReviewContext, schema: OpenApiNode): boolean {
  const unboundedArray = (s: OpenApiNode) =>
    schemaTypes(s).includes("array") && s.object?.maxItems === undefined;
  if (schemaTypes(schema).includes("array")) return unboundedArray(schema);
  const properties = schema.get("properties");
  if (properties === undefined) return false;
  return properties
    .children()
    .some((p) => ENVELOPE_PROPERTIES.has(p.key) && unboundedArray(context.deref(p)));
}

export const listWithoutPagination: OpenApiRule = {
  meta: {
    id: "list-without-pagination",
    area: "api-design",
    defaultSeverity: "warning",
    description:
      "A GET operation returns a list with no `maxItems` cap but takes no pagination parameter (fixed lists such as `report_types` or `stats/punch_card` are left out).",
    rationale:
      "An unpaginated list grows with the data: one day the response is megabytes, the query scans the whole table and the endpoint times out. Adding pagination later is a breaking change for every client.",
    howToFix:
      "Add cursor pagination: a bounded `limit` query parameter and a `cursor` (or `starting_after`) parameter, and return the next cursor in the response.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      if (operation.method !== "get") continue;
      const success = operationResponses(context, operation).find((r) => /^2\d\d$/.test(r.code));
      if (success === undefined) continue;
      const schema = jsonSchemaOf(context, success.response);
      if (schema === undefined || !isUnboundedList(context, schema)) continue;
      const paginated = operation.parameters.some(
        (p) =>
          p.string("in") === "query" &&
          PAGINATION_PARAMETERS.has(normalizeParameterName(p.string("name") ?? "")),
      );
      if (paginated || responseHeaderNames(success.response).includes("link")) continue;
      if (isFixedList(context, operation.path)) continue;
      report({
        message: `GET ${operation.path} returns a list without pagination parameters`,
        location: context.locate(operation.node),
        fix: "add `limit` (with a maximum) and `cursor` query parameters",
      });
    }
  },
};
