import { isJsonObject, type OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

/** An object schema's properties and required names, its `allOf` members merged in. */
export interface FlatSchema {
  /** Property schemas by name (not dereferenced), the first definition winning. */
  readonly properties: ReadonlyMap<string, OpenApiNode>;
  /** The `required` array item naming each required property. */
  readonly required: ReadonlyMap<string, OpenApiNode>;
  /** The schema's own `properties` member, else its first `allOf` member's: where a property is listed. */
  readonly propertiesNode: OpenApiNode | undefined;
}

/**
 * Merges `allOf` because producers split one object across members (a base schema plus extras) and
 * moving a property between members changes nothing a client sees. `oneOf`/`anyOf` are alternatives
 * and stay apart.
 */
export function flattenSchema(context: OpenApiReviewContext, schema: OpenApiNode): FlatSchema {
  const properties = new Map<string, OpenApiNode>();
  const required = new Map<string, OpenApiNode>();
  let propertiesNode: OpenApiNode | undefined;
  const seen = new Set<unknown>();
  const visit = (node: OpenApiNode): void => {
    const resolved = context.deref(node);
    if (!isJsonObject(resolved.value) || seen.has(resolved.value)) return;
    seen.add(resolved.value);
    const own = resolved.get("properties");
    if (own !== undefined && isJsonObject(own.value)) {
      propertiesNode ??= own;
      for (const property of own.children()) {
        if (!properties.has(property.key)) properties.set(property.key, property);
      }
    }
    for (const item of resolved.get("required")?.children() ?? []) {
      if (typeof item.value === "string" && !required.has(item.value)) required.set(item.value, item);
    }
    for (const member of resolved.get("allOf")?.children() ?? []) visit(member);
  };
  visit(schema);
  return { properties, required, propertiesNode };
}

/** `type` as a set (3.1 allows a list), with `null` for a 3.0 `nullable: true`; undefined when absent. */
export function schemaTypeSet(schema: OpenApiNode): Set<string> | undefined {
  const value = schema.object;
  const type = value?.type;
  const types =
    typeof type === "string"
      ? [type]
      : Array.isArray(type)
        ? type.filter((t): t is string => typeof t === "string")
        : undefined;
  if (types === undefined) return undefined;
  const set = new Set(types);
  if (value?.nullable === true) set.add("null");
  return set;
}
