import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { UsageError } from "../../../src/diagnostics/usage-error.js";
import { diffOpenApi } from "../../../src/review/diff/diff-openapi.js";
import { openapi } from "../rule-tester.js";

const PETSTORE = "../shared/corpus/openapi/oai-examples/petstore-expanded.yaml";
const PETSTORE_V2 = "test/fixtures/diff/petstore-expanded-v2.yaml";

test("no change: Stripe's description against itself has no findings", async () => {
  const path = "../shared/corpus/openapi/stripe-spec3.yaml";
  const result = await diffOpenApi({ path }, { path });
  assert.deepEqual(result.findings, []);
});

test("no change: GitHub's description against itself has no findings", async () => {
  const path = "node_modules/@octokit/openapi/generated/api.github.com.json";
  const result = await diffOpenApi({ path }, { path });
  assert.deepEqual(result.findings, []);
});

test("petstore-expanded with known breaking changes: exactly those are found", async () => {
  const result = await diffOpenApi({ path: PETSTORE }, { path: PETSTORE_V2 });
  const found = result.findings.map((f) => {
    const related = f.related.map((r) => `${r.location.file}:${r.location.line}:${r.location.column}`);
    return `${f.location.line}:${f.location.column} ${f.ruleId}: ${f.message} <- ${related.join(" ")}`;
  });
  const old = (line: number, column: number) => `${PETSTORE}:${line}:${column}`;
  assert.deepEqual(found, [
    `25:11 parameter-became-required: query parameter "tags" of GET /pets is now required <- ${old(26, 11)}`,
    `31:11 parameter-removed: query parameter "limit" of GET /pets was renamed to "max_results" <- ${old(35, 11)}`,
    `62:7 operation-security-tightened: POST /pets now requires authentication; it was public <- ${old(57, 5)}`,
    `72:9 success-status-removed: success response of POST /pets changed from 200 to 201 <- ${old(68, 9)}`,
    `84:3 operation-removed: DELETE /pets/{id} was removed <- ${old(105, 5)}`,
    `94:13 schema-type-changed: path parameter "petId" of GET /pets/{petId}: type changed from integer to string <- ${old(90, 13)}`,
    `98:11 media-type-removed: response 200 of GET /pets/{petId} no longer offers application/json <- ${old(96, 13)}`,
    `149:11 request-property-became-required: request body of POST /pets: property "tag" is now required <- ${old(145, 9)}`,
    `153:11 request-value-narrowed: request body of POST /pets, property name: new maxLength 100 <- ${old(143, 9)}`,
    `161:7 response-property-removed: response default of GET /pets: property "message" was removed <- ${old(157, 9)}`,
  ]);
  assert.ok(result.findings.every((f) => f.location.file === PETSTORE_V2 && f.area === "breaking-change"));
  assert.deepEqual(result.summary.bySeverity, { error: 10, warning: 0, info: 0 });
});

test("the reverse diff reports what the new version added as removed", async () => {
  const result = await diffOpenApi({ path: PETSTORE_V2 }, { path: PETSTORE });
  const removed = result.findings.filter((f) => f.ruleId === "operation-removed").map((f) => f.message);
  assert.deepEqual(removed, ["GET /pets/{petId}/photos was removed"]);
});

const BASE = openapi(
  "paths:\n  /pets:\n    get: {responses: {'200': {description: ok}}}\n    post: {responses: {'201': {description: ok}}}\n",
);
const NO_POST = openapi("paths:\n  /pets:\n    get: {responses: {'200': {description: ok}}}\n");

test("rules can be switched off or given another severity", async () => {
  const input = [
    { path: "old.yaml", text: BASE },
    { path: "new.yaml", text: NO_POST },
  ] as const;
  assert.equal((await diffOpenApi(...input)).findings.length, 1);
  assert.deepEqual((await diffOpenApi(...input, { rules: { "operation-removed": "off" } })).findings, []);
  const warned = await diffOpenApi(...input, { rules: { "operation-removed": "warn" } });
  assert.equal(warned.findings[0]?.severity, "warning");
  await assert.rejects(
    diffOpenApi(...input, { rules: { "operation-removd": "off" } }),
    (e: unknown) => e instanceof UsageError && /did you mean "operation-removed"/.test(e.message),
  );
});

test("x-archwright-ignore in the new version suppresses a finding located below it", async () => {
  const suppressed = NO_POST.replace(
    "  /pets:\n",
    "  /pets:\n    x-archwright-ignore: [operation-removed]\n",
  );
  const result = await diffOpenApi({ path: "old.yaml", text: BASE }, { path: "new.yaml", text: suppressed });
  assert.deepEqual(result.findings, []);
});

test("invalid input on either side is an InputError located in that file", async () => {
  await assert.rejects(
    diffOpenApi(
      { path: "old.yaml", text: "openapi: 3.0.3\npaths: [\n" },
      { path: "new.yaml", text: "swagger: '2.0'\n" },
    ),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.deepEqual(
        e.diagnostics.map((d) => `${d.location.file}:${d.location.line}:${d.code}`),
        ["old.yaml:3:openapi/invalid-yaml", "new.yaml:1:openapi/swagger-2"],
      );
      return true;
    },
  );
  await assert.rejects(
    diffOpenApi({ path: "missing-old.yaml" }, { path: "new.yaml", text: NO_POST }),
    (e: unknown) => e instanceof InputError && /cannot read missing-old\.yaml \(ENOENT\)/.test(e.message),
  );
});
