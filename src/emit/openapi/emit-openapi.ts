import { dump } from "js-yaml";
import { planAuthOperations } from "../../analyze/access/auth-operations.js";
import {
  type ApiProperty,
  type ApiSchema,
  PAGE_LIMIT,
  type Resource,
  type ResourceOperation,
} from "../../analyze/derive-resources.js";
import { kebabCase } from "../../analyze/naming.js";
import { IDEMPOTENCY_TTL_SECONDS } from "../../analyze/stack/key-value-sizing.js";
import { clientRateLimit } from "../../analyze/stack/rate-limit.js";
import { Field, type Model } from "../../model/index.js";
import { problemExamples, rateLimitPolicy, STATUS_TITLES } from "../examples/problem-examples.js";
import {
  type Json,
  type JsonObject,
  requestExample,
  responseExample,
  secretSchema,
} from "../examples/resource-examples.js";
import { authPaths } from "./auth-paths.js";

const ERRORS_BY_KIND: Record<ResourceOperation["kind"], number[]> = {
  list: [400, 401, 403, 429, 500],
  get: [400, 401, 403, 404, 429, 500],
  create: [400, 401, 403, 409, 422, 429, 500],
  update: [400, 401, 403, 404, 409, 422, 429, 500],
  delete: [400, 401, 403, 404, 409, 429, 500],
  command: [400, 401, 403, 404, 409, 429, 500],
  redirect: [400, 401, 403, 404, 429, 500],
  feed: [400, 401, 403, 429, 500],
};

const RESPONSE_NAMES: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "UnprocessableContent",
  429: "TooManyRequests",
  500: "InternalError",
};

/** One OpenAPI 3.1 document for one service, as YAML text. */
export function emitOpenApi(model: Model, service: string, resources: readonly Resource[]): string {
  const document = buildOpenApiDocument(model, service, resources);
  // js-yaml rather than the yaml package: it serialises plain objects without building a document
  // model first, which is where the time went for designs with hundreds of entities; noRefs: no anchors.
  return dump(document, { noRefs: true, lineWidth: -1, quotingType: '"' });
}

