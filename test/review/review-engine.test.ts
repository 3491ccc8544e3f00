import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../src/diagnostics/diagnostic.js";
import { UsageError } from "../../src/diagnostics/usage-error.js";
import { detectFileKind } from "../../src/review/detect-file-kind.js";
import { review } from "../../src/review/review.js";
import { parseReviewConfig } from "../../src/review/review-config.js";
import { ruleCatalog } from "../../src/review/rule-catalog.js";

const FIXTURES = "test/fixtures/review";

const VERBY = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /getUsers:
    get: {operationId: a, responses: {"200": {description: ok}}}
`;

test("every rule id is unique kebab-case and every security rule names its OWASP item", () => {
  const ids = ruleCatalog.map((e) => e.rule.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const { rule } of ruleCatalog) {
    assert.match(rule.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    if (rule.meta.area === "api-security") assert.match(rule.meta.owasp ?? "", /^API\d+:2023 /, rule.meta.id);
  }
  const openapiRules = ruleCatalog.filter((e) => e.input === "openapi").length;
  assert.ok(openapiRules >= 35, `${openapiRules} OpenAPI rules`);
});

test("file kinds: by extension, then by content", () => {
  assert.equal(detectFileKind("a.yaml", ""), "openapi");
  assert.equal(detectFileKind("schema.sql", ""), "sql");
  assert.equal(detectFileKind("synapse-full.sql.postgres", ""), "sql");
  assert.equal(detectFileKind("api", "openapi: 3.1.0\n"), "openapi");
  assert.equal(detectFileKind("dump", "-- dump\nCREATE TABLE t (id int);\n"), "sql");
  assert.equal(detectFileKind("notes.txt", "hello"), undefined);
});

test("rule settings turn rules off and change severity", async () => {
  const input = [{ path: "api.yaml", text: VERBY }];
  const defaults = await review(input);
  assert.equal(defaults.findings.find((f) => f.ruleId === "path-verb")?.severity, "warning");
  const changed = await review(input, { rules: { "path-verb": "error", "api-not-versioned": "off" } });
  assert.equal(changed.findings.find((f) => f.ruleId === "path-verb")?.severity, "error");
  assert.equal(
    changed.findings.some((f) => f.ruleId === "api-not-versioned"),
    false,
  );
  assert.equal(
    changed.rules.some((r) => r.id === "api-not-versioned"),
    false,
  );
});

test("unknown rule ids are a usage error with a suggestion", async () => {
  await assert.rejects(
    review([{ path: "api.yaml", text: VERBY }], { rules: { "path-verbs": "off" } }),
    (error) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /unknown rule "path-verbs"; did you mean "path-verb"\?/);
      return true;
    },
  );
});

test("ignore globs skip inputs and drop findings in matching files", async () => {
  const skipped = await review([{ path: "vendor/api.yaml", text: VERBY }], { ignore: ["vendor/**"] });
  assert.equal(skipped.files.length, 0);
  const kept = await review([{ path: "src/api.yaml", text: VERBY }], { ignore: ["vendor/**", "*.json"] });
  assert.ok(kept.findings.length > 0);
});

test("x-archwright-ignore on a path item or operation suppresses the named rules there only", async () => {
  const result = await review([{ path: `${FIXTURES}/suppressed.yaml` }]);
  const at = (id: string) => result.findings.filter((f) => f.ruleId === id).map((f) => f.location.line);
  assert.deepEqual(at("path-verb"), [9]);
  assert.deepEqual(at("operation-id-missing"), []);
});

test("findings are sorted by file, line and column and not duplicated", async () => {
  const result = await review([
    { path: "b.yaml", text: VERBY },
    { path: "a.yaml", text: VERBY },
  ]);
  const keys = result.findings.map(
    (f) =>
      `${f.location.file}:${String(f.location.line).padStart(4)}:${String(f.location.column).padStart(4)}:${f.ruleId}`,
  );
  assert.deepEqual(keys, [...keys].sort());
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(result.findings[0]?.location.file, "a.yaml");
});

test("every unreadable or unrecognised input is reported before any rule runs", async () => {
  await assert.rejects(
    review([
      { path: `${FIXTURES}/does-not-exist.yaml` },
      { path: `${FIXTURES}/not-openapi.txt` },
      { path: `${FIXTURES}/swagger2.yaml` },
    ]),
    (error) => {
      assert.ok(error instanceof InputError);
      assert.deepEqual(
        error.diagnostics.map((d) => [d.code, d.location.file, d.location.line]),
        [
          ["review/unreadable", `${FIXTURES}/does-not-exist.yaml`, 1],
          ["review/unknown-kind", `${FIXTURES}/not-openapi.txt`, 1],
          ["openapi/swagger-2", `${FIXTURES}/swagger2.yaml`, 2],
        ],
      );
      return true;
    },
  );
});

test("SQL inputs are reviewed by the schema rules", async () => {
  const result = await review([{ path: "schema.sql", text: "CREATE TABLE notes (body text);\n" }]);
  assert.deepEqual(result.files, [{ path: "schema.sql", kind: "sql" }]);
  const finding = result.findings.find((f) => f.ruleId === "table-without-primary-key");
  assert.equal(finding?.location.file, "schema.sql");
  assert.equal(finding?.location.line, 1);
});

test("config file: severities, ignores, and located errors", () => {
  const config = parseReviewConfig(
    "c.yaml",
    "rules:\n  path-verb: off\n  secret-in-response: warn\nignore: ['gen/**']\n",
  );
  assert.deepEqual(config, {
    rules: { "path-verb": "off", "secret-in-response": "warn" },
    ignore: ["gen/**"],
    aliases: {},
  });
  assert.throws(
    () => parseReviewConfig("c.yaml", "rules:\n  path-verb: off\n  secret-in-responses: warn\n"),
    (error) => {
      assert.ok(error instanceof InputError);
      assert.match(error.diagnostics[0]?.message ?? "", /did you mean "secret-in-response"/);
      assert.deepEqual(error.diagnostics[0]?.location, { file: "c.yaml", line: 3, column: 3 });
      return true;
    },
  );
  assert.throws(
    () => parseReviewConfig("c.yaml", "rules:\n  path-verb: loud\n"),
    (error) => {
      assert.ok(error instanceof InputError);
      assert.deepEqual(error.diagnostics[0]?.location, { file: "c.yaml", line: 2, column: 14 });
      return true;
    },
  );
});

test("-- archwright-ignore in SQL suppresses the named rules on its statement only", async () => {
  const text = [
    "CREATE TABLE a (id integer PRIMARY KEY, at timestamp NOT NULL);",
    "-- archwright-ignore: timestamp-without-time-zone",
    "CREATE TABLE b (id integer PRIMARY KEY, at timestamp NOT NULL);",
    "CREATE TABLE c (id integer PRIMARY KEY, at timestamp NOT NULL); -- archwright-ignore: *",
    "",
  ].join("\n");
  const result = await review([{ path: "schema.sql", text }]);
  const timestamps = result.findings.filter((f) => f.ruleId === "timestamp-without-time-zone");
  assert.deepEqual(
    timestamps.map((f) => f.location.line),
    [1],
    "only table a's column is reported",
  );
  assert.ok(!result.findings.some((f) => f.location.line === 4), "`*` suppresses every rule on its line");
});

test("a suppression above a multi-line statement covers the whole statement", async () => {
  const text = [
    "-- archwright-ignore: timestamp-without-time-zone",
    "CREATE TABLE b (",
    "  id integer PRIMARY KEY,",
    "  at timestamp NOT NULL",
    ");",
    "CREATE TABLE c (",
    "  id integer PRIMARY KEY,",
    "  at timestamp NOT NULL",
    ");",
    "",
  ].join("\n");
  const result = await review([{ path: "schema.sql", text }]);
  const lines = result.findings
    .filter((f) => f.ruleId === "timestamp-without-time-zone")
    .map((f) => f.location.line);
  assert.deepEqual(lines, [8]);
});
