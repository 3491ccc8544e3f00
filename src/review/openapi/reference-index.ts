import { isJsonObject, OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { OpenApiSourceFile } from "../../import/openapi/openapi-source-file.js";
import { nodeAtPointer } from "./node-at-pointer.js";

/** Places found by one pass over every file's parsed value. */
export interface ReferenceIndex {
  /** Every object holding a string `$ref`. */
  readonly refs: readonly OpenApiNode[];
  /** Every schema with a `required` list beside `properties`, `items` or a combinator. */
  readonly requiredLists: readonly OpenApiNode[];
  /** Values of the schemas used as `allOf` members (references followed): their properties may come from siblings. */
  readonly allOfMembers: ReadonlySet<unknown>;
}

/** Members whose values are data, not description: a `$ref` or `required` inside an example is just a key. */
const DATA_KEYS = new Set(["example", "default", "enum", "const"]);
const cache = new WeakMap<OpenApiReviewContext, ReferenceIndex>();

/**
 * Walks the plain parsed values once, with a pointer stack, and makes nodes only for the places
 * found: on GitHub's 13 MB description this costs a third of a walk that builds a node per object.
 */
export function referenceIndex(context: OpenApiReviewContext): ReferenceIndex {
  const cached = cache.get(context);
  if (cached !== undefined) return cached;
  const refs: OpenApiNode[] = [];
  const requiredLists: OpenApiNode[] = [];
  const allOfMembers = new Set<unknown>();
  for (const file of context.sourceFiles()) {
    const root = OpenApiNode.root(file);
    const found = scan(file);
    for (const pointer of found.refs) refs.push(nodeAtPointer(root, pointer));
    for (const pointer of found.required) requiredLists.push(nodeAtPointer(root, pointer));
    for (const member of found.allOfMembers) {
      const ref = isJsonObject(member) ? member.$ref : undefined;
      allOfMembers.add(typeof ref === "string" ? context.refTarget(root, ref)?.value : member);
    }
  }
  const index = { refs, requiredLists, allOfMembers };
  cache.set(context, index);
  return index;
}

function scan(file: OpenApiSourceFile): { refs: string[][]; required: string[][]; allOfMembers: unknown[] } {
  const refs: string[][] = [];
  const required: string[][] = [];
  const allOfMembers: unknown[] = [];
  const path: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        visit(value[i]);
        path.pop();
      }
      return;
    }
    if (!isJsonObject(value)) return;
    if (typeof value.$ref === "string") refs.push([...path]);
    if (
      Array.isArray(value.required) &&
      (isJsonObject(value.properties) ||
        isJsonObject(value.items) ||
        Array.isArray(value.allOf) ||
        Array.isArray(value.anyOf) ||
        Array.isArray(value.oneOf))
    )
      required.push([...path]);
    if (Array.isArray(value.allOf)) allOfMembers.push(...value.allOf);
    const inProperties = path[path.length - 1] === "properties";
    for (const key of Object.keys(value)) {
      // Extensions are free-form: what looks like a schema there is whatever the vendor put.
      if (!inProperties && (DATA_KEYS.has(key) || key.startsWith("x-"))) continue;
      if (key === "value" && path[path.length - 2] === "examples") continue;
      path.push(key);
      visit(value[key]);
      path.pop();
    }
  };
  visit(file.value);
  return { refs, required, allOfMembers };
}
