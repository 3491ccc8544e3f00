import jsYaml from "js-yaml";
import type { PointerLocator } from "./pointer-locator.js";

/**
 * YAML descriptions are parsed with js-yaml, which builds plain values only, where a `yaml`
 * Document keeps a CST, nodes and ranges for every scalar (most of the time of reviewing a large
 * YAML description; `npm run bench review-openapi` times Stripe's beside Redocly's). Its
 * `listener` option reports where each node opens and closes; this file keeps just that outline
 * (start offset, kind, children) so that pointers can be located afterwards, the way the JSON
 * locator does for JSON. No YAML library offers "values plus the offsets of keys" cheaply, hence
 * the small outline here.
 */
interface OutlineNode {
  readonly start: number;
  readonly children: OutlineNode[];
  kind: string | null;
  result: unknown;
}

/** More expanded nodes than this behind aliases is an entity-expansion attack, not a description. */
const MAX_EXPANDED_NODES = 5_000_000;

export class YamlAliasExpansionError extends Error {}

export interface LocatedYaml {
  readonly value: unknown;
  readonly locator: PointerLocator;
}

/**
 * Parses YAML 1.2 (core schema: no timestamps, no merge keys; duplicate keys allowed, the last
 * wins, as JSON.parse does). Throws js-yaml's `YAMLException` (with `mark`) on bad input.
 */
export function parseLocatedYaml(text: string): LocatedYaml {
  const root: OutlineNode = { start: 0, children: [], kind: null, result: undefined };
  const stack: OutlineNode[] = [root];
  const collections = new Map<unknown, OutlineNode>();
  let aliases = false;
  const value: unknown = jsYaml.load(text, {
    schema: jsYaml.CORE_SCHEMA,
    json: true,
    listener(event, state) {
      if (event === "open") {
        const node: OutlineNode = { start: state.position, children: [], kind: null, result: undefined };
        stack[stack.length - 1]?.children.push(node);
        stack.push(node);
        return;
      }
      const node = stack.pop();
      if (node === undefined) return;
      node.kind = state.kind;
      node.result = state.result;
      if (typeof state.result !== "object" || state.result === null) return;
      // An alias closes with the anchored collection as its result and no children of its own,
      // before its anchor does when it sits inside it. A wrapper closes right after its only child.
      const first = collections.get(state.result);
      if (first === undefined) collections.set(state.result, node);
      else if (!(node.children.length === 1 && node.children[0] === first)) {
        aliases = true;
        if (first.children.length === 0) collections.set(state.result, node);
      }
    },
  });
  if (aliases) guardExpansion(value);
  return { value, locator: new OutlineLocator(text, root.children[0], collections) };
}

/**
 * Counts the nodes a reader of `value` would visit, sharing counts between aliased collections,
 * and refuses an alias inside its own anchor (a cycle no reader of the description could finish).
 */
function guardExpansion(value: unknown): void {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const size = (v: unknown): number => {
    if (typeof v !== "object" || v === null) return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    if (open.has(v)) throw new YamlAliasExpansionError("an alias refers to a collection that contains it");
    open.add(v);
    let total = 1;
    for (const child of Object.values(v)) {
      total += size(child);
      if (total > MAX_EXPANDED_NODES) break;
    }
    open.delete(v);
    sizes.set(v, total);
    return total;
  };
  if (size(value) > MAX_EXPANDED_NODES)
    throw new YamlAliasExpansionError(
      `aliases expand the document past ${MAX_EXPANDED_NODES.toLocaleString("en-US")} nodes`,
    );
}

/** A map member points at its key, a sequence item at the item, as the JSON locator does. */
class OutlineLocator implements PointerLocator {
  constructor(
    private readonly text: string,
    private readonly root: OutlineNode | undefined,
    private readonly collections: ReadonlyMap<unknown, OutlineNode>,
  ) {}

  offsets(pointers: readonly (readonly string[])[]): number[] {
    return pointers.map((pointer) => this.offset(pointer));
  }

  private offset(pointer: readonly string[]): number {
    let node = this.root;
    let offset = node?.start ?? 0;
    for (const segment of pointer) {
      if (node === undefined) break;
      node = this.content(node);
      let next: OutlineNode | undefined;
      let nextOffset = -1;
      if (node.kind === "mapping") {
        // Keys and values alternate; with duplicate keys the last one holds the value.
        for (let i = 0; i + 1 < node.children.length; i += 2) {
          const key = node.children[i];
          if (key !== undefined && String(key.result) === segment) {
            next = node.children[i + 1];
            nextOffset = key.start;
          }
        }
      } else if (node.kind === "sequence") {
        next = node.children[Number(segment)];
        nextOffset = next?.start ?? -1;
      }
      if (nextOffset < 0) break;
      offset = skipProperties(this.text, nextOffset);
      node = next;
    }
    return offset;
  }

  /**
   * The node holding a collection's entries: js-yaml wraps some collections (a flow mapping as a
   * sequence item) in a node with one child of the same result, and an alias has no entries of
   * its own but stands for its anchor's.
   */
  private content(node: OutlineNode): OutlineNode {
    let current = node;
    for (;;) {
      const only = current.children.length === 1 ? current.children[0] : undefined;
      if (only !== undefined && only.result === current.result && typeof current.result === "object") {
        current = only;
        continue;
      }
      if (current.children.length === 0 && typeof current.result === "object" && current.result !== null) {
        const anchor = this.collections.get(current.result);
        if (anchor !== undefined && anchor !== current) {
          current = anchor;
          continue;
        }
      }
      return current;
    }
  }
}

const PROPERTIES = /(?:[&!][^\s,[\]{}]*\s+)+/y;

/** js-yaml opens a node at its anchor or tag (`&item {...}`); the node itself starts after them. */
function skipProperties(text: string, offset: number): number {
  const first = text.charCodeAt(offset);
  if (first !== 38 /* & */ && first !== 33 /* ! */) return offset;
  PROPERTIES.lastIndex = offset;
  return PROPERTIES.exec(text) === null ? offset : PROPERTIES.lastIndex;
}
