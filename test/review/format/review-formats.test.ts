import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { FindingFramer } from "../../../src/review/format/finding-frame.js";
import { formatJson } from "../../../src/review/format/format-json.js";
import { formatMarkdown } from "../../../src/review/format/format-markdown.js";
import { formatSarif } from "../../../src/review/format/format-sarif.js";
import { formatText } from "../../../src/review/format/format-text.js";
import { review } from "../../../src/review/review.js";

const TEXT = `openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "http://api.acme.io/v1"}]
paths:
  /getUsers:
    get:
      operationId: listUsers
      responses: {"200": {description: ok}}
`;

const result = await review([{ path: "api/openapi.yaml", text: TEXT }]);

test("SARIF output validates against the SARIF 2.1.0 schema and carries what code scanning needs", () => {
  const schema = JSON.parse(readFileSync("test/fixtures/review/sarif-2.1.0-rtm.5.json", "utf8"));
  // The schema is draft-04 (`id`, no `$id`); Ajv 8 validates it as draft-07, which reads it the same.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  const sarif = JSON.parse(formatSarif(result, process.cwd()));
  assert.equal(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 3)));
  const run = sarif.runs[0];
  const https = run.results.find((r: { ruleId: string }) => r.ruleId === "server-not-https");
  assert.equal(https.level, "error");
  assert.deepEqual(https.locations[0].physicalLocation, {
    artifactLocation: { uri: "api/openapi.yaml", uriBaseId: "%SRCROOT%" },
    region: { startLine: 3, startColumn: 12 },
  });
  const rule = run.tool.driver.rules[https.ruleIndex];
  assert.equal(rule.id, "server-not-https");
  assert.ok(rule.shortDescription.text.length > 0 && rule.help.text.includes("How to fix"));
  assert.ok(rule.properties.tags.includes("API8:2023 Security Misconfiguration"));
});

test("SARIF URIs are relative to the root even for absolute input paths", async () => {
  const absolute = await review([{ path: `${process.cwd()}/api/openapi.yaml`, text: TEXT }]);
  const sarif = JSON.parse(formatSarif(absolute, process.cwd()));
  assert.equal(
    sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
    "api/openapi.yaml",
  );
});

test("JSON output follows the documented shape", () => {
  const json = JSON.parse(formatJson(result));
  assert.equal(json.version, 1);
  const verb = json.findings.find((f: { ruleId: string }) => f.ruleId === "path-verb");
  assert.deepEqual(verb, {
    ruleId: "path-verb",
    area: "api-design",
    severity: "warning",
    message: 'path "/getUsers" has the verb "get" in segment "getUsers"',
    file: "api/openapi.yaml",
    line: 5,
    column: 3,
    fix: 'name the resource instead (e.g. "getUsers" -> a plural noun) and let the HTTP method say "get"',
    related: [],
  });
  assert.equal(
    json.findings.find((f: { ruleId: string }) => f.ruleId === "server-not-https").owasp,
    "API8:2023 Security Misconfiguration",
  );
  assert.equal(json.summary.findings, json.findings.length);
  assert.equal(
    json.summary.bySeverity.error + json.summary.bySeverity.warning + json.summary.bySeverity.info,
    json.findings.length,
  );
});

test("text output shows location, rule, code frame with caret, and fix", () => {
  const text = formatText(result);
  assert.match(
    text,
    /api\/openapi\.yaml:5:3: warning\[path-verb\]: path "\/getUsers" has the verb "get" in segment "getUsers"\n {2}3 \| servers.*\n {2}4 \| paths:\n> 5 \| {3}\/getUsers:\n {4}\| {3}\^\n {2}6 \| {5}get:\n {2}7 \| .*\n {2}fix: name the resource/,
  );
  assert.match(text, /\d+ findings \(\d+ error, \d+ warning, 0 info\) in 1 file\.\n$/);
});

test("markdown output ends with a summary table by area and severity", () => {
  const markdown = formatMarkdown(result);
  const design = result.summary.byArea["api-design"];
  const security = result.summary.byArea["api-security"];
  assert.ok(design && security);
  const tail = markdown.trimEnd().split("\n").slice(-5);
  assert.deepEqual(tail, [
    "| Area | error | warning | info | total |",
    "|---|---:|---:|---:|---:|",
    `| api-design | ${design.error} | ${design.warning} | ${design.info} | ${design.error + design.warning + design.info} |`,
    `| api-security | ${security.error} | ${security.warning} | ${security.info} | ${security.error + security.warning + security.info} |`,
    `| **all** | **${result.summary.bySeverity.error}** | **${result.summary.bySeverity.warning}** | **0** | **${result.findings.length}** |`,
  ]);
  assert.match(markdown, /\| warning \| `path-verb` \| 5:3 \|/);
});

test("code frames of minified JSON show a window around the column, with real line numbers", () => {
  const line = `{"a":"${"x".repeat(5000)}","needle":1}`;
  const framer = new FindingFramer(new Map([["m.json", `${"\n".repeat(99)}${line}`]]));
  const column = line.indexOf('"needle"') + 1;
  const frame = framer.frame("m.json", 100, column) ?? "";
  const rows = frame.split("\n");
  const marked = rows.find((r) => r.startsWith(">")) ?? "";
  assert.ok(marked.startsWith("> 100 | …"), marked);
  assert.ok(marked.length < 200);
  const caret = rows[rows.indexOf(marked) + 1] ?? "";
  assert.equal(marked[caret.indexOf("^")], '"');
  assert.equal(marked.slice(caret.indexOf("^"), caret.indexOf("^") + 8), '"needle"');
});
