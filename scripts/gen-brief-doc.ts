/**
 * Rewrites the figures table of docs/brief.md from the briefs in test/fixtures/briefs, so the doc
 * never holds a figure the code did not produce.
 * Run: node --import tsx scripts/gen-brief-doc.ts   (test/brief/brief-init.test.ts fails when stale)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { renderFiguresTable } from "../test/brief/brief-measure.js";

const path = new URL("../docs/brief.md", import.meta.url);
const doc = readFileSync(path, "utf8");
const updated = doc.replace(
  /<!-- figures:start -->\n[\s\S]*?\n<!-- figures:end -->/,
  `<!-- figures:start -->\n${renderFiguresTable()}\n<!-- figures:end -->`,
);
writeFileSync(path, updated);
