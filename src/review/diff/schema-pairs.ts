import { isJsonObject, type OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import { flattenSchema } from "./flat-schema.js";
import type { OperationPair, SchemaDirection, SchemaPair } from "./openapi-diff-context.js";
import { parameterLabel } from "./parameter-label.js";

interface Root {
  readonly old: OpenApiNode;
  readonly new: OpenApiNode;
  readonly where: string;
}

const ALTERNATIVES = ["oneOf", "anyOf"] as const;

/** Where to start walking: parameter schemas and request bodies, or response bodies. */
export function schemaRoots(
  old: OpenApiReviewContext,
  next: OpenApiReviewContext,
  operations: readonly OperationPair[],
  direction: SchemaDirection,
): Root[] {
  const roots: Root[] = [];
  for (const pair of operations) {
    if (direction === "request") {
      for (const { old: o, new: n } of pair.parameters.matched) {
        const where = `${parameterLabel(n)} of ${pair.label}`;
        const os = o.get("schema");
        const ns = n.get("schema");
        if (os !== undefined && ns !== undefined) roots.push({ old: os, new: ns, where });
        roots.push(...mediaRoots(old, next, o.get("content"), n.get("content"), where));
      }
      const oldBody = pair.old.node.get("requestBody");
      const newBody = pair.new.node.get("requestBody");
      if (oldBody === undefined || newBody === undefined) continue;
      roots.push(
        ...mediaRoots(
          old,
          next,
          old.deref(oldBody).get("content"),
          next.deref(newBody).get("content"),
          `request body of ${pair.label}`,
        ),
      );
      continue;
    }
    const oldResponses = pair.old.node.get("responses");
    const newResponses = pair.new.node.get("responses");
    for (const response of oldResponses?.children() ?? []) {
      const counterpart = newResponses?.get(response.key);
      if (counterpart === undefined) continue;
      roots.push(
        ...mediaRoots(
          old,
          next,
          old.deref(response).get("content"),
          next.deref(counterpart).get("content"),
          `response ${response.key} of ${pair.label}`,
        ),
      );
    }
  }
  return roots;
}

function mediaRoots(
  old: OpenApiReviewContext,
  next: OpenApiReviewContext,
  oldContent: OpenApiNode | undefined,
  newContent: OpenApiNode | undefined,
  where: string,
): Root[] {
  const roots: Root[] = [];
  for (const media of oldContent?.children() ?? []) {
    const counterpart = newContent?.get(media.key);
    const os = old.deref(media).get("schema");
    const ns = counterpart === undefined ? undefined : next.deref(counterpart).get("schema");
    if (os !== undefined && ns !== undefined) roots.push({ old: os, new: ns, where });
  }
  return roots;
}

/**
 * Walks both versions in step from `roots`: properties by name (after merging `allOf`), `items`,
 * `additionalProperties`, and `oneOf`/`anyOf` by position when both list as many alternatives.
 * Each (old, new) pair of definitions is visited once, which also stops at recursive schemas.
 * Properties that do not travel in `direction` (readOnly in requests, writeOnly in responses) are left out.
 */
export function walkSchemaPairs(
  old: OpenApiReviewContext,
  next: OpenApiReviewContext,
  roots: readonly Root[],
  direction: SchemaDirection,
): SchemaPair[] {
  const seen = new Map<object, Set<object>>();
  const out: SchemaPair[] = [];
  const skip = direction === "request" ? "readOnly" : "writeOnly";
  const visit = (oldNode: OpenApiNode, newNode: OpenApiNode, where: string, path: string): void => {
    const o = old.deref(oldNode);
    const n = next.deref(newNode);
    const ov = o.value;
    const nv = n.value;
    if (!isJsonObject(ov) || !isJsonObject(nv)) return;
    let partners = seen.get(ov);
    if (partners === undefined) {
      partners = new Set();
      seen.set(ov, partners);
    }
    if (partners.has(nv)) return;
    partners.add(nv);
    out.push({ old: o, new: n, direction, where: path === "" ? where : `${where}, property ${path}` });
    const oldFlat = flattenSchema(old, o);
    const newFlat = flattenSchema(next, n);
    for (const [name, property] of oldFlat.properties) {
      const counterpart = newFlat.properties.get(name);
      if (counterpart === undefined || old.deref(property).object?.[skip] === true) continue;
      visit(property, counterpart, where, path === "" ? name : `${path}.${name}`);
    }
    const oldItems = o.get("items");
    const newItems = n.get("items");
    if (oldItems !== undefined && newItems !== undefined) visit(oldItems, newItems, where, `${path}[]`);
    const oldExtra = o.get("additionalProperties");
    const newExtra = n.get("additionalProperties");
    if (oldExtra !== undefined && newExtra !== undefined) visit(oldExtra, newExtra, where, `${path}.*`);
    for (const list of ALTERNATIVES) {
      const oldList = o.get(list)?.children() ?? [];
      const newList = n.get(list)?.children() ?? [];
      if (oldList.length !== newList.length) continue;
      oldList.forEach((item, i) => {
        const counterpart = newList[i];
        if (counterpart !== undefined) visit(item, counterpart, where, path);
      });
    }
  };
  for (const root of roots) visit(root.old, root.new, root.where, "");
  return out;
}
