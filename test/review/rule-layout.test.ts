/**
 * The rules folders hold rules: a helper file may sit beside them only when exactly one rule
 * imports it. What several rules share lives in a named home (src/review/openapi, sql,
 * cross-artifact, architecture), where a reader looks for it.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { test } from "node:test";

const RULES = "src/review/rules";
const IMPORT = /from\s+"(\.{1,2}\/[^"]+)\.js"/g;

test("a helper beside the rules is used by exactly one rule", () => {
  const files = readdirSync(RULES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(RULES, f));
  const isRule = (file: string) => /\bmeta:\s*\{/.test(readFileSync(file, "utf8"));
  const users = new Map<string, string[]>();
  for (const file of files.filter(isRule)) {
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = `${normalize(join(dirname(file), m[1] ?? ""))}.ts`;
      users.set(target, [...(users.get(target) ?? []), file]);
    }
  }
  const misplaced = files
    .filter((f) => !f.endsWith("/index.ts") && !isRule(f))
    .map((f) => ({ helper: f, rules: users.get(f) ?? [] }))
    .filter((h) => h.rules.length !== 1);
  assert.deepEqual(misplaced, []);
});
