/**
 * OpenAPI 3.1 operation -> the JSON Schemas Fastify validates a route with. OpenAPI 3.1 schemas
 * are JSON Schema; what is left to do is inline the document's `$ref`s (each route's schema stands
 * alone) and drop the OpenAPI-only keywords (`example`, `x-*`) that a strict validator rejects.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface RouteSchema {
  params?: JsonObject;
  querystring?: JsonObject;
  body?: JsonObject;
  response: Record<string, JsonObject>;
}

const DROPPED = new Set(["example", "examples", "xml", "externalDocs", "discriminator"]);

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolvePointer(document: JsonObject, ref: string): JsonValue | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: JsonValue | undefined = document;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/** Inlines `$ref`s; a reference cycle is an error (the design's schemas have none). */
export function inline(document: JsonObject, value: JsonValue, seen: readonly string[] = []): JsonValue {
  if (Array.isArray(value)) return value.map((v) => inline(document, v, seen));
  if (!isObject(value)) return value;
  const ref = value.$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`schema reference cycle through ${ref}`);
    const target = resolvePointer(document, ref);
    if (target === undefined) throw new Error(`unresolved reference ${ref}`);
    return inline(document, target, [...seen, ref]);
  }
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    out[key] = inline(document, v, seen);
  }
  return out;
}

function schemaOfContent(content: JsonValue | undefined): JsonObject | undefined {
  if (!isObject(content)) return undefined;
  for (const media of ["application/json", "application/problem+json"]) {
    const entry = content[media];
    if (isObject(entry) && isObject(entry.schema)) return entry.schema;
  }
  return undefined;
}

export function routeSchema(document: JsonObject, operation: JsonObject): RouteSchema {
  const params: JsonObject = {};
  const query: JsonObject = {};
  const requiredParams: string[] = [];
  const requiredQuery: string[] = [];
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  for (const raw of parameters) {
    const parameter = inline(document, raw);
    if (!isObject(parameter) || typeof parameter.name !== "string") continue;
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    if (parameter.in === "path") {
      params[parameter.name] = schema;
      requiredParams.push(parameter.name);
    } else if (parameter.in === "query") {
      query[parameter.name] = schema;
      if (parameter.required === true) requiredQuery.push(parameter.name);
    }
  }
  const route: RouteSchema = { response: {} };
  if (Object.keys(params).length > 0)
    route.params = { type: "object", properties: params, required: requiredParams };
  if (Object.keys(query).length > 0)
    route.querystring = {
      type: "object",
      properties: query,
      ...(requiredQuery.length > 0 ? { required: requiredQuery } : {}),
    };
  const requestBody = isObject(operation.requestBody) ? inline(document, operation.requestBody) : undefined;
  const body = isObject(requestBody) ? schemaOfContent(requestBody.content) : undefined;
  if (body) route.body = body;
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [status, raw] of Object.entries(responses)) {
    const response = inline(document, raw);
    const schema = isObject(response) ? schemaOfContent(response.content) : undefined;
    if (schema) route.response[status] = schema;
  }
  return route;
}
