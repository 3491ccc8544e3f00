import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";

/**
 * An optional body whose every schema is an object with no properties: generators (Stripe's among
 * them) emit these for every operation, and no client sends anything in them.
 */
function declaresNothing(context: OpenApiReviewContext, body: OpenApiNode): boolean {
  if (body.object?.required === true) return false;
  const media = body.get("content")?.children() ?? [];
  return media.every((m) => {
    const schemaEntry = m.get("schema");
    if (schemaEntry === undefined) return true;
    const schema = context.deref(schemaEntry).object ?? {};
    const properties = schema.properties;
    return (
      schema.type === "object" &&
      typeof properties === "object" &&
      properties !== null &&
      Object.keys(properties).length === 0
    );
  });
}

export const requestBodyOnGetOrDelete: OpenApiRule = {
  meta: {
    id: "request-body-on-get-or-delete",
    area: "api-design",
    defaultSeverity: "error",
    description: "A GET, HEAD or DELETE operation declares a request body.",
    rationale:
      "RFC 9110 gives a body on GET, HEAD and DELETE no meaning; proxies, CDNs and HTTP clients (browsers' fetch among them) drop or reject it, so the API works in tests and fails behind infrastructure.",
    howToFix:
      "Move the inputs to query parameters, or model the action as a POST to a resource (e.g. `POST /searches`).",
  },
  check(context, report) {
    for (const operation of context.operations) {
      if (operation.method !== "get" && operation.method !== "head" && operation.method !== "delete")
        continue;
      const body = operation.node.get("requestBody");
      if (body === undefined || declaresNothing(context, context.deref(body))) continue;
      report({
        message: `${operation.method.toUpperCase()} ${operation.path} declares a request body`,
        location: context.locate(body),
        fix: "move the inputs to query parameters or use POST",
      });
    }
  },
};
