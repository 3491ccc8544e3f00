import { type AuthOperation, oauthProviders } from "../../analyze/access/auth-operations.js";
import type { Resource } from "../../analyze/derive-resources.js";
import { IDEMPOTENCY_TTL_SECONDS } from "../../analyze/stack/key-value-sizing.js";
import type { Model } from "../../model/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const requestId = { "X-Request-ID": { $ref: "#/components/headers/X-Request-ID" } };
const errors = (statuses: number[]): JsonObject =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        $ref: `#/components/responses/${{ 400: "BadRequest", 401: "Unauthorized", 409: "Conflict", 422: "UnprocessableContent", 429: "TooManyRequests", 500: "InternalError" }[s]}`,
      },
    ]),
  );

/**
 * Paths and schemas of the sign-up and sign-in operations for the service that issues tokens.
 * Public by nature (`security: []`), so they get the strictest rate limits of the API.
 */
export function authPaths(
  model: Model,
  operations: readonly AuthOperation[],
  resources: readonly Resource[],
): { paths: JsonObject; schemas: JsonObject } {
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  const tokenPair: JsonObject = {
    type: "object",
    description: "Tokens issued to the caller.",
    additionalProperties: false,
    required: ["accessToken", "tokenType", "expiresIn", "refreshToken"],
    properties: {
      accessToken: { type: "string", maxLength: 4096, description: "JWT access token, 15 minutes." },
      tokenType: { type: "string", enum: ["Bearer"] },
      expiresIn: { type: "integer", minimum: 1, maximum: 86400, description: "Seconds until it expires." },
      refreshToken: {
        type: "string",
        maxLength: 512,
        description: "Opaque, single-use, rotated on every refresh; revoked at sign-out.",
      },
    },
  };
  const tokenExample = {
    accessToken: "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIwMTkyZiJ9.c2lnbmF0dXJl",
    tokenType: "Bearer",
    expiresIn: 900,
    refreshToken: "rt_7f3a9c2e5d4a4c3b8e7f1a2b3c4d5e6f",
  };
  schemas.TokenPair = tokenPair;
  const json = (schema: string, example: Json) => ({
    "application/json": {
      schema: { $ref: `#/components/schemas/${schema}` },
      examples: { default: { summary: schema, value: example } },
    },
  });
  // A retried sign-up must not create two accounts; a retried grant or revocation gets the first
  // answer back instead of a second refresh token.
  const retryKey: JsonObject = {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description: `Optional client-generated key; a retry with the same key within ${IDEMPOTENCY_TTL_SECONDS / 3600} hours gets the first response.`,
    schema: { type: "string", minLength: 16, maxLength: 64 },
    example: "9b2f6c1e-5d4a-4c3b-8e7f-1a2b3c4d5e6f",
  };
  const publicOp = (op: AuthOperation, body: JsonObject): JsonObject => ({
    tags: ["Authentication"],
    operationId: op.operationId,
    summary: op.summary,
    parameters: [
      { $ref: "#/components/parameters/RequestId" },
      ...(op.method === "post"
        ? [op.kind === "sign-up" ? { $ref: "#/components/parameters/IdempotencyKey" } : retryKey]
        : []),
    ],
    security: [],
    ...body,
  });
  for (const op of operations) {
    const item = (paths[op.path] ?? {}) as JsonObject;
    paths[op.path] = item;
    switch (op.kind) {
      case "sign-up": {
        const person = resources.find((r) => r.entity.name === op.person);
        const createRef = person ? `${person.schemaName}Create` : undefined;
        const passwordOf = person?.entity.fields.find((f) => f.secret);
        const schemaName =
          operations.filter((o) => o.kind === "sign-up").length > 1
            ? `${op.person}Registration`
            : "Registration";
        schemas[schemaName] = {
          description: `A new ${op.person}: its create properties${passwordOf ? "" : " and a password"}. Public; rate-limited per client IP.`,
          ...(createRef && passwordOf
            ? { $ref: `#/components/schemas/${createRef}` }
            : {
                type: "object",
                additionalProperties: false,
                required: ["password"],
                properties: {
                  password: { type: "string", minLength: 8, maxLength: 256, writeOnly: true },
                },
              }),
        };
        const example: JsonObject = {};
        for (const p of person?.properties ?? [])
          if (p.creatable && p.requiredOnCreate) example[p.name] = p.example as Json;
        if (passwordOf) example[passwordOf.name] = "correct-horse-battery";
        else example.password = "correct-horse-battery";
        item.post = publicOp(op, {
          description:
            "Public: no authentication required. Creates the account and answers with tokens for it. A taken unique value (e.g. an email) answers 409.",
          requestBody: { required: true, content: json(schemaName, example) },
          responses: {
            "201": {
              description: "Signed up and signed in.",
              headers: requestId,
              content: json("TokenPair", tokenExample),
            },
            ...errors([400, 409, 422, 429, 500]),
          },
        });
        break;
      }
      case "token":
        schemas.TokenRequest = {
          type: "object",
          description: `A grant: ${op.grants.join(", ")}.`,
          additionalProperties: false,
          required: ["grantType"],
          properties: {
            grantType: { type: "string", enum: [...op.grants] },
            ...(op.grants.includes("password")
              ? {
                  username: {
                    type: "string",
                    maxLength: 320,
                    description: "The sign-in name (usually the email).",
                  },
                  password: { type: "string", minLength: 8, maxLength: 256, writeOnly: true },
                }
              : {}),
            ...(op.grants.includes("authorization_code")
              ? {
                  code: {
                    type: "string",
                    maxLength: 512,
                    description: "The one-time code from the callback.",
                  },
                  codeVerifier: {
                    type: "string",
                    minLength: 43,
                    maxLength: 128,
                    description: "PKCE verifier.",
                  },
                }
              : {}),
            ...(op.grants.includes("magic_link")
              ? {
                  linkToken: {
                    type: "string",
                    maxLength: 512,
                    description: "The token from the emailed link.",
                  },
                }
              : {}),
            refreshToken: { type: "string", maxLength: 512 },
          },
        };
        item.post = publicOp(op, {
          description:
            "Public: no authentication required. Wrong credentials answer 401 without saying which part was wrong; repeated failures are rate-limited per account and per IP.",
          requestBody: {
            required: true,
            content: json(
              "TokenRequest",
              op.grants.includes("password")
                ? { grantType: "password", username: "ada@example.com", password: "correct-horse-battery" }
                : { grantType: "refresh_token", refreshToken: "rt_7f3a9c2e5d4a4c3b8e7f1a2b3c4d5e6f" },
            ),
          },
          responses: {
            "200": { description: "Tokens.", headers: requestId, content: json("TokenPair", tokenExample) },
            ...errors([400, 401, 429, 500]),
          },
        });
        break;
      case "revoke":
        schemas.TokenRevocation = {
          type: "object",
          additionalProperties: false,
          required: ["refreshToken"],
          properties: { refreshToken: { type: "string", maxLength: 512 } },
        };
        item.post = publicOp(op, {
          description:
            "Public: the refresh token is the credential. Answers 204 whether or not the token was valid (RFC 7009).",
          requestBody: {
            required: true,
            content: json("TokenRevocation", { refreshToken: "rt_7f3a9c2e5d4a4c3b8e7f1a2b3c4d5e6f" }),
          },
          responses: { "204": { description: "Revoked.", headers: requestId }, ...errors([400, 429, 500]) },
        });
        break;
      case "oauth-callback":
        item.get = publicOp(op, {
          description:
            "Public. Checks `state` against the one issued, exchanges `code` with the provider (PKCE), creates the person on first sign-in, and redirects to the app with a one-time code the app exchanges at `POST /v1/tokens` (grantType authorization_code).",
          parameters: [
            { $ref: "#/components/parameters/RequestId" },
            {
              name: "provider",
              in: "path",
              required: true,
              description: "The identity provider.",
              schema: { type: "string", enum: oauthProviders(model) },
              example: oauthProviders(model)[0] ?? "google",
            },
            {
              name: "code",
              in: "query",
              required: true,
              description: "The provider's authorization code.",
              schema: { type: "string", maxLength: 512 },
              example: "4/0AX4XfWh",
            },
            {
              name: "state",
              in: "query",
              required: true,
              description: "The anti-forgery value issued with the sign-in request.",
              schema: { type: "string", maxLength: 256 },
              example: "st_9b2f6c1e",
            },
          ],
          responses: {
            "302": {
              description: "Signed in: redirected to the app with a one-time code.",
              headers: { ...requestId, Location: { $ref: "#/components/headers/RedirectLocation" } },
            },
            ...errors([400, 401, 429, 500]),
          },
        });
        break;
      case "magic-link":
        schemas.MagicLinkRequest = {
          type: "object",
          additionalProperties: false,
          required: ["email"],
          properties: { email: { type: "string", format: "email", maxLength: 320 } },
        };
        item.post = publicOp(op, {
          description:
            "Public. Answers 202 whether or not the address is known, so it cannot be used to find accounts.",
          requestBody: { required: true, content: json("MagicLinkRequest", { email: "ada@example.com" }) },
          responses: {
            "202": { description: "Sent if the address is known.", headers: requestId },
            ...errors([400, 429, 500]),
          },
        });
        break;
      case "saml-acs":
        item.post = publicOp(op, {
          description:
            "Public. Verifies the assertion's signature, audience and expiry, then redirects to the app with a one-time code for `POST /v1/tokens`.",
          requestBody: {
            required: true,
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  required: ["SAMLResponse"],
                  properties: {
                    SAMLResponse: { type: "string", maxLength: 200000 },
                    RelayState: { type: "string", maxLength: 512 },
                  },
                },
                examples: {
                  default: {
                    summary: "Assertion",
                    value: { SAMLResponse: "PHNhbWxwOlJlc3BvbnNlLz4=", RelayState: "st_9b2f6c1e" },
                  },
                },
              },
            },
          },
          responses: {
            "302": {
              description: "Signed in.",
              headers: { ...requestId, Location: { $ref: "#/components/headers/RedirectLocation" } },
            },
            ...errors([400, 401, 429, 500]),
          },
        });
        break;
    }
  }
  return { paths, schemas };
}
