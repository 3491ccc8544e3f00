import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { review } from "../../src/cli/review.js";
import { rules } from "../../src/cli/rules.js";

function io(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

const CLEAN = `openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://api.acme.io/v1"}]
security: [{bearer: []}]
paths:
  /users:
    get:
      operationId: listUsers
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
        - {name: cursor, in: query, schema: {type: string, maxLength: 100}}
      responses:
        "200": {description: ok, headers: {X-Request-ID: {schema: {type: string}}}}
        "401": {description: no}
        "403": {description: no}
        "429": {description: slow, headers: {Retry-After: {schema: {type: integer}}}}
components:
  securitySchemes: {bearer: {type: http, scheme: bearer}}
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "archwright-review-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("exit 0 without findings, 1 with findings at or above --fail-on", async () => {
  const dir = workspace({ "clean.yaml": CLEAN, "verby.yaml": CLEAN.replace("/users:", "/users/create:") });
  const clean = io(dir);
  assert.equal(await review(["clean.yaml"], clean.io), 0, clean.out());
  assert.match(clean.out(), /No findings in 1 file\./);
  const warnOnly = io(dir);
  assert.equal(await review(["verby.yaml"], warnOnly.io), 0);
  assert.match(warnOnly.out(), /warning\[path-verb\]/);
  assert.equal(await review(["verby.yaml", "--fail-on", "warning"], io(dir).io), 1);
  assert.equal(await review(["verby.yaml", "--rule", "path-verb=error"], io(dir).io), 1);
  assert.equal(await review(["verby.yaml", "--rule", "path-verb=error", "--fail-on", "none"], io(dir).io), 0);
});

test("the config file in the working directory is read; --config picks another", async () => {
  const dir = workspace({
    "verby.yaml": CLEAN.replace("/users:", "/users/create:"),
    "archwright.review.yaml": "rules:\n  path-verb: error\n",
    "quiet.yaml": "rules:\n  path-verb: off\n",
  });
  assert.equal(await review(["verby.yaml"], io(dir).io), 1);
  const quiet = io(dir);
  assert.equal(
    await review(["verby.yaml", "--config", "quiet.yaml", "--fail-on", "warning"], quiet.io),
    0,
    quiet.out(),
  );
});

test("--format json writes parseable JSON", async () => {
  const dir = workspace({ "verby.yaml": CLEAN.replace("/users:", "/users/create:") });
  const run = io(dir);
  await review(["verby.yaml", "--format", "json"], run.io);
  const json = JSON.parse(run.out());
  assert.deepEqual(
    json.findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line]),
    [["path-verb", 6]],
  );
});

test("bad usage and bad input exit 2 with a located message and no stack trace", async () => {
  const dir = workspace({ "old.yaml": "swagger: '2.0'\ninfo: {}\n", "clean.yaml": CLEAN });
  const cases: [readonly string[], RegExp][] = [
    [[], /no input files given/],
    [["clean.yaml", "--format", "xml"], /--format must be one of text, json, sarif, markdown/],
    [["clean.yaml", "--rule", "path-verbs=off"], /unknown rule "path-verbs"; did you mean "path-verb"\?/],
    [["clean.yaml", "--rule", "path-verb=loud"], /"loud" is not one of off, info, warn, error/],
    [["clean.yaml", "--bogus"], /Unknown option '--bogus'/],
    [
      ["missing.yaml"],
      /missing\.yaml:1:1: error\[review\/unreadable\]: cannot read missing\.yaml \(ENOENT\)/,
    ],
    [
      ["old.yaml"],
      /old\.yaml:1:1: error\[openapi\/swagger-2\]: Swagger 2\.0 is not supported[\s\S]*> 1 \| swagger/,
    ],
  ];
  for (const [args, message] of cases) {
    const run = io(dir);
    assert.equal(await review(args, run.io), 2, args.join(" "));
    assert.match(run.err(), message);
    assert.doesNotMatch(run.err(), /\n\s+at /);
  }
});

test("rules lists every rule and explains one", async () => {
  const list = io();
  assert.equal(await rules([], list.io), 0);
  assert.match(list.out(), /^path-verb +api-design +warning +A path segment starts with a CRUD verb/m);
  assert.match(list.out(), /\n\d+ rules\./);
  const one = io();
  assert.equal(await rules(["credentials-in-query"], one.io), 0);
  assert.match(one.out(), /^credentials-in-query \(api-security, error by default\)/);
  assert.match(one.out(), /Why: Query strings end up in server and proxy access logs/);
  assert.match(one.out(), /How to fix: /);
  assert.match(one.out(), /OWASP API Security Top 10: API2:2023 Broken Authentication/);
});

test("rules with an unknown id exits 2 and suggests the closest", async () => {
  const run = io();
  assert.equal(await rules(["secret-in-responses"], run.io), 2);
  assert.match(run.err(), /unknown rule "secret-in-responses"; did you mean "secret-in-response"\?/);
});
