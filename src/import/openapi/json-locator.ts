import type { PointerLocator } from "./pointer-locator.js";

interface TrieNode {
  children: Map<string, TrieNode> | undefined;
  offset: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/**
 * Finds where JSON pointers sit in JSON text without building a tree for the whole document:
 * all wanted pointers go into a trie and one pass over the text descends only into the members
 * the trie names, skipping everything else character by character. For a 13 MB description this
 * costs a few tens of milliseconds, where a full location map (jsonc-parser's parseTree) would hold
 * millions of nodes. Hand-written because no JSON library offers "locate only these paths".
 */
export class JsonLocator implements PointerLocator {
  constructor(private readonly text: string) {}

  offsets(pointers: readonly (readonly string[])[]): number[] {
    const root: TrieNode = { children: undefined, offset: -1 };
    for (const pointer of pointers) {
      let node = root;
      for (const segment of pointer) {
        node.children ??= new Map();
        let child = node.children.get(segment);
        if (child === undefined) {
          child = { children: undefined, offset: -1 };
          node.children.set(segment, child);
        }
        node = child;
      }
    }
    const start = this.skipWhitespace(0);
    root.offset = start;
    this.scanValue(start, root);
    return pointers.map((pointer) => {
      let node = root;
      let offset = root.offset;
      for (const segment of pointer) {
        const child = node.children?.get(segment);
        if (child === undefined || child.offset < 0) break;
        node = child;
        offset = child.offset;
      }
      return Math.max(0, offset);
    });
  }

  private scanValue(start: number, node: TrieNode): number {
    const text = this.text;
    let i = this.skipWhitespace(start);
    const children = node.children;
    if (children === undefined) return this.skipValue(i);
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE) {
      i++;
      for (;;) {
        i = this.skipWhitespace(i);
        if (i >= text.length) return i;
        if (text.charCodeAt(i) === CLOSE_BRACE) return i + 1;
        const keyStart = i;
        const keyEnd = this.stringEnd(i);
        const raw = text.slice(keyStart + 1, keyEnd - 1);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
        i = this.skipWhitespace(keyEnd);
        if (text.charCodeAt(i) === COLON) i++;
        const child = children.get(key);
        if (child !== undefined) {
          child.offset = keyStart;
          i = this.scanValue(i, child);
        } else {
          i = this.skipValue(i);
        }
        i = this.skipWhitespace(i);
        if (text.charCodeAt(i) === COMMA) i++;
        else return i + 1;
      }
    }
    if (c === OPEN_BRACKET) {
      i++;
      for (let index = 0; ; index++) {
        i = this.skipWhitespace(i);
        if (i >= text.length) return i;
        if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1;
        const child = children.get(String(index));
        if (child !== undefined) {
          child.offset = i;
          i = this.scanValue(i, child);
        } else {
          i = this.skipValue(i);
        }
        i = this.skipWhitespace(i);
        if (text.charCodeAt(i) === COMMA) i++;
        else return i + 1;
      }
    }
    return this.skipValue(i);
  }

  private skipValue(start: number): number {
    const text = this.text;
    let i = this.skipWhitespace(start);
    const c = text.charCodeAt(i);
    if (c === QUOTE) return this.stringEnd(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      let depth = 0;
      for (; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) i = this.stringEnd(i) - 1;
        else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
        else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) return i + 1;
        }
      }
      return i;
    }
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d <= 32) return i;
    }
    return i;
  }

  /** Index just after the closing quote of the string that opens at `start`. */
  private stringEnd(start: number): number {
    const text = this.text;
    let i = start + 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote === -1) return text.length;
      let backslashes = 0;
      for (let j = quote - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      i = quote + 1;
    }
  }

  private skipWhitespace(start: number): number {
    const text = this.text;
    let i = start;
    while (i < text.length && text.charCodeAt(i) <= 32) i++;
    return i;
  }
}
