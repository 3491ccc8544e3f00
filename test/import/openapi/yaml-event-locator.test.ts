/**
 * The js-yaml outline locator must find every pointer where the `yaml` package's Document (the
 * reference: ranges for every node) finds it, and read the same values, on real descriptions and
 * on the YAML shapes that trip outline readers (flow collections inside block ones, anchors and
 * aliases, quoted and numeric keys, block scalars, indentless sequences, comments).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import { importOpenApi } from "../../../src/import/openapi/import-openapi.js";
import { parseLocatedYaml } from "../../../src/import/openapi/yaml-event-locator.js";

/** Where the `yaml` package puts a pointer: a member at its key, an item at the item. */
function referenceOffset(document: Document, pointer: readonly string[]): number {
  let node = document.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of pointer) {
    if (isAlias(node)) node = node.resolve(document) ?? null;
    let next: Node | null = null;
    let nextOffset = -1;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if ((isScalar(key) ? String(key.value) : key) === segment) {
          next = pair.value as Node | null;
          nextOffset = (isScalar(key) ? key.range?.[0] : undefined) ?? -1;
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

function everyPointer(value: unknown): string[][] {
  const out: string[][] = [];
  const walk = (v: unknown, pointer: string[]): void => {
    out.push(pointer);
    if (typeof v === "object" && v !== null)
      for (const [key, child] of Object.entries(v)) walk(child, [...pointer, key]);
  };
  walk(value, []);
  return out;
}

function assertSameAsReference(name: string, text: string): number {
  const document = parseDocument(text, { uniqueKeys: false, strict: false });
  const { value, locator } = parseLocatedYaml(text);
  assert.deepEqual(value, document.toJS({ maxAliasCount: 10_000 }), `${name}: values`);
  const pointers = everyPointer(value);
  const offsets = locator.offsets(pointers);
  const wrong = pointers
    .map((pointer, i) => ({ pointer, got: offsets[i], want: referenceOffset(document, pointer) }))
    .filter((p) => p.got !== p.want);
  assert.deepEqual(
    wrong.slice(0, 5),
    [],
    `${name}: ${wrong.length} of ${pointers.length} pointers misplaced`,
  );
  return pointers.length;
}

const REAL_FILES = [
  "../shared/corpus/openapi/stripe-spec3.yaml",
  "../shared/corpus/openapi/oai-examples/petstore-expanded.yaml",
  "../shared/corpus/openapi/oai-examples/uspto.yaml",
  "../shared/corpus/openapi/oai-examples/webhook-example.yaml",
  "test/fixtures/cross/orders-api.yaml",
];

test("every pointer of real descriptions sits where the yaml package puts it", () => {
  for (const path of REAL_FILES) {
    const count = assertSameAsReference(path, readFileSync(path, "utf8"));
    assert.ok(count > 50, `${path} has pointers`);
  }
});

test("the shapes outline readers get wrong", () => {
  const shapes: Record<string, string> = {
    "flow mapping as a sequence item":
      "p:\n  - {name: id, in: path, schema: {type: string}}\n  - {name: q}\n",
    "flow sequence of flow mappings": "tags: [{name: a}, {name: b, x: [1, 2]}]\n",
    "indentless sequence": "params:\n- name: a\n  in: query\n- name: b\n",
    "quoted and numeric keys":
      "responses:\n  '200': {description: ok}\n  \"404\":\n    description: gone\n  500: {description: x}\n",
    "block scalars with colons inside":
      "description: |\n  key: not a key\n  - not an item\nnext: >-\n  folded: text\nlast: 1\n",
    comments: "# top\na: # after key\n  # before b\n  b: 1 # trailing\n  c:\n    - 1 # one\n",
    "anchors and aliases": "base: &b\n  x: 1\n  y: [1, 2]\nuse: *b\nlist:\n  - &i {name: n}\n  - *i\n",
    "multi-line flow": "a: {\n  b: 1,\n  c: [\n    2, 3\n  ]\n}\n",
    "nulls and empty collections": "a:\nb: {}\nc: []\nd: ~\ne: [null, {}]\n",
    "explicit document start": "---\nopenapi: 3.1.0\ninfo: {title: t, version: '1'}\n",
    "tags on items": "list:\n  - !!map {a: 1}\n  - &x !!str 12\nk: *x\n",
  };
  for (const [name, text] of Object.entries(shapes)) assertSameAsReference(name, text);
});

test("with a duplicated key, the pointer finds the key whose value is read", () => {
  const text = "a: 1\nb: 2\na: 3\n";
  const { value, locator } = parseLocatedYaml(text);
  assert.deepEqual(value, { a: 3, b: 2 });
  assert.deepEqual(locator.offsets([["a"]]), [text.lastIndexOf("a:")]);
});

test("bad YAML is located, and aliases cannot expand or loop without bound", () => {
  const located = (text: string) => {
    try {
      importOpenApi({ path: "bad.yaml", text });
    } catch (error) {
      const diagnostics = (error as { diagnostics?: { message: string; location: unknown }[] }).diagnostics;
      return diagnostics?.map((d) => [d.message, d.location]);
    }
    return undefined;
  };
  assert.deepEqual(located("openapi: 3.0.3\na: b\na: c\n  d: e\n"), [
    ["invalid YAML: bad indentation of a mapping entry", { file: "bad.yaml", line: 4, column: 4 }],
  ]);
  assert.deepEqual(located("openapi: 3.0.3\ninfo: &x\n  self: *x\n"), [
    [
      "invalid YAML: an alias refers to a collection that contains it",
      { file: "bad.yaml", line: 1, column: 1 },
    ],
  ]);
  const laughs = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"];
  for (let i = 1; i <= 7; i++)
    laughs.push(
      `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(", ")}]`,
    );
  assert.deepEqual(located(`openapi: 3.0.3\n${laughs.join("\n")}\n`), [
    [
      "invalid YAML: aliases expand the document past 5,000,000 nodes",
      { file: "bad.yaml", line: 1, column: 1 },
    ],
  ]);
});
