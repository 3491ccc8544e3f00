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
import { openapi, ruleTester } from "../rule-tester.js";

const OK = "{responses: {'200': {description: ok}}}";

/** GET /pets (from line 3) with the given parameter lines (from line 7). */
const withParameters = (...parameters: string[]) =>
  `paths:\n  /pets:\n    get:\n      parameters:\n${parameters.map((p) => `        - ${p}\n`).join("")}      responses: {'200': {description: ok}}\n`;

ruleTester(operationRemoved, {
  valid: [
    {
      name: "unchanged",
      previous: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
      openapi: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
    },
    {
      name: "path parameter renamed",
      previous: openapi(`paths:\n  /pets/{id}:\n    get: ${OK}\n`),
      openapi: openapi(`paths:\n  /pets/{petId}:\n    get: ${OK}\n`),
    },
    {
      name: "new operation",
      previous: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
      openapi: openapi(`paths:\n  /pets:\n    get: ${OK}\n    post: ${OK}\n  /owners:\n    get: ${OK}\n`),
    },
  ],
  invalid: [
    {
      name: "a method removed from a path",
      previous: openapi(`paths:\n  /pets:\n    get: ${OK}\n    post: ${OK}\n`),
      openapi: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
      errors: [{ message: "POST /pets was removed", line: 4, column: 3, related: { line: 6, column: 5 } }],
    },
    {
      name: "a whole path removed",
      previous: openapi(`paths:\n  /pets:\n    get: ${OK}\n  /owners/{id}:\n    get: ${OK}\n`),
      openapi: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
      errors: [
        { message: "GET /owners/{id} was removed", line: 3, column: 1, related: { line: 7, column: 5 } },
      ],
    },
  ],
});

const LIMIT = "{name: limit, in: query, schema: {type: integer}}";
const TAGS = "{name: tags, in: query, schema: {type: string}}";

