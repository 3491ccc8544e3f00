import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderRulesDoc } from "../../scripts/gen-rules-doc.js";
import { ruleMetas } from "../../src/review/rule-catalog.js";

test("docs/rules.md is up to date with the rules' metadata (regenerate: node --import tsx scripts/gen-rules-doc.ts)", () => {
  assert.equal(readFileSync("docs/rules.md", "utf8"), renderRulesDoc());
});

test("docs/rules.md has a section for every rule", () => {
  const doc = renderRulesDoc();
  for (const meta of ruleMetas()) assert.ok(doc.includes(`### ${meta.id}\n`), meta.id);
});
