import { isJsonObject, type OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

/** One schema met on a walk, `$ref` followed, so a finding points at the definition to fix. */
export interface SchemaVisit {
  readonly schema: OpenApiNode;
  /** The property or parameter name the schema was reached through, if any. */
  readonly name: string | undefined;
  /** Names of the properties above this one, outermost first (`after_completion`, `redirect`). */
  readonly parents: readonly string[];
  /**
   * The schema's `description`, or that of the schema it was reached through by `items` or a
   * combinator (`url: {description: ..., items: {type: string}}`): prose that says what the value is for.
   */
  readonly description: string | undefined;
}

const SUBSCHEMA_LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"] as const;

/**
 * Visits `roots` and every schema below them once, following `$ref`s and stopping at cycles.
 * `skip` drops properties that do not travel in the walked direction (readOnly ones in requests,
 * writeOnly ones in responses).
 */
export function walkSchemas(
  context: OpenApiReviewContext,
  roots: readonly { readonly schema: OpenApiNode; readonly name: string | undefined }[],
  skip: "readOnly" | "writeOnly",
): SchemaVisit[] {
  const seen = new Set<unknown>();
  const out: SchemaVisit[] = [];
  const visit = (
    node: OpenApiNode,
    name: string | undefined,
    parents: readonly string[],
    outer: string | undefined,
  ): void => {
    const schema = context.deref(node);
    const value = schema.value;
    if (!isJsonObject(value) || seen.has(value)) return;
    if (value[skip] === true) return;
    seen.add(value);
    const description = typeof value.description === "string" ? value.description : outer;
    out.push({ schema, name, parents, description });
    const inner = name === undefined ? parents : [...parents, name];
    for (const property of schema.get("properties")?.children() ?? [])
      visit(property, property.key, inner, undefined);
    const items = schema.get("items");
    if (items !== undefined) visit(items, name, parents, description);
    const additional = schema.get("additionalProperties");
    if (additional !== undefined) visit(additional, name, parents, undefined);
    for (const list of SUBSCHEMA_LISTS) {
      for (const sub of schema.get(list)?.children() ?? []) visit(sub, name, parents, description);
    }
  };
  for (const root of roots) visit(root.schema, root.name, [], undefined);
  return out;
}

const parameterCache = new WeakMap<OpenApiReviewContext, SchemaVisit[]>();
const bodyCache = new WeakMap<OpenApiReviewContext, SchemaVisit[]>();
const responseCache = new WeakMap<OpenApiReviewContext, SchemaVisit[]>();

/** Every schema a client sends in a parameter (path, query, header, cookie). */
export function requestParameterSchemas(context: OpenApiReviewContext): SchemaVisit[] {
  let cached = parameterCache.get(context);
  if (cached === undefined) {
    const roots: { schema: OpenApiNode; name: string | undefined }[] = [];
    for (const operation of context.operations) {
      for (const parameter of operation.parameters) {
        const schema = parameter.get("schema");
        if (schema !== undefined) roots.push({ schema, name: parameter.string("name") });
        for (const media of parameter.get("content")?.children() ?? []) {
          const s = media.get("schema");
          if (s !== undefined) roots.push({ schema: s, name: parameter.string("name") });
        }
      }
    }
    cached = walkSchemas(context, roots, "readOnly");
    parameterCache.set(context, cached);
  }
  return cached;
}

/** Every schema a client sends in a request body. */
export function requestBodySchemas(context: OpenApiReviewContext): SchemaVisit[] {
  let cached = bodyCache.get(context);
  if (cached === undefined) {
    const roots: { schema: OpenApiNode; name: string | undefined }[] = [];
    for (const operation of context.operations) {
      const body = operation.node.get("requestBody");
      if (body === undefined) continue;
      for (const media of context.deref(body).get("content")?.children() ?? []) {
        const s = media.get("schema");
        if (s !== undefined) roots.push({ schema: s, name: undefined });
      }
    }
    cached = walkSchemas(context, roots, "readOnly");
    bodyCache.set(context, cached);
  }
  return cached;
}

/** Every schema a client sends, parameters first, each schema once. */
export function requestSchemas(context: OpenApiReviewContext): SchemaVisit[] {
  const seen = new Set<unknown>();
  return [...requestParameterSchemas(context), ...requestBodySchemas(context)].filter((v) => {
    if (seen.has(v.schema.value)) return false;
    seen.add(v.schema.value);
    return true;
  });
}

/** Every schema a server sends back in a response body. */
export function responseSchemas(context: OpenApiReviewContext): SchemaVisit[] {
  let cached = responseCache.get(context);
  if (cached === undefined) {
    const roots: { schema: OpenApiNode; name: string | undefined }[] = [];
    for (const operation of context.operations) {
      for (const entry of operation.node.get("responses")?.children() ?? []) {
        for (const media of context.deref(entry).get("content")?.children() ?? []) {
          const s = media.get("schema");
          if (s !== undefined) roots.push({ schema: s, name: undefined });
        }
      }
    }
    cached = walkSchemas(context, roots, "writeOnly");
    responseCache.set(context, cached);
  }
  return cached;
}

/** The `type` of a schema as a list (3.1 allows an array of types). */
export function schemaTypes(schema: OpenApiNode): string[] {
  const type = schema.object?.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  return [];
}