export function buildOpenApiDocument(
  model: Model,
  service: string,
  allResources: readonly Resource[],
): JsonObject {
  const resources = allResources.filter((r) => r.service === service);
  const schemes = securitySchemes(model);
  const defaultSecurity: Json = Object.keys(schemes).map((name) => ({ [name]: [] }));

  const paths: JsonObject = {};
  for (const resource of resources) {
    for (const operation of resource.operations) {
      const pathItem = (paths[operation.path] ?? {}) as JsonObject;
      paths[operation.path] = pathItem;
      pathItem[operation.method] = buildOperation(resource, operation, defaultSecurity);
    }
  }

  const schemas: JsonObject = { Problem: problemSchema() };
  const auth = planAuthOperations(model).filter((op) => op.service === service);
  const signedUp = new Set(auth.filter((op) => op.kind === "sign-up").map((op) => op.person));
  for (const resource of resources)
    Object.assign(schemas, resourceSchemas(resource, signedUp.has(resource.entity.name)));
  if (auth.length > 0) {
    const signIn = authPaths(model, auth, allResources);
    Object.assign(paths, signIn.paths);
    Object.assign(schemas, signIn.schemas);
  }

  return {
    openapi: "3.1.0",
    info: {
      title: `${model.system.name}: ${service} API`,
      version: "1.0.0",
      description: `${model.system.description}\n\nThe \`${service}\` service owns ${resources
        .map((r) => r.entity.name)
        .join(
          ", ",
        )}. Versioned under \`/v1\`: breaking changes ship as \`/v2\`; a deprecated version keeps working for at least 6 months and announces its end with \`Deprecation\` and \`Sunset\` headers (RFC 8594).`,
      contact: { name: `${service} service owners` },
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [
      {
        url: "https://{host}",
        description: "The API gateway in front of all services.",
        variables: {
          host: {
            default: `api.${kebabCase(model.system.name.replace(/\s+/g, ""))}.internal`,
            description: "Gateway host name.",
          },
        },
      },
    ],
    security: defaultSecurity,
    tags: [
      ...(auth.length > 0
        ? [{ name: "Authentication", description: "Sign-up, sign-in, token refresh and sign-out." }]
        : []),
      ...resources.map((r) => ({
        name: r.schemaName,
        description: r.entity.description ?? `Operations on ${r.schemaName} resources.`,
      })),
    ],
    paths,
    components: {
      schemas,
      parameters: commonParameters(),
      headers: commonHeaders(clientRateLimit(model)),
      responses: errorResponses(clientRateLimit(model)),
      securitySchemes: schemes,
    },
  };
}

function securitySchemes(model: Model): JsonObject {
  const auth = model.security.auth;
  const schemes: JsonObject = {};
  const signIn = auth.filter((a) => a !== "api-key");
  if (signIn.length > 0) {
    schemes.bearerAuth = {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: `Short-lived access token (JWT, 15 minutes) issued by the identity provider after sign-in with ${signIn.join(", ")}. Carries the caller's id and roles (${model.security.roles.join(", ")}).`,
    };
  }
  if (auth.includes("api-key")) {
    schemes.apiKeyAuth = {
      type: "apiKey",
      in: "header",
      name: "X-API-Key",
      description:
        "Key for server-to-server clients. Sent in a header, never in the query string, so it stays out of logs.",
    };
  }
  return schemes;
}

function buildOperation(resource: Resource, operation: ResourceOperation, defaultSecurity: Json): JsonObject {
  const parameters: Json[] = [{ $ref: "#/components/parameters/RequestId" }];
  const descriptionParts = [operationDescription(resource, operation)];
  if (operation.public) descriptionParts.push("Public: no authentication required.");
  else descriptionParts.push(`Roles: ${operation.roles.join(", ")}.`);
  if (operation.accessNote) descriptionParts.push(operation.accessNote);
  if (operation.useCases.length > 0)
    descriptionParts.push(`Serves: ${operation.useCases.map((u) => `"${u}"`).join(", ")}.`);

  if (operation.lookupBy) {
    parameters.push({
      name: operation.lookupBy.name,
      in: "path",
      required: true,
      description: `The ${resource.schemaName}'s unique ${operation.lookupBy.name}.`,
      schema: toJsonSchema(operation.lookupBy.schema),
      example: operation.lookupBy.example as Json,
    });
  } else if (
    operation.kind === "get" ||
    operation.kind === "update" ||
    operation.kind === "delete" ||
    operation.kind === "command"
  ) {
    for (const p of resource.pathParameters) {
      parameters.push({
        name: p.name,
        in: "path",
        required: true,
        description: `Identifier of the ${resource.schemaName}.`,
        schema: toJsonSchema(p.property.schema),
        example: p.property.example as Json,
      });
    }
  }
  if (operation.kind === "list" || operation.kind === "feed") {
    parameters.push({ $ref: "#/components/parameters/Limit" }, { $ref: "#/components/parameters/Cursor" });
    for (const filter of operation.filters) {
      parameters.push({
        name: filter.name,
        in: "query",
        required: false,
        description: `Only ${resource.schemaName} rows whose ${filter.name} equals this value.`,
        schema: toJsonSchema(filter.schema),
        example: filter.example as Json,
      });
    }
    parameters.push({
      name: "sort",
      in: "query",
      required: false,
      description:
        "Sort order; a leading `-` means descending. Each order is backed by an index, and `id` breaks ties so cursors are stable.",
      schema: { type: "string", enum: [...operation.sorts], default: operation.sorts[0] ?? "id" },
      example: operation.sorts[0] ?? "id",
    });
  }
  if (operation.kind === "list" || operation.kind === "get" || operation.kind === "feed") {
    parameters.push({
      name: "fields",
      in: "query",
      required: false,
      description:
        "Sparse fieldset: return only these properties (comma-separated). `id` is always returned.",
      style: "form",
      explode: false,
      schema: {
        type: "array",
        items: { type: "string", enum: resource.properties.map((p) => p.name) },
        uniqueItems: true,
        maxItems: resource.properties.length,
      },
      example: resource.properties.slice(0, 2).map((p) => p.name),
    });
  }
  if (operation.kind === "create") parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });

  const op: JsonObject = {
    tags: [resource.schemaName],
    operationId: operation.operationId,
    summary: operation.summary,
    description: descriptionParts.join(" "),
    parameters,
  };
  if (operation.kind === "create" || operation.kind === "update") {
    const schemaName = `${resource.schemaName}${operation.kind === "create" ? "Create" : "Update"}`;
    op.requestBody = {
      required: true,
      content: {
        "application/json": {
          schema: { $ref: `#/components/schemas/${schemaName}` },
          examples: {
            default: { summary: operation.summary, value: requestExample(resource, operation.kind) },
          },
        },
      },
    };
  }
  op.responses = {
    ...successResponse(resource, operation),
    ...Object.fromEntries(
      ERRORS_BY_KIND[operation.kind]
        .filter((status) => !(operation.public && (status === 401 || status === 403)))
        .map((status) => [String(status), { $ref: `#/components/responses/${RESPONSE_NAMES[status]}` }]),
    ),
  };
  op.security = operation.public ? [] : defaultSecurity;
  if (!operation.public) op["x-archwright-roles"] = [...operation.roles];
  // The object-level rule per role, machine-readable: what the handler's WHERE clause must say.
  if (operation.grants.some((g) => g.filter !== "true"))
    op["x-archwright-row-filter"] = Object.fromEntries(operation.grants.map((g) => [g.role, g.filter]));
  if (operation.feed) op["x-archwright-feed"] = { ...operation.feed };
  // Columns the query compares by equality though no parameter names them: they lead its index.
  if (operation.rowKeys.length > 0) op["x-archwright-row-keys"] = [...operation.rowKeys];
  if (operation.transition)
    op["x-archwright-transition"] = {
      field: operation.transition.field,
      from: [...operation.transition.from],
      to: operation.transition.to,
    };
  if (operation.peakRps > 0) op["x-archwright-peak-rps"] = operation.peakRps;
  return op;
}

