import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { jsonSchemaOf, operationResponses, responseHeaderNames } from "../../openapi/operation-responses.js";
import { normalizeParameterName, PAGINATION_PARAMETERS } from "../../openapi/pagination-parameters.js";
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
    description: "A GET operation returns a list with no `maxItems` cap but takes no pagination parameter.",
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
      report({
        message: `GET ${operation.path} returns a list without pagination parameters`,
        location: context.locate(operation.node),
        fix: "add `limit` (with a maximum) and `cursor` query parameters",
      });
    }
  },
};
