import { randomUUID } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import responseValidation from "@fastify/response-validation";
import type { Span } from "@opentelemetry/api";
import ajvFormats from "ajv-formats";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type Authenticator, type Caller, InvalidToken } from "./auth.js";
import type { Database } from "./database.js";
import type { EventSpec, OperationSpec, ProjectionSpec, SagaSpec, ServiceSpec } from "./design-types.js";
import type { Extensions } from "./extensions.js";
import { IdempotencySweeper } from "./idempotency.js";
import { generatedHandler } from "./operations.js";
import { type EventConsumer, OutboxRelay } from "./outbox.js";
import { HttpProblem, problemOf, problemOfDatabaseError } from "./problem.js";
import { closeRedis, redisStatus } from "./redis.js";
import { sagaConsumer } from "./saga.js";
import { endRequestSpan, startRequestSpan } from "./telemetry.js";

export interface DesignData {
  readonly services: readonly ServiceSpec[];
  readonly operations: readonly OperationSpec[];
  readonly events: readonly EventSpec[];
  readonly projections: readonly ProjectionSpec[];
  /** How long an Idempotency-Key replays its first response (the OpenAPI documents state it). */
  readonly idempotencyWindowMs: number;
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
  /**
   * Requests per client (token subject, else address) per window; false: no limit. With `redis`
   * the counters live there, so every instance on that Redis shares one budget per client (the
   * service closes the client when it closes); without it, in this process.
   */
  readonly rateLimit?: RateLimitOptions | false;
  /** Check every response against the contract (default true); a broken one answers 500. */
  readonly validateResponses?: boolean;
  /**
   * Deletes Idempotency-Keys past the replay window, `batchSize` per transaction, every `everyMs`
   * (default every minute, 1,000 a batch); false: no periodic sweep.
   */
  readonly idempotencySweep?: { readonly everyMs: number; readonly batchSize: number } | false;
}

export interface RateLimitOptions {
  readonly max: number;
  readonly windowMs: number;
  readonly redis?: Redis;
}

export interface Service {
  readonly app: FastifyInstance;
  readonly relay: OutboxRelay;
  readonly idempotencySweeper: IdempotencySweeper;
  /**
   * Starts draining: /health answers 503 so load balancers and readiness probes take this
   * instance out of rotation, while requests are still served until `close`.
   */
  drain(): void;
  /**
   * Stops taking requests, finishes those in flight, stops the relay and the idempotency sweep,
   * closes Redis and the database.
   */
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

  const sweep = options.idempotencySweep ?? { everyMs: 60_000, batchSize: 1000 };
  const idempotencySweeper = new IdempotencySweeper({
    db,
    windowMs: design.idempotencyWindowMs,
    everyMs: sweep ? sweep.everyMs : 60_000,
    batchSize: sweep ? sweep.batchSize : 1000,
    onError: (error) => options.logger.error({ err: error }, "idempotency key sweep failed"),
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
  // Callback-style hooks: an async hook costs a promise per request even when it has nothing to await.
  app.addHook("onRequest", (request, reply, done) => {
    request.span = startRequestSpan(
      request.method,
      request.routeOptions.url ?? request.url,
      request.url.split("?")[0] ?? "",
    );
    request.span.setAttribute("http.request.id", request.id);
    reply.header("X-Request-ID", request.id);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    if (request.span) endRequestSpan(request.span, reply.statusCode);
    done();
  });
  // Every response is checked against the contract. The first broken rule is enough for the 500
  // it becomes, so the validator stops there (`allErrors: false`), and formats use ajv-formats'
  // "fast" checks (patterns, no calendar arithmetic on each date-time).
  if (options.validateResponses !== false)
    await app.register(responseValidation, {
      ajv: {
        plugins: [[formats, { mode: "fast" }]],
        strict: false,
        allErrors: false,
        formats: OPENAPI_FORMATS,
      },
    });

  const redis = options.rateLimit ? options.rateLimit.redis : undefined;
  if (options.rateLimit) {
    // Counters in Redis when given (shared by every instance), else in this process; 429 with
    // Retry-After as a problem. An unreachable Redis fails open (skipOnError): the request is
    // served unlimited, openRedis logs the outage and /health reports it.
    await app.register(rateLimit, {
      global: true,
      ...(redis ? { redis, skipOnError: true, nameSpace: "archwright-rate-limit:" } : {}),
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
    // Redis down is "degraded", not 503: requests are still served (without a shared limit), and
    // taking every instance out of rotation for it would take the API down instead.
    const rateLimitStore = redis ? await redisStatus(redis) : undefined;
    const status = database !== "up" ? "unavailable" : rateLimitStore === "down" ? "degraded" : "ok";
    reply.code(database === "up" ? 200 : 503);
    return {
      status,
      checks: {
        database: { status: database, kind: db.kind },
        ...(rateLimitStore ? { redis: { status: rateLimitStore } } : {}),
        outboxRelay: { status: relay.active ? "running" : "stopped" },
      },
    };
  });

  const context = {
    db,
    services,
    sagas: design.sagas,
    onEventsCommitted: () => setImmediate(() => relay.wake()),
    idempotencyWindowMs: design.idempotencyWindowMs,
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
  if (sweep) idempotencySweeper.start();
  return {
    app,
    relay,
    idempotencySweeper,
    drain() {
      draining = true;
    },
    async close() {
      await app.close();
      await relay.stop();
      await idempotencySweeper.stop();
      if (redis) await closeRedis(redis);
      await db.close();
    },
  };
}