function operationDescription(resource: Resource, operation: ResourceOperation): string {
  const name = resource.schemaName;
  switch (operation.kind) {
    case "list":
      return `Returns one page of ${name} resources in the requested order. Follow \`nextCursor\` for the next page; it is null on the last page.`;
    case "get":
      return `Returns one ${name}.`;
    case "create":
      return `Creates a ${name}. Retrying with the same \`Idempotency-Key\` within ${IDEMPOTENCY_TTL_SECONDS / 3600} hours returns the first response instead of creating a duplicate.`;
    case "update":
      return resource.entity.versioned
        ? `Changes some properties of a ${name}. Send the \`version\` you read; if someone else changed the ${name} since, the response is 409 and nothing is written.`
        : `Changes some properties of a ${name}.`;
    case "delete":
      return `Deletes a ${name}.`;
    case "command":
      return `Performs "${operation.summary}" on one ${name}.`;
    case "redirect":
      return `Looks a ${name} up by its ${operation.lookupBy?.name ?? "key"} and redirects there.`;
    case "feed":
      return `Returns one page of ${name} resources from what the caller follows. Follow \`nextCursor\` for the next page; it is null on the last page.`;
  }
}

function successResponse(resource: Resource, operation: ResourceOperation): JsonObject {
  const requestId = { "X-Request-ID": { $ref: "#/components/headers/X-Request-ID" } };
  const item = responseExample(resource);
  switch (operation.kind) {
    case "list":
    case "feed":
      return {
        "200": {
          description: `A page of ${resource.schemaName} resources.`,
          headers: requestId,
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/${resource.schemaName}Page` },
              examples: {
                default: {
                  summary: "First page",
                  value: { data: [item], nextCursor: "eyJpZCI6IjAxOTJmIn0" },
                },
              },
            },
          },
        },
      };
    case "get":
    case "update":
    case "command":
      return {
        "200": {
          description: `The ${resource.schemaName}.`,
          headers: requestId,
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/${resource.schemaName}` },
              examples: { default: { summary: `A ${resource.schemaName}`, value: item } },
            },
          },
        },
      };
    case "redirect":
      return {
        "302": {
          description: `Found: \`Location\` is the ${resource.schemaName}'s ${operation.redirectTo}.`,
          headers: { ...requestId, Location: { $ref: "#/components/headers/RedirectLocation" } },
        },
      };
    case "create":
      if (operation.async)
        return {
          "202": {
            description: `Accepted: the ${resource.schemaName} is stored and the rest of the work runs in the background. Poll the row at \`Location\` until its state is final.`,
            headers: { ...requestId, Location: { $ref: "#/components/headers/Location" } },
            content: {
              "application/json": {
                schema: { $ref: `#/components/schemas/${resource.schemaName}` },
                examples: { default: { summary: `The accepted ${resource.schemaName}`, value: item } },
              },
            },
          },
        };
      return {
        "201": {
          description: `The ${resource.schemaName} was created.`,
          headers: { ...requestId, Location: { $ref: "#/components/headers/Location" } },
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/${resource.schemaName}` },
              examples: { default: { summary: `The new ${resource.schemaName}`, value: item } },
            },
          },
        },
      };
    case "delete":
      return { "204": { description: `The ${resource.schemaName} was deleted.`, headers: requestId } };
  }
}

/** The schemas a resource's operations use: the row always; create, update and page bodies when some operation sends them. */
function resourceSchemas(resource: Resource, signUp: boolean): JsonObject {
  const kinds = new Set(resource.operations.map((o) => o.kind));
  const name = resource.schemaName;
  const props = resource.properties;
  const full: JsonObject = {
    type: "object",
    description: resource.entity.description ?? `A ${name}.`,
    additionalProperties: false,
    required: props.filter((p) => p.alwaysPresent).map((p) => p.name),
    properties: Object.fromEntries(props.map((p) => [p.name, propertySchema(p, { readOnly: p.readOnly })])),
  };
  const creatable = props.filter((p) => p.creatable && !p.readOnly && p.name !== "version");
  const secrets = resource.entity.fields.filter((f) => f.secret && Field.isScalar(f));
  const createProps: JsonObject = Object.fromEntries(creatable.map((p) => [p.name, propertySchema(p, {})]));
  for (const f of secrets) {
    createProps[f.name] = {
      ...toJsonSchema(secretSchema(f)),
      writeOnly: true,
      description: "Write-only: stored hashed or encrypted, never returned.",
    };
  }
  const create: JsonObject = {
    type: "object",
    description: `Properties a client sets when creating a ${name}. Unknown properties are rejected (no mass assignment).`,
    additionalProperties: false,
    required: [
      ...creatable.filter((p) => p.requiredOnCreate).map((p) => p.name),
      ...secrets.filter((f) => f.required).map((f) => f.name),
    ],
    properties: createProps,
  };
  const schemas: JsonObject = { [name]: full };
  if (kinds.has("create") || signUp) schemas[`${name}Create`] = create;
  if (kinds.has("list") || kinds.has("feed"))
    schemas[`${name}Page`] = {
      type: "object",
      description: `One page of ${name} resources.`,
      additionalProperties: false,
      required: ["data", "nextCursor"],
      properties: {
        data: { type: "array", maxItems: PAGE_LIMIT.max, items: { $ref: `#/components/schemas/${name}` } },
        nextCursor: {
          type: ["string", "null"],
          maxLength: 512,
          description: "Opaque cursor for the next page; null when this is the last page.",
        },
      },
    };
  // An update the use cases limit to some fields accepts only those (and the version).
  const allowed = resource.operations.find((o) => o.kind === "update")?.updatable;
  const updatable = props.filter(
    (p) => p.updatable && (allowed === undefined || allowed.includes(p.name) || p.name === "version"),
  );
  if (updatable.length > 0 && kinds.has("update")) {
    schemas[`${name}Update`] = {
      type: "object",
      description: `Properties a client may change on a ${name}; send only those that change.`,
      additionalProperties: false,
      minProperties: 1,
      required: resource.entity.versioned ? ["version"] : [],
      properties: Object.fromEntries(updatable.map((p) => [p.name, propertySchema(p, {})])),
    };
  }
  return schemas;
}

