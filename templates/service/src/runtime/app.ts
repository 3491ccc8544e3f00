import { randomUUID } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import responseValidation from "@fastify/response-validation";
import type { Span } from "@opentelemetry/api";
import ajvFormats from "ajv-formats";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { type Authenticator, type Caller, InvalidToken } from "./auth.js";
import type { Database } from "./database.js";
import type { EventSpec, OperationSpec, ProjectionSpec, SagaSpec, ServiceSpec } from "./design-types.js";
import type { Extensions } from "./extensions.js";
import { generatedHandler } from "./operations.js";
import { type EventConsumer, OutboxRelay } from "./outbox.js";
import { HttpProblem, problemOf, problemOfDatabaseError } from "./problem.js";
import { sagaConsumer } from "./saga.js";
import { endRequestSpan, startRequestSpan } from "./telemetry.js";

export interface DesignData {
  readonly services: readonly ServiceSpec[];
  readonly operations: readonly OperationSpec[];
  readonly events: readonly EventSpec[];
  readonly projections: readonly ProjectionSpec[];
  readonly sagas: readonly SagaSpec[];
}

export interface ServiceOptions {
  readonly design: DesignData;
  readonly db: Database;
  readonly auth: Authenticator;
  readonly logger: Logger;
  readonly extensions?: Extensions;
  /** How often the outbox relay polls (a notification wakes it sooner). */
  readonly relayPollMs?: number;
  /** Start the outbox relay with the server (default true). */
  readonly relay?: boolean;
  /** Requests per client (token subject, else address) per window; false: no limit. */
  readonly rateLimit?: { readonly max: number; readonly windowMs: number } | false;
}

export interface Service {
  readonly app: FastifyInstance;
  readonly relay: OutboxRelay;
  /**
   * Starts draining: /health answers 503 so load balancers and readiness probes take this
   * instance out of rotation, while requests are still served until `close`.
   */
  drain(): void;
  /** Stops taking requests, finishes those in flight, stops the relay, closes the database. */
  close(): Promise<void>;
}

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller | undefined;
    span: Span | undefined;
  }
}

// ajv-formats is CommonJS; its plugin is the `default` export under NodeNext resolution.
const addFormats = ajvFormats.default;
const formats = (ajv: Parameters<typeof addFormats>[0]) => addFormats(ajv);

/** OpenAPI formats JSON Schema lacks: `decimal` strings carry their own `pattern`. */
const OPENAPI_FORMATS = { decimal: true } as const;

