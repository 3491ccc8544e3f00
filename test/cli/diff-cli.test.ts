import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { diff } from "../../src/cli/diff.js";
import { openapi } from "../review/rule-tester.js";

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

const V1 = openapi(
  "paths:\n  /pets:\n    get:\n      parameters: [{name: limit, in: query, schema: {type: integer}}]\n      responses: {'200': {description: ok}}\n    post: {responses: {'201': {description: ok}}}\n",
);
const V2 = openapi(
  "paths:\n  /pets:\n    get:\n      parameters: [{name: limit, in: query, schema: {type: integer}}, {name: cursor, in: query}]\n      responses: {'200': {description: ok}}\n  /owners:\n    get: {responses: {'200': {description: ok}}}\n",
);

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "archwright-diff-"));
  writeFileSync(join(dir, "v1.yaml"), V1);
  writeFileSync(join(dir, "v2.yaml"), V2);
  writeFileSync(join(dir, "broken.yaml"), "openapi: 3.0.3\npaths: {\n");
  return dir;
}

test("exit 0 when nothing breaks, 1 when something does, 0 again with --fail-on none", async () => {
  const dir = workspace();
  const same = io(dir);
  assert.equal(await diff(["v1.yaml", "v1.yaml"], same.io), 0);
  assert.match(same.out(), /No findings in 2 files\./);
  const breaking = io(dir);
  assert.equal(await diff(["v1.yaml", "v2.yaml"], breaking.io), 1);
  assert.match(breaking.out(), /^v2\.yaml:4:3: error\[operation-removed\]: POST \/pets was removed$/m);
  assert.match(breaking.out(), /note: POST \/pets in the old version \(v1\.yaml:8:5\)/);
  assert.equal(await diff(["v1.yaml", "v2.yaml", "--fail-on", "none"], io(dir).io), 0);
  assert.equal(await diff(["v1.yaml", "v2.yaml", "--rule", "operation-removed=warn"], io(dir).io), 0);
});

test("json, sarif and markdown formats carry the finding and its old-file location", async () => {
  const dir = workspace();
  const json = io(dir);
  await diff(["v1.yaml", "v2.yaml", "--format", "json"], json.io);
  const parsed = JSON.parse(json.out()) as {
    findings: { ruleId: string; file: string; line: number; related: { file: string; line: number }[] }[];
  };
  assert.deepEqual(
    parsed.findings.map((f) => [f.ruleId, f.file, f.line, f.related[0]?.file, f.related[0]?.line]),
    [["operation-removed", "v2.yaml", 4, "v1.yaml", 8]],
  );
  const sarif = io(dir);
  await diff(["v1.yaml", "v2.yaml", "--format", "sarif"], sarif.io);
  const run = (JSON.parse(sarif.out()) as { runs: { results: { ruleId: string }[] }[] }).runs[0];
  assert.deepEqual(
    run?.results.map((r) => r.ruleId),
    ["operation-removed"],
  );
  const markdown = io(dir);
  await diff(["v1.yaml", "v2.yaml", "--format", "markdown"], markdown.io);
  assert.match(markdown.out(), /operation-removed/);
});

test("bad input and usage exit 2 with a located message and no stack trace", async () => {
  const dir = workspace();
  const broken = io(dir);
  assert.equal(await diff(["v1.yaml", "broken.yaml"], broken.io), 2);
  assert.match(broken.err(), /broken\.yaml:3:1/);
  assert.doesNotMatch(broken.err(), /\n\s+at /);
  const missing = io(dir);
  assert.equal(await diff(["nope.yaml", "v2.yaml"], missing.io), 2);
  assert.match(missing.err(), /cannot read nope\.yaml \(ENOENT\)/);
  const one = io(dir);
  assert.equal(await diff(["v1.yaml"], one.io), 2);
  assert.match(one.err(), /expected exactly two files \(old and new\), got 1/);
  const rule = io(dir);
  assert.equal(await diff(["v1.yaml", "v2.yaml", "--rule", "path-verb=off"], rule.io), 2);
  assert.match(rule.err(), /unknown breaking-change rule "path-verb"/);
  const format = io(dir);
  assert.equal(await diff(["v1.yaml", "v2.yaml", "--format", "xml"], format.io), 2);
  assert.match(format.err(), /--format must be one of text, json, sarif, markdown/);
});
