import type { OpenApiNode } from "../../import/openapi/openapi-node.js";

/** The node at `pointer` below `root`, or the deepest one that exists on the way there. */
export function nodeAtPointer(root: OpenApiNode, pointer: readonly string[]): OpenApiNode {
  let node = root;
  for (const segment of pointer) {
    const child = node.get(segment);
    if (child === undefined) return node;
    node = child;
  }
  return node;
}
