import assert from "node:assert/strict";
import { test } from "node:test";
import { importOpenApi } from "../../../src/import/openapi/import-openapi.js";
import type { BreakingChangeRule } from "../../../src/review/diff/breaking-change-rule.js";
import { OpenApiDiff } from "../../../src/review/diff/openapi-diff.js";
import { mediaTypeRemoved } from "../../../src/review/rules/breaking-change/media-type-removed.js";
import { operationRemoved } from "../../../src/review/rules/breaking-change/operation-removed.js";
import { operationSecurityTightened } from "../../../src/review/rules/breaking-change/operation-security-tightened.js";
import { parameterBecameRequired } from "../../../src/review/rules/breaking-change/parameter-became-required.js";
import { parameterRemoved } from "../../../src/review/rules/breaking-change/parameter-removed.js";
import { requestPropertyBecameRequired } from "../../../src/review/rules/breaking-change/request-property-became-required.js";
import { requestValueNarrowed } from "../../../src/review/rules/breaking-change/request-value-narrowed.js";
import { responseEnumValueAdded } from "../../../src/review/rules/breaking-change/response-enum-value-added.js";
import { responsePropertyBecameOptional } from "../../../src/review/rules/breaking-change/response-property-became-optional.js";
import { responsePropertyRemoved } from "../../../src/review/rules/breaking-change/response-property-removed.js";
import { schemaTypeChanged } from "../../../src/review/rules/breaking-change/schema-type-changed.js";
import { securityScopeRemoved } from "../../../src/review/rules/breaking-change/security-scope-removed.js";
import { successStatusRemoved } from "../../../src/review/rules/breaking-change/success-status-removed.js";
import { openapi } from "../rule-tester.js";

/** `[message, line, column]` in the new file, then `[line, column]` of the first related place in the old one. */
type Expected = readonly [string, number, number, number, number];

interface DiffCases {
  readonly valid: readonly { readonly name: string; readonly old: string; readonly new: string }[];
  readonly invalid: readonly {
    readonly name: string;
    readonly old: string;
    readonly new: string;
    readonly expected: readonly Expected[];
  }[];
}

function runDiffRule(rule: BreakingChangeRule, oldText: string, newText: string): Expected[] {
  const old = importOpenApi({ path: "old.yaml", text: oldText });
  const next = importOpenApi({ path: "new.yaml", text: newText });
  const found: Parameters<Parameters<BreakingChangeRule["check"]>[1]>[0][] = [];
  rule.check(new OpenApiDiff(old, next), (r) => found.push(r));
  old.resolveLocations();
  next.resolveLocations();
  return found.map((f) => {
    assert.equal(f.location.file, "new.yaml");
    const related = f.related?.[0]?.location;
    assert.equal(related?.file, "old.yaml", `${f.message} has a related place in the old file`);
    return [f.message, f.location.line, f.location.column, related.line, related.column] as const;
  });
}

