import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { SourceLocation } from "../model/source-location.js";

export type PathSegment = string | number;

/**
 * Maps a path into the parsed YAML document back to the user's line and column. `key: true` points
 * at the mapping key (for "unknown key" or "duplicate name" problems) rather than at the value.
 * Falls back to the deepest ancestor that exists, so a missing property points at its parent.
 */
export class YamlLocator {
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  locate(path: readonly PathSegment[], options: { key?: boolean } = {}): SourceLocation {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const [index, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
        if (!pair) break;
        const isLast = index === path.length - 1;
        const keyStart = rangeStart(pair.key);
        if (options.key && isLast && keyStart !== undefined) {
          offset = keyStart;
          node = pair.key;
          continue;
        }
        node = pair.value;
        offset = rangeStart(pair.value) ?? keyStart ?? offset;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) break;
        node = item;
        offset = rangeStart(item) ?? offset;
      } else {
        break;
      }
    }
    return this.at(offset);
  }

  at(offset: number): SourceLocation {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
