import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { importOpenApi } from "../../../src/import/openapi/import-openapi.js";
import { JsonLocator } from "../../../src/import/openapi/json-locator.js";
import type { OpenApiNode } from "../../../src/import/openapi/openapi-node.js";
import { review } from "../../../src/review/review.js";

const FIXTURES = "test/fixtures/review";

function locateAll(text: string, path: string, pick: (root: OpenApiNode) => OpenApiNode[]) {
  const document = importOpenApi({ path, text });
  const locations = pick(document.root).map((n) => document.locate(n));
  document.resolveLocations();
  return locations.map((l) => [l.line, l.column]);
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail("expected an InputError");
}

test("JSON: members point at their key, items at the item, in pretty-printed text", () => {
  const text = `{
  "openapi": "3.1.0",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/a/{id}": {
      "get": {"tags": ["x", "y"], "responses": {"200": {"description": "ok"}}}
    }
  }
}`;
  const located = locateAll(text, "a.json", (root) => {
    const get = root.get("paths")?.get("/a/{id}")?.get("get");
    return [root, get, get?.get("tags")?.get("1"), get?.get("responses")?.get("200")].filter(
      (n): n is OpenApiNode => n !== undefined,
    );
  });
  assert.deepEqual(located, [
    [1, 1],
    [6, 7],
    [6, 29],
    [6, 49],
  ]);
});

test("JSON: minified text, escaped keys and skipped strings with brackets", () => {
  const text = `{"openapi":"3.0.0","info":{"title":"a \\"}]{[","version":"1"},"paths":{"/x\\u002fy":{"get":{"responses":{}}}}}`;
  const located = locateAll(text, "min.json", (root) => {
    const path = root.get("paths")?.get("/x/y");
    return path === undefined ? [] : [path, path.get("get") as OpenApiNode];
  });
  assert.deepEqual(located, [
    [1, 71],
    [1, 84],
  ]);
});

test("JSON locator: a pointer that does not resolve falls back to its deepest existing ancestor", () => {
  const text = `{"a": {"b": 1}}`;
  assert.deepEqual(new JsonLocator(text).offsets([["a", "missing"], ["zzz"]]), [1, 0]);
});

test("multi-file $ref: findings point into the referenced file", async () => {
  const result = await review([{ path: `${FIXTURES}/multi-file/openapi.yaml` }]);
  const email = result.findings.find((f) => f.ruleId === "request-string-unbounded");
  assert.deepEqual(email?.location, { file: `${FIXTURES}/multi-file/schemas/user.yaml`, line: 5, column: 5 });
  assert.equal(email?.message, 'request string "email" has no maxLength');
  const idempotency = result.findings.find((f) => f.ruleId === "create-without-idempotency-key");
  assert.deepEqual(idempotency?.location, {
    file: `${FIXTURES}/multi-file/paths/users.yaml`,
    line: 1,
    column: 1,
  });
  // The security scheme arrives through a $ref into a third file, so the operation counts as secured.
  assert.equal(
    result.findings.some((f) => f.ruleId === "operation-without-security"),
    false,
  );
});

test("a $ref to a missing file is a located input error", () => {
  const error = inputError(() =>
    importOpenApi(
      {
        path: `${FIXTURES}/missing-ref.yaml`,
        text: "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /users:\n    $ref: './nowhere.yaml'\n",
      },
      {},
    ),
  );
  assert.equal(error.diagnostics[0]?.code, "openapi/unresolvable-ref");
  assert.match(error.diagnostics[0]?.message ?? "", /cannot read test\/fixtures\/review\/nowhere\.yaml/);
  assert.deepEqual(error.diagnostics[0]?.location, {
    file: `${FIXTURES}/missing-ref.yaml`,
    line: 4,
    column: 3,
  });
});

test("Swagger 2.0 is refused with a conversion hint at the swagger field", () => {
  const error = inputError(() =>
    importOpenApi({ path: "old.yaml", text: "# old\nswagger: '2.0'\ninfo: {}\n" }),
  );
  assert.equal(error.diagnostics[0]?.code, "openapi/swagger-2");
  assert.match(
    error.diagnostics[0]?.message ?? "",
    /Swagger 2\.0 is not supported; convert it to OpenAPI 3 first/,
  );
  assert.deepEqual(error.diagnostics[0]?.location, { file: "old.yaml", line: 2, column: 1 });
});

test("invalid YAML and JSON are located", () => {
  const yaml = inputError(() =>
    importOpenApi({ path: "bad.yaml", text: "openapi: 3.0.3\npaths:\n  /a: [\n" }),
  );
  assert.equal(yaml.diagnostics[0]?.code, "openapi/invalid-yaml");
  assert.equal(yaml.diagnostics[0]?.location.file, "bad.yaml");
  assert.ok((yaml.diagnostics[0]?.location.line ?? 0) >= 3);
  const json = inputError(() =>
    importOpenApi({ path: "bad.json", text: '{\n  "openapi": "3.0.3",\n  "paths": }\n' }),
  );
  assert.equal(json.diagnostics[0]?.code, "openapi/invalid-json");
  assert.deepEqual(json.diagnostics[0]?.location, { file: "bad.json", line: 3, column: 12 });
});

test("a document without `openapi` is not taken for OpenAPI", () => {
  const error = inputError(() => importOpenApi({ path: "x.yaml", text: "title: not an api\n" }));
  assert.equal(error.diagnostics[0]?.code, "openapi/unsupported-version");
  assert.match(error.diagnostics[0]?.message ?? "", /no `openapi` field/);
});

test("operations merge path-level parameters with the operation's own, the operation's winning", () => {
  const document = importOpenApi({
    path: "p.yaml",
    text: `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: q, in: query, schema: {type: string}}
    get:
      parameters:
        - {name: q, in: query, schema: {type: integer}}
      responses: {"200": {description: ok}}
`,
  });
  const [operation] = document.operations;
  assert.deepEqual(
    operation?.parameters.map((p) => [p.string("name"), p.get("schema")?.string("type")]),
    [
      ["id", "string"],
      ["q", "integer"],
    ],
  );
});
