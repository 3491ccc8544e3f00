import { trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { pino } from "pino";
import { DESIGN, POOL_SIZE, SYSTEM_NAME } from "./generated/design.js";
import { MIGRATIONS } from "./generated/migrations.js";
import { extensions } from "./handlers/index.js";
import { buildService } from "./runtime/app.js";
import { createAuthenticator } from "./runtime/auth.js";
import { type Database, openPglite, openPostgres } from "./runtime/database.js";
import { migrate } from "./runtime/migrate.js";
import { openRedis } from "./runtime/redis.js";

/**
 * Starts the service on 127.0.0.1. Without DATABASE_URL it runs on PGlite (embedded PostgreSQL,
 * data in PGLITE_DATA_DIR, default .data/pglite; `memory://` keeps nothing); with it, on real
 * PostgreSQL through a pool of DATABASE_POOL_MAX connections (default: the design's figure). With
 * REDIS_URL the rate-limit counters live in that Redis, shared by every instance.
 */
const env = process.env;
// Spans on HTTP and SQL go to an OTLP/HTTP collector when one is named (the exporter reads the
// standard OTEL_EXPORTER_OTLP_* variables); otherwise they cost nothing.
const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT
  ? new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME ?? SYSTEM_NAME }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
    })
  : undefined;
if (tracing) trace.setGlobalTracerProvider(tracing);
const logger = pino({ level: env.LOG_LEVEL ?? "info", base: { service: SYSTEM_NAME } });

const db: Database = env.DATABASE_URL
  ? await openPostgres(env.DATABASE_URL, Number(env.DATABASE_POOL_MAX ?? POOL_SIZE), (error) =>
      logger.warn({ err: error }, "an idle database connection failed"),
    )
  : await openPglite(env.PGLITE_DATA_DIR ?? ".data/pglite");
const applied = await migrate(db, MIGRATIONS);
const auth = await createAuthenticator({
  jwksUrl: env.JWKS_URL,
  issuer: env.JWT_ISSUER,
  audience: env.JWT_AUDIENCE,
});
const perMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? 600);
const redis = perMinute > 0 && env.REDIS_URL ? await openRedis(env.REDIS_URL, logger) : undefined;
const service = await buildService({
  design: DESIGN,
  db,
  auth,
  logger,
  extensions,
  rateLimit: perMinute > 0 ? { max: perMinute, windowMs: 60_000, ...(redis ? { redis } : {}) } : false,
  validateResponses: env.VALIDATE_RESPONSES !== "off",
});

const issue = auth.issue;
if (issue) {
  // The local development issuer: a token for any person and role, on loopback only.
  service.app.post("/dev/tokens", async (request) => {
    const body = (request.body ?? {}) as { sub?: string; role?: string; tenant?: string };
    if (!body.sub || !body.role) return { error: "send { sub, role, tenant? }" };
    return { token: await issue({ person: body.sub, role: body.role, tenant: body.tenant }) };
  });
}

const port = Number(env.PORT ?? 3000);
// 127.0.0.1 unless HOST says otherwise (a container sets 0.0.0.0 so probes can reach it).
const address = await service.app.listen({ host: env.HOST ?? "127.0.0.1", port });
logger.info(
  {
    database: db.kind,
    migrationsApplied: applied,
    auth: issue ? "development issuer" : "JWKS",
    rateLimits: perMinute === 0 ? "off" : redis ? "redis" : "in-process",
  },
  `${SYSTEM_NAME} listening on ${address}`,
);

// Graceful shutdown: stop taking requests, finish those in flight, stop the relay, close Redis and
// the database.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Draining first (SHUTDOWN_DRAIN_SECONDS, 0 by default; the Kubernetes manifests set it): /health
    // answers 503 so traffic moves away before the server stops taking requests.
    const drainMs = Number(env.SHUTDOWN_DRAIN_SECONDS ?? 0) * 1000;
    service.drain();
    const force = setTimeout(() => process.exit(1), drainMs + 10_000);
    force.unref();
    new Promise((resolve) => setTimeout(resolve, drainMs))
      .then(() => service.close())
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  });
}
