import { isJsonObject, type OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

/** Every schema of a description, and the schemas that are members of an `allOf`. */
export interface EverySchema {
  /** Each schema once (`$ref`s followed), in the order met: components first, then operations. */
  readonly schemas: readonly OpenApiNode[];
  /** Values of schemas used as an `allOf` member somewhere: their properties may come from siblings. */
  readonly allOfMembers: ReadonlySet<unknown>;
}

const SUBSCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"] as const;
const SUBSCHEMA = ["items", "additionalProperties", "not", "contains", "if", "then", "else"] as const;
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions"] as const;
const cache = new WeakMap<OpenApiReviewContext, EverySchema>();

/**
 * Walks component schemas and every schema an operation's parameters, bodies, responses and headers
 * hold, down through properties, items and combinators; cached per description, as several rules
 * read it.
 */
export function everySchema(context: OpenApiReviewContext): EverySchema {
  const cached = cache.get(context);
  if (cached !== undefined) return cached;
  const seen = new Set<unknown>();
  const schemas: OpenApiNode[] = [];
  const allOfMembers = new Set<unknown>();
  const visit = (node: OpenApiNode): void => {
    const schema = context.deref(node);
    const value = schema.value;
    if (!isJsonObject(value) || seen.has(value)) return;
    seen.add(value);
    schemas.push(schema);
    for (const map of SUBSCHEMA_MAPS) for (const child of schema.get(map)?.children() ?? []) visit(child);
    for (const key of SUBSCHEMA) {
      const child = schema.get(key);
      if (child !== undefined) visit(child);
    }
    for (const list of SUBSCHEMA_LISTS) {
      for (const member of schema.get(list)?.children() ?? []) {
        if (list === "allOf") allOfMembers.add(context.deref(member).value);
        visit(member);
      }
    }
  };
  const fromContent = (holder: OpenApiNode): void => {
    const schema = holder.get("schema");
    if (schema !== undefined) visit(schema);
    for (const media of holder.get("content")?.children() ?? []) {
      const s = media.get("schema");
      if (s !== undefined) visit(s);
    }
  };
  const fromResponse = (response: OpenApiNode): void => {
    const r = context.deref(response);
    fromContent(r);
    for (const header of r.get("headers")?.children() ?? []) fromContent(context.deref(header));
  };
  const components = context.root.get("components");
  for (const schema of components?.get("schemas")?.children() ?? []) visit(schema);
  for (const parameter of components?.get("parameters")?.children() ?? [])
    fromContent(context.deref(parameter));
  for (const header of components?.get("headers")?.children() ?? []) fromContent(context.deref(header));
  for (const body of components?.get("requestBodies")?.children() ?? []) fromContent(context.deref(body));
  for (const response of components?.get("responses")?.children() ?? []) fromResponse(response);
  for (const operation of context.operations) {
    for (const parameter of operation.parameters) fromContent(parameter);
    const body = operation.node.get("requestBody");
    if (body !== undefined) fromContent(context.deref(body));
    for (const response of operation.node.get("responses")?.children() ?? []) fromResponse(response);
  }
  const result = { schemas, allOfMembers };
  cache.set(context, result);
  return result;
}