function propertySchema(p: ApiProperty, options: { readOnly?: boolean }): Json {
  const base = toJsonSchema(p.schema);
  const schema: JsonObject = { ...base, description: p.description };
  if (!p.alwaysPresent && typeof base.type === "string") schema.type = [base.type, "null"];
  if (options.readOnly) schema.readOnly = true;
  if (p.field && Field.isScalar(p.field) && p.field.default !== undefined) schema.default = p.field.default;
  if (p.writeRoles && !options.readOnly) schema["x-archwright-write-roles"] = [...p.writeRoles];
  return schema;
}

function toJsonSchema(schema: ApiSchema): JsonObject {
  const out: JsonObject = { type: schema.type };
  if (schema.format) out.format = schema.format;
  if (schema.minLength !== undefined) out.minLength = schema.minLength;
  if (schema.maxLength !== undefined) out.maxLength = schema.maxLength;
  if (schema.minimum !== undefined) out.minimum = schema.minimum;
  if (schema.maximum !== undefined) out.maximum = schema.maximum;
  if (schema.pattern) out.pattern = schema.pattern;
  if (schema.enum) out.enum = [...schema.enum];
  if (schema.type === "object") {
    out.additionalProperties = true;
    out.maxProperties = 100;
  }
  return out;
}

function problemSchema(): JsonObject {
  return {
    type: "object",
    description: "RFC 9457 problem details.",
    required: ["type", "title", "status"],
    properties: {
      type: {
        type: "string",
        format: "uri-reference",
        maxLength: 2048,
        description: "Identifies the problem type.",
      },
      title: {
        type: "string",
        maxLength: 200,
        description: "Short, human-readable summary of the problem type.",
      },
      status: { type: "integer", minimum: 400, maximum: 599, description: "HTTP status code." },
      detail: { type: "string", maxLength: 2000, description: "Explanation specific to this occurrence." },
      instance: {
        type: "string",
        format: "uri-reference",
        maxLength: 2048,
        description: "The request that failed.",
      },
      requestId: {
        type: "string",
        maxLength: 128,
        description: "Correlation id; the same value as the X-Request-ID header.",
      },
      errors: {
        type: "array",
        maxItems: 100,
        description: "Validation errors, one per invalid input.",
        items: {
          type: "object",
          required: ["pointer", "detail"],
          properties: {
            pointer: {
              type: "string",
              maxLength: 512,
              description: "JSON Pointer (RFC 6901) to the invalid input.",
            },
            detail: { type: "string", maxLength: 500, description: "What is wrong with it." },
          },
        },
      },
    },
  };
}

