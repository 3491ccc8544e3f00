import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

export interface OperationResponse {
  /** As written: `200`, `4XX`, `default`. */
  readonly code: string;
  /** The member under `responses` (where a finding about this code points). */
  readonly entry: OpenApiNode;
  /** The response object, `$ref` followed. */
  readonly response: OpenApiNode;
}

export function operationResponses(
  context: OpenApiReviewContext,
  operation: OpenApiOperation,
): OperationResponse[] {
  const responses = operation.node.get("responses");
  if (responses === undefined) return [];
  return responses.children().map((entry) => ({ code: entry.key, entry, response: context.deref(entry) }));
}

/** `2XX`-style ranges count as their class. */
export function statusClass(code: string): number | undefined {
  const first = code[0];
  return first !== undefined && /^[1-5]/.test(first) ? Number(first) : undefined;
}

/** The schema of the JSON (or `+json`) media type of a response or request body, `$ref` followed. */
export function jsonSchemaOf(context: OpenApiReviewContext, body: OpenApiNode): OpenApiNode | undefined {
  const content = body.get("content");
  if (content === undefined) return undefined;
  const media = content.children().find((m) => /json/i.test(m.key)) ?? undefined;
  const schema = media?.get("schema");
  return schema === undefined ? undefined : context.deref(schema);
}

/** The header names a response declares, lower-cased. */
export function responseHeaderNames(response: OpenApiNode): string[] {
  return (response.get("headers")?.children() ?? []).map((h) => h.key.toLowerCase());
}