function diffRuleTests(rule: BreakingChangeRule, cases: DiffCases): void {
  for (const c of cases.valid) {
    test(`${rule.meta.id}: valid: ${c.name}`, () => {
      assert.deepEqual(runDiffRule(rule, openapi(c.old), openapi(c.new)), []);
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.meta.id}: invalid: ${c.name}`, () => {
      assert.deepEqual(runDiffRule(rule, openapi(c.old), openapi(c.new)), c.expected);
    });
  }
}

const OK = "{responses: {'200': {description: ok}}}";

/** GET /pets (from line 3) with the given parameter lines (from line 7). */
const withParameters = (...parameters: string[]) =>
  `paths:\n  /pets:\n    get:\n      parameters:\n${parameters.map((p) => `        - ${p}\n`).join("")}      responses: {'200': {description: ok}}\n`;

diffRuleTests(operationRemoved, {
  valid: [
    {
      name: "unchanged",
      old: `paths:\n  /pets:\n    get: ${OK}\n`,
      new: `paths:\n  /pets:\n    get: ${OK}\n`,
    },
    {
      name: "path parameter renamed",
      old: `paths:\n  /pets/{id}:\n    get: ${OK}\n`,
      new: `paths:\n  /pets/{petId}:\n    get: ${OK}\n`,
    },
    {
      name: "new operation",
      old: `paths:\n  /pets:\n    get: ${OK}\n`,
      new: `paths:\n  /pets:\n    get: ${OK}\n    post: ${OK}\n  /owners:\n    get: ${OK}\n`,
    },
  ],
  invalid: [
    {
      name: "a method removed from a path",
      old: `paths:\n  /pets:\n    get: ${OK}\n    post: ${OK}\n`,
      new: `paths:\n  /pets:\n    get: ${OK}\n`,
      expected: [["POST /pets was removed", 4, 3, 6, 5]],
    },
    {
      name: "a whole path removed",
      old: `paths:\n  /pets:\n    get: ${OK}\n  /owners/{id}:\n    get: ${OK}\n`,
      new: `paths:\n  /pets:\n    get: ${OK}\n`,
      expected: [["GET /owners/{id} was removed", 3, 1, 7, 5]],
    },
  ],
});

const LIMIT = "{name: limit, in: query, schema: {type: integer}}";
const TAGS = "{name: tags, in: query, schema: {type: string}}";

diffRuleTests(parameterRemoved, {
  valid: [
    { name: "unchanged", old: withParameters(LIMIT, TAGS), new: withParameters(LIMIT, TAGS) },
    { name: "reordered", old: withParameters(LIMIT, TAGS), new: withParameters(TAGS, LIMIT) },
    {
      name: "header name case changed",
      old: withParameters("{name: X-Trace, in: header, schema: {type: string}}"),
      new: withParameters("{name: x-trace, in: header, schema: {type: string}}"),
    },
    {
      name: "path parameter renamed",
      old: `paths:\n  /pets/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
      new: `paths:\n  /pets/{petId}:\n    get:\n      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
    },
  ],
  invalid: [
    {
      name: "query parameter removed",
      old: withParameters(LIMIT, TAGS),
      new: withParameters(LIMIT),
      expected: [['query parameter "tags" of GET /pets was removed', 6, 7, 8, 11]],
    },
    {
      name: "query parameter renamed",
      old: withParameters(LIMIT, TAGS),
      new: withParameters("{name: max, in: query, schema: {type: integer}}", TAGS),
      expected: [['query parameter "limit" of GET /pets was renamed to "max"', 7, 11, 7, 11]],
    },
    {
      // GitHub's list parameters shape (@octokit/openapi): `page` (integer) gone and `relationship`
      // (string) added elsewhere are two changes; calling it a rename misleads.
      name: "a different parameter appears elsewhere: removed, not renamed",
      old: withParameters(
        "{name: page, in: query, schema: {type: integer}}",
        "{name: per_page, in: query, schema: {type: integer}}",
      ),
      new: withParameters(
        "{name: per_page, in: query, schema: {type: integer}}",
        "{name: relationship, in: query, schema: {type: string}}",
      ),
      expected: [['query parameter "page" of GET /pets was removed', 6, 7, 7, 11]],
    },
    {
      name: "a lone newcomer sharing a word is a rename",
      old: withParameters("{name: page, in: query, schema: {type: integer}}", TAGS),
      new: withParameters(TAGS, "{name: page_number, in: query, schema: {type: integer}}"),
      expected: [['query parameter "page" of GET /pets was renamed to "page_number"', 8, 11, 7, 11]],
    },
    {
      name: "renamed at the same position while another is added",
      old: withParameters(LIMIT, TAGS),
      new: withParameters("{name: max, in: query}", TAGS, "{name: cursor, in: query}"),
      expected: [['query parameter "limit" of GET /pets was renamed to "max"', 7, 11, 7, 11]],
    },
  ],
});

diffRuleTests(parameterBecameRequired, {
  valid: [
    { name: "new optional parameter", old: withParameters(LIMIT), new: withParameters(LIMIT, TAGS) },
    {
      name: "required parameter kept",
      old: withParameters("{name: limit, in: query, required: true}"),
      new: withParameters("{name: limit, in: query, required: true}"),
    },
    {
      name: "required parameter became optional",
      old: withParameters("{name: limit, in: query, required: true}"),
      new: withParameters(LIMIT),
    },
  ],
  invalid: [
    {
      name: "optional parameter became required",
      old: withParameters(LIMIT),
      new: withParameters("{name: limit, in: query, required: true}"),
      expected: [['query parameter "limit" of GET /pets is now required', 7, 36, 7, 11]],
    },
    {
      name: "new required header",
      old: withParameters(LIMIT),
      new: withParameters(LIMIT, "{name: X-Tenant, in: header, required: true}"),
      expected: [['new required header parameter "X-Tenant" of GET /pets', 8, 11, 5, 5]],
    },
  ],
});

/** POST /pets (from line 3) whose JSON body schema is `schema` (line 9), with `components` after it. */
const withBody = (schema: string, components = "", body = "") =>
  `paths:\n  /pets:\n    post:\n      requestBody:\n${body}        content:\n          application/json:\n            schema: ${schema}\n      responses: {'201': {description: ok}}\n${components}`;

diffRuleTests(requestPropertyBecameRequired, {
  valid: [
    {
      name: "new optional property",
      old: withBody("{type: object, properties: {name: {type: string}}}"),
      new: withBody("{type: object, properties: {name: {type: string}, tag: {type: string}}}"),
    },
    {
      name: "required list unchanged, order changed",
      old: withBody("{type: object, required: [a, b], properties: {a: {}, b: {}}}"),
      new: withBody("{type: object, required: [b, a], properties: {a: {}, b: {}}}"),
    },
    {
      name: "new required property the server fills (readOnly)",
      old: withBody("{type: object, properties: {name: {type: string}}}"),
      new: withBody(
        "{type: object, required: [id], properties: {name: {type: string}, id: {readOnly: true}}}",
      ),
    },
    {
      name: "required moved into an allOf member",
      old: withBody("{type: object, required: [name], properties: {name: {type: string}}}"),
      new: withBody("{allOf: [{required: [name], properties: {name: {type: string}}}]}"),
    },
  ],
  invalid: [
    {
      name: "optional property became required",
      old: withBody("{type: object, properties: {name: {type: string}}}"),
      new: withBody("{type: object, required: [name], properties: {name: {type: string}}}"),
      expected: [['request body of POST /pets: property "name" is now required', 9, 47, 9, 49]],
    },
    {
      name: "new required property in a nested component",
      old: withBody(
        "{$ref: '#/components/schemas/Pet'}",
        "components:\n  schemas:\n    Pet: {properties: {owner: {type: object}}}\n",
      ),
      new: withBody(
        "{$ref: '#/components/schemas/Pet'}",
        "components:\n  schemas:\n    Pet: {properties: {owner: {type: object, required: [email]}}}\n",
      ),
      expected: [
        ['request body of POST /pets, property owner: new required property "email"', 13, 57, 13, 24],
      ],
    },
    {
      name: "body became required",
      old: withBody("{type: object}"),
      new: withBody("{type: object}", "", "        required: true\n"),
      expected: [["request body of POST /pets is now required", 7, 9, 6, 7]],
    },
  ],
});

/** GET /pets returning `schema` (line 10) as JSON, with `components` after it. */
const withResponse = (schema: string, components = "") =>
  `paths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json: {schema: ${schema}}\n${components}`;

diffRuleTests(responsePropertyRemoved, {
  valid: [
    {
      name: "property added",
      old: withResponse("{properties: {id: {type: string}}}"),
      new: withResponse("{properties: {id: {type: string}, name: {type: string}}}"),
    },
    {
      name: "writeOnly property removed",
      old: withResponse("{properties: {id: {}, password: {writeOnly: true}}}"),
      new: withResponse("{properties: {id: {}}}"),
    },
    {
      name: "property moved into an allOf member",
      old: withResponse("{properties: {id: {}, name: {}}}"),
      new: withResponse("{allOf: [{properties: {id: {}}}, {properties: {name: {}}}]}"),
    },
    {
      name: "recursive schema unchanged",
      old: withResponse(
        "{$ref: '#/components/schemas/Node'}",
        "components:\n  schemas:\n    Node: {properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
      ),
      new: withResponse(
        "{$ref: '#/components/schemas/Node'}",
        "components:\n  schemas:\n    Node: {properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "property removed",
      old: withResponse("{properties: {id: {type: string}, name: {type: string}}}"),
      new: withResponse("{properties: {id: {type: string}}}"),
      expected: [['response 200 of GET /pets: property "name" was removed', 10, 41, 10, 74]],
    },
    {
      name: "property removed deep in a recursive component, reported once where it is defined",
      old: withResponse(
        "{$ref: '#/components/schemas/Node'}",
        "components:\n  schemas:\n    Node: {properties: {label: {}, children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
      ),
      new: withResponse(
        "{$ref: '#/components/schemas/Node'}",
        "components:\n  schemas:\n    Node: {properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
      ),
      expected: [['response 200 of GET /pets: property "label" was removed', 13, 12, 13, 25]],
    },
  ],
});

diffRuleTests(schemaTypeChanged, {
  valid: [
    {
      name: "request integer widened to number",
      old: withBody("{type: integer}"),
      new: withBody("{type: number}"),
    },
    {
      name: "response number narrowed to integer",
      old: withResponse("{type: number}"),
      new: withResponse("{type: integer}"),
    },
    {
      name: "request int32 widened to int64",
      old: withBody("{type: integer, format: int32}"),
      new: withBody("{type: integer, format: int64}"),
    },
    {
      name: "response gained a format",
      old: withResponse("{type: string}"),
      new: withResponse("{type: string, format: uuid}"),
    },
  ],
  invalid: [
    {
      name: "request string became integer",
      old: withBody("{type: object, properties: {age: {type: string}}}"),
      new: withBody("{type: object, properties: {age: {type: integer}}}"),
      expected: [
        ["request body of POST /pets, property age: type changed from string to integer", 9, 55, 9, 55],
      ],
    },
    {
      name: "response became nullable",
      old: withResponse("{type: string}"),
      new: withResponse("{type: string, nullable: true}"),
      expected: [["response 200 of GET /pets: type changed from string to null | string", 10, 41, 10, 41]],
    },
    {
      name: "format changed",
      old: withResponse("{type: string, format: date}"),
      new: withResponse("{type: string, format: date-time}"),
      expected: [["response 200 of GET /pets: format changed from date to date-time", 10, 55, 10, 55]],
    },
  ],
});

diffRuleTests(requestValueNarrowed, {
  valid: [
    {
      name: "request enum widened",
      old: withBody("{type: string, enum: [a, b]}"),
      new: withBody("{type: string, enum: [a, b, c]}"),
    },
    {
      name: "bounds loosened",
      old: withBody("{type: string, minLength: 2, maxLength: 10}"),
      new: withBody("{type: string, minLength: 1, maxLength: 20}"),
    },
    {
      name: "response enum narrowed",
      old: withResponse("{type: string, enum: [a, b]}"),
      new: withResponse("{type: string, enum: [a]}"),
    },
  ],
  invalid: [
    {
      name: "enum value removed from a query parameter",
      old: withParameters("{name: sort, in: query, schema: {type: string, enum: [asc, desc]}}"),
      new: withParameters("{name: sort, in: query, schema: {type: string, enum: [asc]}}"),
      expected: [['query parameter "sort" of GET /pets: enum value "desc" removed', 7, 58, 7, 58]],
    },
    {
      name: "maxLength lowered and minimum raised",
      old: withBody(
        "{type: object, properties: {name: {type: string, maxLength: 50}, age: {type: integer, minimum: 0}}}",
      ),
      new: withBody(
        "{type: object, properties: {name: {type: string, maxLength: 20}, age: {type: integer, minimum: 1}}}",
      ),
      expected: [
        ["request body of POST /pets, property name: maxLength lowered from 50 to 20", 9, 70, 9, 70],
        ["request body of POST /pets, property age: minimum raised from 0 to 1", 9, 107, 9, 107],
      ],
    },
    {
      name: "enum and pattern added",
      old: withBody("{type: string}"),
      new: withBody("{type: string, enum: [a], pattern: '^a$'}"),
      expected: [
        ['request body of POST /pets: now only accepts "a"', 9, 36, 9, 13],
        ["request body of POST /pets: new pattern ^a$", 9, 47, 9, 13],
      ],
    },
  ],
});

diffRuleTests(successStatusRemoved, {
  valid: [
    {
      name: "success code added",
      old: `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`,
      new: `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}, '201': {description: ok}}}\n`,
    },
    {
      name: "covered by 2XX",
      old: `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`,
      new: `paths:\n  /pets:\n    post: {responses: {'2XX': {description: ok}}}\n`,
    },
    {
      name: "error code removed",
      old: `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}, '404': {description: no}}}\n`,
      new: `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`,
    },
  ],
  invalid: [
    {
      name: "success code changed",
      old: `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`,
      new: `paths:\n  /pets:\n    post: {responses: {'201': {description: ok}}}\n`,
      expected: [["success response of POST /pets changed from 200 to 201", 5, 24, 5, 24]],
    },
    {
      name: "one of two success codes removed",
      old: `paths:\n  /pets/{id}:\n    delete: {responses: {'200': {description: ok}, '204': {description: gone}}}\n`,
      new: `paths:\n  /pets/{id}:\n    delete: {responses: {'200': {description: ok}}}\n`,
      expected: [["success response 204 of DELETE /pets/{id} was removed", 5, 14, 5, 52]],
    },
  ],
});

/** An OAuth scheme (from line 3) with the given implicit-flow scopes, then GET /pets needing `need`. */
const withOAuth = (scopes: string, security: string) =>
  `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://a.io/auth', scopes: {${scopes}}}}}\n    key: {type: apiKey, in: header, name: X-Key}\npaths:\n  /pets:\n    get: {security: ${security}, responses: {'200': {description: ok}}}\n`;

