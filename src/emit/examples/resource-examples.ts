/** The example bodies of a resource, shared by the OpenAPI documents and DESIGN.md so both show the same payloads. */
import type { ApiSchema, Resource } from "../../analyze/derive-resources.js";
import { exampleValue } from "../../analyze/example-values.js";
import { Field } from "../../model/index.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function responseExample(resource: Resource): JsonObject {
  return Object.fromEntries(resource.properties.map((p) => [p.name, p.example as Json]));
}

export function requestExample(resource: Resource, kind: "create" | "update"): JsonObject {
  if (kind === "create") {
    const body: JsonObject = {};
    for (const p of resource.properties)
      if (p.creatable && !p.readOnly && p.name !== "version") body[p.name] = p.example as Json;
    for (const f of resource.entity.fields.filter((x) => x.secret && Field.isScalar(x))) {
      body[f.name] = exampleValue(resource.schemaName, f.name, secretSchema(f)) as Json;
    }
    return body;
  }
  const body: JsonObject = {};
  const allowed = resource.operations.find((o) => o.kind === "update")?.updatable;
  const firstUpdatable = resource.properties.find(
    (p) => p.updatable && p.name !== "version" && (allowed === undefined || allowed.includes(p.name)),
  );
  if (firstUpdatable) body[firstUpdatable.name] = firstUpdatable.example as Json;
  if (resource.entity.versioned) body.version = 1;
  return body;
}

/** What a secret field accepts on write (it is never returned). */
export function secretSchema(field: Field): ApiSchema {
  const max = Field.isScalar(field) ? (field.max ?? 255) : 255;
  return { type: "string", minLength: 8, maxLength: Math.max(8, max) };
}
