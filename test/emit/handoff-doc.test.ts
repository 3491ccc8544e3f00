/**
 * docs/handoff.md is the contract readers of handoff.json build against: every key a design
 * writes at the documented levels must be described there, and every top-level key described
 * there must exist.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { designSystem } from "../../src/design/design-system.js";
import { parseSpec } from "../../src/spec/load-spec.js";

const DOC = readFileSync("docs/handoff.md", "utf8");
const SPECS = [
  ...readdirSync("examples").map((name) => `examples/${name}/archwright.yaml`),
  ...readdirSync("test/fixtures/access").map((name) => `test/fixtures/access/${name}`),
];

type Json = Record<string, unknown>;

function handoffOf(path: string): Json {
  const { files } = designSystem(parseSpec(readFileSync(path, "utf8"), path), { svg: false });
  return JSON.parse(String(files.get("handoff.json")));
}

/** The keys of an object, or of every object in an array. */
function keysAt(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return [...new Set(items.flatMap((item) => (item && typeof item === "object" ? Object.keys(item) : [])))];
}

/** Backquoted names in the first column of the table under `heading`. */
function documented(heading: string): Set<string> {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `docs/handoff.md has a section "${heading}"`);
  const section = DOC.slice(start + 1).split(/\n## /)[0] ?? "";
  const names = section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
  return new Set(names);
}

test("every key of the examples' handoffs is described in docs/handoff.md", () => {
  const levels: Record<string, (h: Json) => unknown> = {
    "Top level": (h) => h,
    "`services[]`": (h) => h.services,
    "`endpoints[]`": (h) => h.endpoints,
    "`security`": (h) => h.security,
  };
  const seenTop = new Set<string>();
  for (const path of SPECS) {
    const handoff = handoffOf(path);
    assert.equal(handoff.format, "archwright-handoff");
    for (const key of Object.keys(handoff)) seenTop.add(key);
    for (const [heading, at] of Object.entries(levels)) {
      const described = documented(heading);
      const missing = keysAt(at(handoff)).filter((key) => !described.has(key));
      assert.deepEqual(missing, [], `${path}: keys under ${heading} not described in docs/handoff.md`);
    }
  }
  const stale = [...documented("Top level")].filter((key) => !seenTop.has(key));
  assert.deepEqual(stale, [], "top-level keys described in docs/handoff.md but written by no design");
});