diffRuleTests(securityScopeRemoved, {
  valid: [
    {
      name: "scope added",
      old: withOAuth("read: r", "[{oauth: [read]}]"),
      new: withOAuth("read: r, write: w", "[{oauth: [read]}]"),
    },
  ],
  invalid: [
    {
      name: "scope removed",
      old: withOAuth("read: r, write: w", "[{oauth: [read]}]"),
      new: withOAuth("read: r", "[{oauth: [read]}]"),
      expected: [['scope "write" of security scheme "oauth" (implicit flow) was removed', 5, 85, 5, 103]],
    },
  ],
});

diffRuleTests(operationSecurityTightened, {
  valid: [
    { name: "made public", old: withOAuth("read: r", "[{oauth: [read]}]"), new: withOAuth("read: r", "[]") },
    {
      name: "alternative added",
      old: withOAuth("read: r", "[{oauth: [read]}]"),
      new: withOAuth("read: r", "[{oauth: [read]}, {key: []}]"),
    },
    {
      name: "scope no longer needed",
      old: withOAuth("read: r", "[{oauth: [read]}]"),
      new: withOAuth("read: r", "[{oauth: []}]"),
    },
    {
      name: "no security before or after",
      old: `paths:\n  /pets:\n    get: ${OK}\n`,
      new: `paths:\n  /pets:\n    get: ${OK}\n`,
    },
  ],
  invalid: [
    {
      name: "public operation now secured",
      old: `paths:\n  /pets:\n    get: ${OK}\n`,
      new: withOAuth("read: r", "[{oauth: [read]}]"),
      expected: [["GET /pets now requires authentication; it was public", 9, 11, 5, 5]],
    },
    {
      name: "scope added to the requirement",
      old: withOAuth("read: r, write: w", "[{oauth: [read]}]"),
      new: withOAuth("read: r, write: w", "[{oauth: [read, write]}]"),
      expected: [['GET /pets now requires scope "write" of oauth', 9, 11, 9, 11]],
    },
    {
      name: "alternative dropped",
      old: withOAuth("read: r", "[{oauth: [read]}, {key: []}]"),
      new: withOAuth("read: r", "[{oauth: [read]}]"),
      expected: [["GET /pets no longer accepts key", 9, 11, 9, 11]],
    },
  ],
});

