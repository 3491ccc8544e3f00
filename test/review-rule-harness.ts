import assert from "node:assert/strict";
import { test } from "node:test";
import { importOpenApi } from "../src/import/openapi/import-openapi.js";
import type { OpenApiRule } from "../src/review/openapi/openapi-rule.js";

/** Two header lines, so a case's body starts on line 3. */
export function openapi(body: string): string {
  return `openapi: 3.0.3\ninfo: {title: t, version: "1"}\n${body}`;
}

/** `[message, line, column]` of one expected finding. */
export type Expected = readonly [string, number, number];

export interface RuleCases {
  readonly valid: readonly { readonly name: string; readonly text: string }[];
  readonly invalid: readonly {
    readonly name: string;
    readonly text: string;
    readonly expected: readonly Expected[];
  }[];
}

/** Runs one rule over an in-memory description; findings as `[message, line, column]`, in report order. */
export function runRule(rule: OpenApiRule, text: string): Expected[] {
  const document = importOpenApi({ path: "openapi.yaml", text });
  const found: { message: string; location: { line: number; column: number } }[] = [];
  rule.check(document, (r) => found.push(r));
  document.resolveLocations();
  return found.map((f) => [f.message, f.location.line, f.location.column] as const);
}

/** ESLint-style: every valid case yields nothing, every invalid case exactly its expected findings. */
export function ruleTests(rule: OpenApiRule, cases: RuleCases): void {
  for (const c of cases.valid) {
    test(`${rule.meta.id}: valid: ${c.name}`, () => {
      assert.deepEqual(runRule(rule, c.text), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.meta.id}: invalid: ${c.name}`, () => {
      assert.deepEqual(runRule(rule, c.text), c.expected);
    });
  }
}
