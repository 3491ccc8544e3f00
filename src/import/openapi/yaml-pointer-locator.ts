import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import type { PointerLocator } from "./pointer-locator.js";

/** Finds pointers in a parsed YAML document: a map member points at its key, a sequence item at the item. */
export class YamlPointerLocator implements PointerLocator {
  constructor(private readonly document: Document) {}

  offsets(pointers: readonly (readonly string[])[]): number[] {
    return pointers.map((pointer) => this.offset(pointer));
  }

  private offset(pointer: readonly string[]): number {
    let node = this.document.contents as Node | null;
    let offset = node?.range?.[0] ?? 0;
    for (const segment of pointer) {
      if (isAlias(node)) node = node.resolve(this.document) ?? null;
      let next: Node | null = null;
      let nextOffset = -1;
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key;
          const name = isScalar(key) ? String(key.value) : key;
          if (name === segment) {
            next = pair.value as Node | null;
            nextOffset = (isScalar(key) ? key.range?.[0] : undefined) ?? -1;
            break;
          }
        }
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item !== undefined && item !== null && typeof item === "object" && "range" in item) {
          next = item as Node;
          nextOffset = next.range?.[0] ?? -1;
        }
      }
      if (nextOffset < 0) break;
      offset = nextOffset;
      node = next;
    }
    return offset;
  }
}