diffRuleTests(mediaTypeRemoved, {
  valid: [
    {
      name: "media type added",
      old: withResponse("{type: object}"),
      new: withResponse("{type: object}").replace(
        "            application/json:",
        "            application/xml: {schema: {type: object}}\n            application/json:",
      ),
    },
    {
      name: "parameters on the media type",
      old: withResponse("{type: object}"),
      new: withResponse("{type: object}").replace("application/json:", "application/json; charset=utf-8:"),
    },
  ],
  invalid: [
    {
      name: "response media type replaced",
      old: withResponse("{type: object}"),
      new: withResponse("{type: object}").replace("application/json", "application/hal+json"),
      expected: [["response 200 of GET /pets no longer offers application/json", 9, 11, 10, 13]],
    },
    {
      name: "request media type removed",
      old: withBody("{type: object}").replace(
        "          application/json:\n",
        "          application/x-www-form-urlencoded: {schema: {type: object}}\n          application/json:\n",
      ),
      new: withBody("{type: object}"),
      expected: [
        ["request body of POST /pets no longer offers application/x-www-form-urlencoded", 7, 9, 8, 11],
      ],
    },
  ],
});

/**
 * The response of petstore-expanded (../shared/corpus/openapi/oai-examples/petstore-expanded.yaml):
 * Pet is NewPet (`required: [name]`) plus `id`, with `required` as given.
 */