ruleTester(parameterRemoved, {
  valid: [
    {
      name: "unchanged",
      previous: openapi(withParameters(LIMIT, TAGS)),
      openapi: openapi(withParameters(LIMIT, TAGS)),
    },
    {
      name: "reordered",
      previous: openapi(withParameters(LIMIT, TAGS)),
      openapi: openapi(withParameters(TAGS, LIMIT)),
    },
    {
      name: "header name case changed",
      previous: openapi(withParameters("{name: X-Trace, in: header, schema: {type: string}}")),
      openapi: openapi(withParameters("{name: x-trace, in: header, schema: {type: string}}")),
    },
    {
      name: "path parameter renamed",
      previous: openapi(
        `paths:\n  /pets/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
      ),
      openapi: openapi(
        `paths:\n  /pets/{petId}:\n    get:\n      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "query parameter removed",
      previous: openapi(withParameters(LIMIT, TAGS)),
      openapi: openapi(withParameters(LIMIT)),
      errors: [
        {
          message: 'query parameter "tags" of GET /pets was removed',
          line: 6,
          column: 7,
          related: { line: 8, column: 11 },
        },
      ],
    },
    {
      name: "query parameter renamed",
      previous: openapi(withParameters(LIMIT, TAGS)),
      openapi: openapi(withParameters("{name: max, in: query, schema: {type: integer}}", TAGS)),
      errors: [
        {
          message: 'query parameter "limit" of GET /pets was renamed to "max"',
          line: 7,
          column: 11,
          related: { line: 7, column: 11 },
        },
      ],
    },
    {
      // GitHub's list parameters shape (@octokit/openapi): `page` (integer) gone and `relationship`
      // (string) added elsewhere are two changes; calling it a rename misleads.
      name: "a different parameter appears elsewhere: removed, not renamed",
      previous: openapi(
        withParameters(
          "{name: page, in: query, schema: {type: integer}}",
          "{name: per_page, in: query, schema: {type: integer}}",
        ),
      ),
      openapi: openapi(
        withParameters(
          "{name: per_page, in: query, schema: {type: integer}}",
          "{name: relationship, in: query, schema: {type: string}}",
        ),
      ),
      errors: [
        {
          message: 'query parameter "page" of GET /pets was removed',
          line: 6,
          column: 7,
          related: { line: 7, column: 11 },
        },
      ],
    },
    {
      name: "a lone newcomer sharing a word is a rename",
      previous: openapi(withParameters("{name: page, in: query, schema: {type: integer}}", TAGS)),
      openapi: openapi(withParameters(TAGS, "{name: page_number, in: query, schema: {type: integer}}")),
      errors: [
        {
          message: 'query parameter "page" of GET /pets was renamed to "page_number"',
          line: 8,
          column: 11,
          related: { line: 7, column: 11 },
        },
      ],
    },
    {
      name: "renamed at the same position while another is added",
      previous: openapi(withParameters(LIMIT, TAGS)),
      openapi: openapi(withParameters("{name: max, in: query}", TAGS, "{name: cursor, in: query}")),
      errors: [
        {
          message: 'query parameter "limit" of GET /pets was renamed to "max"',
          line: 7,
          column: 11,
          related: { line: 7, column: 11 },
        },
      ],
    },
  ],
});

ruleTester(parameterBecameRequired, {
  valid: [
    {
      name: "new optional parameter",
      previous: openapi(withParameters(LIMIT)),
      openapi: openapi(withParameters(LIMIT, TAGS)),
    },
    {
      name: "required parameter kept",
      previous: openapi(withParameters("{name: limit, in: query, required: true}")),
      openapi: openapi(withParameters("{name: limit, in: query, required: true}")),
    },
    {
      name: "required parameter became optional",
      previous: openapi(withParameters("{name: limit, in: query, required: true}")),
      openapi: openapi(withParameters(LIMIT)),
    },
  ],
  invalid: [
    {
      name: "optional parameter became required",
      previous: openapi(withParameters(LIMIT)),
      openapi: openapi(withParameters("{name: limit, in: query, required: true}")),
      errors: [
        {
          message: 'query parameter "limit" of GET /pets is now required',
          line: 7,
          column: 36,
          related: { line: 7, column: 11 },
        },
      ],
    },
    {
      name: "new required header",
      previous: openapi(withParameters(LIMIT)),
      openapi: openapi(withParameters(LIMIT, "{name: X-Tenant, in: header, required: true}")),
      errors: [
        {
          message: 'new required header parameter "X-Tenant" of GET /pets',
          line: 8,
          column: 11,
          related: { line: 5, column: 5 },
        },
      ],
    },
  ],
});

/** POST /pets (from line 3) whose JSON body schema is `schema` (line 9), with `components` after it. */
const withBody = (schema: string, components = "", body = "") =>
  `paths:\n  /pets:\n    post:\n      requestBody:\n${body}        content:\n          application/json:\n            schema: ${schema}\n      responses: {'201': {description: ok}}\n${components}`;

ruleTester(requestPropertyBecameRequired, {
  valid: [
    {
      name: "new optional property",
      previous: openapi(withBody("{type: object, properties: {name: {type: string}}}")),
      openapi: openapi(withBody("{type: object, properties: {name: {type: string}, tag: {type: string}}}")),
    },
    {
      name: "required list unchanged, order changed",
      previous: openapi(withBody("{type: object, required: [a, b], properties: {a: {}, b: {}}}")),
      openapi: openapi(withBody("{type: object, required: [b, a], properties: {a: {}, b: {}}}")),
    },
    {
      name: "new required property the server fills (readOnly)",
      previous: openapi(withBody("{type: object, properties: {name: {type: string}}}")),
      openapi: openapi(
        withBody("{type: object, required: [id], properties: {name: {type: string}, id: {readOnly: true}}}"),
      ),
    },
    {
      name: "required moved into an allOf member",
      previous: openapi(withBody("{type: object, required: [name], properties: {name: {type: string}}}")),
      openapi: openapi(withBody("{allOf: [{required: [name], properties: {name: {type: string}}}]}")),
    },
  ],
  invalid: [
    {
      name: "optional property became required",
      previous: openapi(withBody("{type: object, properties: {name: {type: string}}}")),
      openapi: openapi(withBody("{type: object, required: [name], properties: {name: {type: string}}}")),
      errors: [
        {
          message: 'request body of POST /pets: property "name" is now required',
          line: 9,
          column: 47,
          related: { line: 9, column: 49 },
        },
      ],
    },
    {
      name: "new required property in a nested component",
      previous: openapi(
        withBody(
          "{$ref: '#/components/schemas/Pet'}",
          "components:\n  schemas:\n    Pet: {properties: {owner: {type: object}}}\n",
        ),
      ),
      openapi: openapi(
        withBody(
          "{$ref: '#/components/schemas/Pet'}",
          "components:\n  schemas:\n    Pet: {properties: {owner: {type: object, required: [email]}}}\n",
        ),
      ),
      errors: [
        {
          message: 'request body of POST /pets, property owner: new required property "email"',
          line: 13,
          column: 57,
          related: { line: 13, column: 24 },
        },
      ],
    },
    {
      name: "body became required",
      previous: openapi(withBody("{type: object}")),
      openapi: openapi(withBody("{type: object}", "", "        required: true\n")),
      errors: [
        {
          message: "request body of POST /pets is now required",
          line: 7,
          column: 9,
          related: { line: 6, column: 7 },
        },
      ],
    },
  ],
});

/** GET /pets returning `schema` (line 10) as JSON, with `components` after it. */
const withResponse = (schema: string, components = "") =>
  `paths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json: {schema: ${schema}}\n${components}`;

ruleTester(responsePropertyRemoved, {
  valid: [
    {
      name: "property added",
      previous: openapi(withResponse("{properties: {id: {type: string}}}")),
      openapi: openapi(withResponse("{properties: {id: {type: string}, name: {type: string}}}")),
    },
    {
      name: "writeOnly property removed",
      previous: openapi(withResponse("{properties: {id: {}, password: {writeOnly: true}}}")),
      openapi: openapi(withResponse("{properties: {id: {}}}")),
    },
    {
      name: "property moved into an allOf member",
      previous: openapi(withResponse("{properties: {id: {}, name: {}}}")),
      openapi: openapi(withResponse("{allOf: [{properties: {id: {}}}, {properties: {name: {}}}]}")),
    },
    {
      name: "recursive schema unchanged",
      previous: openapi(
        withResponse(
          "{$ref: '#/components/schemas/Node'}",
          "components:\n  schemas:\n    Node: {properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
        ),
      ),
      openapi: openapi(
        withResponse(
          "{$ref: '#/components/schemas/Node'}",
          "components:\n  schemas:\n    Node: {properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
        ),
      ),
    },
  ],
  invalid: [
    {
      name: "property removed",
      previous: openapi(withResponse("{properties: {id: {type: string}, name: {type: string}}}")),
      openapi: openapi(withResponse("{properties: {id: {type: string}}}")),
      errors: [
        {
          message: 'response 200 of GET /pets: property "name" was removed',
          line: 10,
          column: 41,
          related: { line: 10, column: 74 },
        },
      ],
    },
    {
      name: "property removed deep in a recursive component, reported once where it is defined",
      previous: openapi(
        withResponse(
          "{$ref: '#/components/schemas/Node'}",
          "components:\n  schemas:\n    Node: {properties: {label: {}, children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
        ),
      ),
      openapi: openapi(
        withResponse(
          "{$ref: '#/components/schemas/Node'}",
          "components:\n  schemas:\n    Node: {properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}\n",
        ),
      ),
      errors: [
        {
          message: 'response 200 of GET /pets: property "label" was removed',
          line: 13,
          column: 12,
          related: { line: 13, column: 25 },
        },
      ],
    },
  ],
});

ruleTester(schemaTypeChanged, {
  valid: [
    {
      name: "request integer widened to number",
      previous: openapi(withBody("{type: integer}")),
      openapi: openapi(withBody("{type: number}")),
    },
    {
      name: "response number narrowed to integer",
      previous: openapi(withResponse("{type: number}")),
      openapi: openapi(withResponse("{type: integer}")),
    },
    {
      name: "request int32 widened to int64",
      previous: openapi(withBody("{type: integer, format: int32}")),
      openapi: openapi(withBody("{type: integer, format: int64}")),
    },
    {
      name: "response gained a format",
      previous: openapi(withResponse("{type: string}")),
      openapi: openapi(withResponse("{type: string, format: uuid}")),
    },
  ],
  invalid: [
    {
      name: "request string became integer",
      previous: openapi(withBody("{type: object, properties: {age: {type: string}}}")),
      openapi: openapi(withBody("{type: object, properties: {age: {type: integer}}}")),
      errors: [
        {
          message: "request body of POST /pets, property age: type changed from string to integer",
          line: 9,
          column: 55,
          related: { line: 9, column: 55 },
        },
      ],
    },
    {
      name: "response became nullable",
      previous: openapi(withResponse("{type: string}")),
      openapi: openapi(withResponse("{type: string, nullable: true}")),
      errors: [
        {
          message: "response 200 of GET /pets: type changed from string to null | string",
          line: 10,
          column: 41,
          related: { line: 10, column: 41 },
        },
      ],
    },
    {
      name: "format changed",
      previous: openapi(withResponse("{type: string, format: date}")),
      openapi: openapi(withResponse("{type: string, format: date-time}")),
      errors: [
        {
          message: "response 200 of GET /pets: format changed from date to date-time",
          line: 10,
          column: 55,
          related: { line: 10, column: 55 },
        },
      ],
    },
  ],
});

ruleTester(requestValueNarrowed, {
  valid: [
    {
      name: "request enum widened",
      previous: openapi(withBody("{type: string, enum: [a, b]}")),
      openapi: openapi(withBody("{type: string, enum: [a, b, c]}")),
    },
    {
      name: "bounds loosened",
      previous: openapi(withBody("{type: string, minLength: 2, maxLength: 10}")),
      openapi: openapi(withBody("{type: string, minLength: 1, maxLength: 20}")),
    },
    {
      name: "response enum narrowed",
      previous: openapi(withResponse("{type: string, enum: [a, b]}")),
      openapi: openapi(withResponse("{type: string, enum: [a]}")),
    },
  ],
  invalid: [
    {
      name: "enum value removed from a query parameter",
      previous: openapi(withParameters("{name: sort, in: query, schema: {type: string, enum: [asc, desc]}}")),
      openapi: openapi(withParameters("{name: sort, in: query, schema: {type: string, enum: [asc]}}")),
      errors: [
        {
          message: 'query parameter "sort" of GET /pets: enum value "desc" removed',
          line: 7,
          column: 58,
          related: { line: 7, column: 58 },
        },
      ],
    },
    {
      name: "maxLength lowered and minimum raised",
      previous: openapi(
        withBody(
          "{type: object, properties: {name: {type: string, maxLength: 50}, age: {type: integer, minimum: 0}}}",
        ),
      ),
      openapi: openapi(
        withBody(
          "{type: object, properties: {name: {type: string, maxLength: 20}, age: {type: integer, minimum: 1}}}",
        ),
      ),
      errors: [
        {
          message: "request body of POST /pets, property name: maxLength lowered from 50 to 20",
          line: 9,
          column: 70,
          related: { line: 9, column: 70 },
        },
        {
          message: "request body of POST /pets, property age: minimum raised from 0 to 1",
          line: 9,
          column: 107,
          related: { line: 9, column: 107 },
        },
      ],
    },
    {
      name: "enum and pattern added",
      previous: openapi(withBody("{type: string}")),
      openapi: openapi(withBody("{type: string, enum: [a], pattern: '^a$'}")),
      errors: [
        {
          message: 'request body of POST /pets: now only accepts "a"',
          line: 9,
          column: 36,
          related: { line: 9, column: 13 },
        },
        {
          message: "request body of POST /pets: new pattern ^a$",
          line: 9,
          column: 47,
          related: { line: 9, column: 13 },
        },
      ],
    },
  ],
});

ruleTester(successStatusRemoved, {
  valid: [
    {
      name: "success code added",
      previous: openapi(`paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`),
      openapi: openapi(
        `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}, '201': {description: ok}}}\n`,
      ),
    },
    {
      name: "covered by 2XX",
      previous: openapi(`paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`),
      openapi: openapi(`paths:\n  /pets:\n    post: {responses: {'2XX': {description: ok}}}\n`),
    },
    {
      name: "error code removed",
      previous: openapi(
        `paths:\n  /pets:\n    post: {responses: {'200': {description: ok}, '404': {description: no}}}\n`,
      ),
      openapi: openapi(`paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`),
    },
  ],
  invalid: [
    {
      name: "success code changed",
      previous: openapi(`paths:\n  /pets:\n    post: {responses: {'200': {description: ok}}}\n`),
      openapi: openapi(`paths:\n  /pets:\n    post: {responses: {'201': {description: ok}}}\n`),
      errors: [
        {
          message: "success response of POST /pets changed from 200 to 201",
          line: 5,
          column: 24,
          related: { line: 5, column: 24 },
        },
      ],
    },
    {
      name: "one of two success codes removed",
      previous: openapi(
        `paths:\n  /pets/{id}:\n    delete: {responses: {'200': {description: ok}, '204': {description: gone}}}\n`,
      ),
      openapi: openapi(`paths:\n  /pets/{id}:\n    delete: {responses: {'200': {description: ok}}}\n`),
      errors: [
        {
          message: "success response 204 of DELETE /pets/{id} was removed",
          line: 5,
          column: 14,
          related: { line: 5, column: 52 },
        },
      ],
    },
  ],
});

/** An OAuth scheme (from line 3) with the given implicit-flow scopes, then GET /pets needing `need`. */
const withOAuth = (scopes: string, security: string) =>
  `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://a.io/auth', scopes: {${scopes}}}}}\n    key: {type: apiKey, in: header, name: X-Key}\npaths:\n  /pets:\n    get: {security: ${security}, responses: {'200': {description: ok}}}\n`;

ruleTester(securityScopeRemoved, {
  valid: [
    {
      name: "scope added",
      previous: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      openapi: openapi(withOAuth("read: r, write: w", "[{oauth: [read]}]")),
    },
  ],
  invalid: [
    {
      name: "scope removed",
      previous: openapi(withOAuth("read: r, write: w", "[{oauth: [read]}]")),
      openapi: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      errors: [
        {
          message: 'scope "write" of security scheme "oauth" (implicit flow) was removed',
          line: 5,
          column: 85,
          related: { line: 5, column: 103 },
        },
      ],
    },
  ],
});

ruleTester(operationSecurityTightened, {
  valid: [
    {
      name: "made public",
      previous: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      openapi: openapi(withOAuth("read: r", "[]")),
    },
    {
      name: "alternative added",
      previous: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      openapi: openapi(withOAuth("read: r", "[{oauth: [read]}, {key: []}]")),
    },
    {
      name: "scope no longer needed",
      previous: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      openapi: openapi(withOAuth("read: r", "[{oauth: []}]")),
    },
    {
      name: "no security before or after",
      previous: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
      openapi: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
    },
  ],
  invalid: [
    {
      name: "public operation now secured",
      previous: openapi(`paths:\n  /pets:\n    get: ${OK}\n`),
      openapi: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      errors: [
        {
          message: "GET /pets now requires authentication; it was public",
          line: 9,
          column: 11,
          related: { line: 5, column: 5 },
        },
      ],
    },
    {
      name: "scope added to the requirement",
      previous: openapi(withOAuth("read: r, write: w", "[{oauth: [read]}]")),
      openapi: openapi(withOAuth("read: r, write: w", "[{oauth: [read, write]}]")),
      errors: [
        {
          message: 'GET /pets now requires scope "write" of oauth',
          line: 9,
          column: 11,
          related: { line: 9, column: 11 },
        },
      ],
    },
    {
      name: "alternative dropped",
      previous: openapi(withOAuth("read: r", "[{oauth: [read]}, {key: []}]")),
      openapi: openapi(withOAuth("read: r", "[{oauth: [read]}]")),
      errors: [
        { message: "GET /pets no longer accepts key", line: 9, column: 11, related: { line: 9, column: 11 } },
      ],
    },
  ],
});

ruleTester(mediaTypeRemoved, {
  valid: [
    {
      name: "media type added",
      previous: openapi(withResponse("{type: object}")),
      openapi: openapi(
        withResponse("{type: object}").replace(
          "            application/json:",
          "            application/xml: {schema: {type: object}}\n            application/json:",
        ),
      ),
    },
    {
      name: "parameters on the media type",
      previous: openapi(withResponse("{type: object}")),
      openapi: openapi(
        withResponse("{type: object}").replace("application/json:", "application/json; charset=utf-8:"),
      ),
    },
  ],
  invalid: [
    {
      name: "response media type replaced",
      previous: openapi(withResponse("{type: object}")),
      openapi: openapi(withResponse("{type: object}").replace("application/json", "application/hal+json")),
      errors: [
        {
          message: "response 200 of GET /pets no longer offers application/json",
          line: 9,
          column: 11,
          related: { line: 10, column: 13 },
        },
      ],
    },
    {
      name: "request media type removed",
      previous: openapi(
        withBody("{type: object}").replace(
          "          application/json:\n",
          "          application/x-www-form-urlencoded: {schema: {type: object}}\n          application/json:\n",
        ),
      ),
      openapi: openapi(withBody("{type: object}")),
      errors: [
        {
          message: "request body of POST /pets no longer offers application/x-www-form-urlencoded",
          line: 7,
          column: 9,
          related: { line: 8, column: 11 },
        },
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

ruleTester(responsePropertyBecameOptional, {
  valid: [
    {
      name: "unchanged",
      previous: openapi(petResponse("required: [id], ")),
      openapi: openapi(petResponse("required: [id], ")),
    },
    {
      name: "optional became required",
      previous: openapi(petResponse("")),
      openapi: openapi(petResponse("required: [id], ")),
    },
    {
      name: "a required property removed is response-property-removed's",
      previous: openapi(withResponse("{required: [id], properties: {id: {}, name: {}}}")),
      openapi: openapi(withResponse("{properties: {name: {}}}")),
    },
  ],
  invalid: [
    {
      name: "petstore: id no longer required",
      previous: openapi(petResponse("required: [id], ")),
      openapi: openapi(petResponse("")),
      errors: [
        {
          message: 'response 200 of GET /pets: property "id" is no longer required',
          line: 10,
          column: 140,
          related: { line: 10, column: 138 },
        },
      ],
    },
  ],
});

const STATUS_OLD = ", status: {type: string, enum: [available, pending, sold]}";
const STATUS_NEW = ", status: {type: string, enum: [available, pending, sold, reserved]}";

ruleTester(responseEnumValueAdded, {
  valid: [
    {
      name: "unchanged",
      previous: openapi(petResponse("", STATUS_OLD)),
      openapi: openapi(petResponse("", STATUS_OLD)),
    },
    {
      name: "a value removed from a response is narrowing",
      previous: openapi(petResponse("", STATUS_NEW)),
      openapi: openapi(petResponse("", STATUS_OLD)),
    },
  ],
  invalid: [
    {
      name: "petstore: a new pet status",
      previous: openapi(petResponse("", STATUS_OLD)),
      openapi: openapi(petResponse("", STATUS_NEW)),
      errors: [
        {
          message: 'response 200 of GET /pets, property status: enum value "reserved" added',
          line: 10,
          column: 147,
          related: { line: 10, column: 147 },
        },
      ],
    },
  ],
});