export async function buildService(options: ServiceOptions): Promise<Service> {
  const { design, db, auth } = options;
  const services = new Map(design.services.map((s) => [s.name, s]));
  const unknown = Object.keys(options.extensions?.handlers ?? {}).filter(
    (id) => !design.operations.some((op) => op.operationId === id),
  );
  if (unknown.length > 0) throw new Error(`src/handlers names unknown operations: ${unknown.join(", ")}`);

  const consumers: Record<string, EventConsumer> = {};
  for (const [name, consumer] of Object.entries(options.extensions?.consumers ?? {}))
    if (consumer) consumers[name] = consumer;
  const relay = new OutboxRelay({
    db,
    services,
    events: design.events,
    projections: design.projections,
    consumers,
    sagas: sagaConsumer(design.sagas, options.extensions?.sagaSteps ?? {}, options.logger),
    pollMs: options.relayPollMs ?? 1000,
    onError: (error) => options.logger.error({ err: error }, "outbox relay pass failed"),
  });

  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    ajv: { customOptions: { formats: OPENAPI_FORMATS } },
  });
  app.decorateRequest("caller", undefined);
  app.decorateRequest("span", undefined);
  // One server span per request, from its first hook to the response.
  app.addHook("onRequest", async (request) => {
    request.span = startRequestSpan(
      request.method,
      request.routeOptions.url ?? request.url,
      request.url.split("?")[0] ?? "",
    );
    request.span.setAttribute("http.request.id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    if (request.span) endRequestSpan(request.span, reply.statusCode);
  });
  await app.register(responseValidation, {
    ajv: { plugins: [formats], strict: false, formats: OPENAPI_FORMATS },
  });

  if (options.rateLimit) {
    // In-process counters (one process holds them all); 429 with Retry-After as a problem.
    await app.register(rateLimit, {
      global: true,
      hook: "preValidation",
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.windowMs,
      keyGenerator: (request) => (request.caller ? `caller:${request.caller.person}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          429,
          `More than ${context.max} requests in the window: retry after ${context.after}.`,
        ),
    });
  }

  app.addHook("onSend", async (request, reply) => {
    reply.header("X-Request-ID", request.id);
  });
  const answerProblem = (request: { id: string; url: string }, status: number, detail: string) =>
    problemOf(status, detail, request.id, request.url);
  app.setErrorHandler((error, request, reply) => {
    const known =
      error instanceof HttpProblem
        ? error
        : error instanceof InvalidToken
          ? new HttpProblem(401, error.message)
          : problemOfDatabaseError(error);
    const validation = (error as { validation?: unknown; statusCode?: number }).validation !== undefined;
    const status =
      known?.status ??
      (validation && reply.statusCode < 500 ? 400 : ((error as { statusCode?: number }).statusCode ?? 500));
    if (status >= 500) request.log.error({ err: error }, "request failed");
    const detail =
      known?.message ?? (status < 500 ? (error as Error).message : "The server failed to answer.");
    reply
      .code(status)
      .type("application/problem+json")
      .send(answerProblem(request, status, detail));
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type("application/problem+json")
      .send(answerProblem(request, 404, "No such route."));
  });

  let draining = false;
  app.get("/health", { config: { rateLimit: false } }, async (_request, reply) => {
    if (draining) {
      reply.code(503);
      return { status: "draining", checks: {} };
    }
    const database = await db
      .transaction({ searchPath: ["public"] }, (sql) => sql.query("SELECT 1 AS ok"))
      .then(() => "up" as const)
      .catch(() => "down" as const);
    const status = database === "up" ? "ok" : "unavailable";
    reply.code(database === "up" ? 200 : 503);
    return {
      status,
      checks: {
        database: { status: database, kind: db.kind },
        outboxRelay: { status: relay.active ? "running" : "stopped" },
      },
    };
  });

  const context = {
    db,
    services,
    sagas: design.sagas,
    onEventsCommitted: () => setImmediate(() => relay.wake()),
  };
  for (const op of design.operations) {
    const generated = generatedHandler(op, context);
    const override = options.extensions?.handlers?.[op.operationId];
    const handle = override ? (r: Parameters<typeof generated>[0]) => override(r, generated) : generated;
    app.route({
      method: op.method,
      url: op.url,
      schema: op.schema,
      // Authentication and the access cell come before validation: a refused caller learns nothing.
      onRequest: async (request) => {
        request.caller = await auth.verify(request.headers.authorization);
        const actor = request.caller?.role ?? "anonymous";
        if (op.access[actor] === undefined) {
          if (request.caller === undefined)
            throw new HttpProblem(401, "This operation needs a bearer token.");
          throw new HttpProblem(403, `The role \`${actor}\` may not call ${op.operationId}.`);
        }
      },
      preValidation: async (request) => {
        // Privileged properties, before validation could fill in a default the caller never sent.
        const body = request.body;
        if (op.writeRoles && body && typeof body === "object") {
          const role = request.caller?.role ?? "anonymous";
          for (const [property, roles] of Object.entries(op.writeRoles))
            if (property in body && !roles.includes(role))
              throw new HttpProblem(403, `Only ${roles.join(", ")} may set \`${property}\`.`);
        }
        // `fields` is a comma-separated list (style: form, explode: false).
        const query = request.query as Record<string, unknown>;
        if (typeof query.fields === "string") query.fields = query.fields.split(",");
      },
      handler: async (request, reply) => {
        const key = request.headers["idempotency-key"];
        const result = await handle({
          caller: request.caller,
          params: request.params as Record<string, string>,
          query: request.query as Record<string, unknown>,
          body: request.body as Record<string, unknown> | undefined,
          idempotencyKey: typeof key === "string" ? key : undefined,
          span: request.span,
        });
        if (result.replayed) reply.header("Idempotent-Replayed", "true");
        if (result.location !== undefined) reply.header("Location", result.location);
        reply.code(result.status);
        return result.body === undefined ? reply.send() : result.body;
      },
    });
  }

  if (options.relay !== false) await relay.start();
  return {
    app,
    relay,
    drain() {
      draining = true;
    },
    async close() {
      await app.close();
      await relay.stop();
      await db.close();
    },
  };
}