const petResponse = (required: string, status = "") =>
  withResponse(
    `{allOf: [{required: [name], properties: {name: {type: string}, tag: {type: string}${status}}}, {${required}properties: {id: {type: integer, format: int64}}}]}`,
  );

diffRuleTests(responsePropertyBecameOptional, {
  valid: [
    { name: "unchanged", old: petResponse("required: [id], "), new: petResponse("required: [id], ") },
    { name: "optional became required", old: petResponse(""), new: petResponse("required: [id], ") },
    {
      name: "a required property removed is response-property-removed's",
      old: withResponse("{required: [id], properties: {id: {}, name: {}}}"),
      new: withResponse("{properties: {name: {}}}"),
    },
  ],
  invalid: [
    {
      name: "petstore: id no longer required",
      old: petResponse("required: [id], "),
      new: petResponse(""),
      expected: [['response 200 of GET /pets: property "id" is no longer required', 10, 140, 10, 138]],
    },
  ],
});

const STATUS_OLD = ", status: {type: string, enum: [available, pending, sold]}";
const STATUS_NEW = ", status: {type: string, enum: [available, pending, sold, reserved]}";

diffRuleTests(responseEnumValueAdded, {
  valid: [
    { name: "unchanged", old: petResponse("", STATUS_OLD), new: petResponse("", STATUS_OLD) },
    {
      name: "a value removed from a response is narrowing",
      old: petResponse("", STATUS_NEW),
      new: petResponse("", STATUS_OLD),
    },
  ],
  invalid: [
    {
      name: "petstore: a new pet status",
      old: petResponse("", STATUS_OLD),
      new: petResponse("", STATUS_NEW),
      expected: [
        ['response 200 of GET /pets, property status: enum value "reserved" added', 10, 147, 10, 147],
      ],
    },
  ],
});