function commonParameters(): JsonObject {
  return {
    RequestId: {
      name: "X-Request-ID",
      in: "header",
      required: false,
      description:
        "Correlation id. Generated by the gateway when absent; echoed on every response and in every log line.",
      schema: { type: "string", maxLength: 128, pattern: "^[A-Za-z0-9._-]+$" },
      example: "req-7f3a9c2e",
    },
    Limit: {
      name: "limit",
      in: "query",
      required: false,
      description: `Maximum number of items to return (1 to ${PAGE_LIMIT.max}).`,
      schema: { type: "integer", minimum: 1, maximum: PAGE_LIMIT.max, default: PAGE_LIMIT.default },
      example: PAGE_LIMIT.default,
    },
    Cursor: {
      name: "cursor",
      in: "query",
      required: false,
      description:
        "Opaque cursor from the previous page's `nextCursor`. Cursors encode the sort key, so pages stay stable while rows are added.",
      schema: { type: "string", maxLength: 512 },
      example: "eyJpZCI6IjAxOTJmIn0",
    },
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: true,
      description: `Client-generated unique key (a UUID) for this create. A retry with the same key returns the original response for ${IDEMPOTENCY_TTL_SECONDS / 3600} hours.`,
      schema: { type: "string", minLength: 16, maxLength: 64 },
      example: "9b2f6c1e-5d4a-4c3b-8e7f-1a2b3c4d5e6f",
    },
  };
}

function commonHeaders(rateLimit: number): JsonObject {
  return {
    "X-Request-ID": {
      description: "Correlation id of this request (echoed or generated).",
      schema: { type: "string", maxLength: 128 },
      example: "req-7f3a9c2e",
    },
    "Retry-After": {
      description: "Seconds to wait before retrying.",
      schema: { type: "integer", minimum: 1, maximum: 3600 },
      example: 1,
    },
    "RateLimit-Policy": {
      description: `The client's quota (IETF RateLimit header fields): ${rateLimit} requests per 1-second window.`,
      schema: { type: "string", maxLength: 200 },
      example: rateLimitPolicy(rateLimit),
    },
    "WWW-Authenticate": {
      description: "The authentication scheme to use (RFC 9110 section 11.6.1).",
      schema: { type: "string", maxLength: 500 },
      example: 'Bearer realm="api", error="invalid_token"',
    },
    Location: {
      description: "URL of the created resource.",
      schema: { type: "string", format: "uri-reference", maxLength: 2048 },
      example: "/v1/items/0192f000-0000-7000-8000-000000000000",
    },
    RedirectLocation: {
      description: "The URL the client is sent to.",
      schema: { type: "string", format: "uri", maxLength: 2048 },
      example: "https://example.com/landing",
    },
  };
}

function errorResponses(rateLimit: number): JsonObject {
  const examples = problemExamples(rateLimit);
  const responses: JsonObject = {};
  for (const [statusText, name] of Object.entries(RESPONSE_NAMES)) {
    const status = Number(statusText);
    const headers: JsonObject = { "X-Request-ID": { $ref: "#/components/headers/X-Request-ID" } };
    if (status === 429) {
      headers["Retry-After"] = { $ref: "#/components/headers/Retry-After" };
      headers["RateLimit-Policy"] = { $ref: "#/components/headers/RateLimit-Policy" };
    }
    if (status === 401) headers["WWW-Authenticate"] = { $ref: "#/components/headers/WWW-Authenticate" };
    responses[name] = {
      description: STATUS_TITLES[status] ?? "Error",
      headers,
      content: {
        "application/problem+json": {
          schema: { $ref: "#/components/schemas/Problem" },
          examples: {
            default: { summary: STATUS_TITLES[status] ?? "Error", value: (examples[status] ?? null) as Json },
          },
        },
      },
    };
  }
  return responses;
}
