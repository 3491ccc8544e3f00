import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import Fastify from "fastify";
import { generateKeyPair, jwtVerify, SignJWT } from "jose";
import { pino } from "pino";
import { designSystem } from "../src/design/design-system.js";
import { emitService } from "../src/emit/service/emit-service.js";
import { parseSpec } from "../src/spec/load-spec.js";
import { buildService, type DesignData } from "../templates/service/src/runtime/app.js";
import { createAuthenticator } from "../templates/service/src/runtime/auth.js";
import { openPglite } from "../templates/service/src/runtime/database.js";
import { type Migration, migrate } from "../templates/service/src/runtime/migrate.js";

/**
 * The generated service against a hand-written Fastify endpoint doing the same query, side by side
 * on loopback (autocannon, 10 connections, 5 s each): one list (GET /v1/shares, a member's own
 * shares, 20 per page) and one create (POST /v1/posts) of the social-sharing example. Each side has
 * its own in-process PGlite with the same migration and the same rows, and verifies an ES256 JWT on
 * every request; neither logs.
 */
export interface ServiceBenchRow {
  readonly endpoint: string;
  readonly implementation: "generated" | "hand-written";
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

const CALLER = "0192f958-fc77-76a1-8b2c-3d4e5f607182";
const DURATION_S = 5;
const CONNECTIONS = 10;

async function seed(query: (sql: string) => Promise<unknown>): Promise<void> {
  await query(
    `INSERT INTO content.posts (author_id, body) SELECT '${CALLER}', 'post ' || g FROM generate_series(1, 100) g`,
  );
  await query(
    `INSERT INTO content.shares (post_id, shared_by_id, channel) SELECT id, '${CALLER}', 'link' FROM content.posts, generate_series(1, 2)`,
  );
}

async function generatedServer(
  folder: string,
): Promise<{ url: string; token: string; close: () => Promise<void> }> {
  const { DESIGN } = (await import(pathToFileURL(join(folder, "src/generated/design.ts")).href)) as {
    DESIGN: DesignData;
  };
  const { MIGRATIONS } = (await import(pathToFileURL(join(folder, "src/generated/migrations.ts")).href)) as {
    MIGRATIONS: readonly Migration[];
  };
  const db = await openPglite();
  await migrate(db, MIGRATIONS);
  await seed((sql) => db.exec(sql));
  const auth = await createAuthenticator({});
  const service = await buildService({
    design: DESIGN,
    db,
    auth,
    logger: pino({ level: "silent" }),
    relay: false,
    rateLimit: false,
  });
  const url = await service.app.listen({ host: "127.0.0.1", port: 0 });
  const token = (await auth.issue?.({ person: CALLER, role: "member", tenant: undefined })) ?? "";
  return { url, token, close: () => service.close() };
}

/** What a person writes by hand for the same two endpoints: Fastify, jose, one query each. */
async function handWrittenServer(
  contentUp: string,
): Promise<{ url: string; token: string; close: () => Promise<void> }> {
  const db = new PGlite();
  await db.exec(
    `CREATE SCHEMA content; SET search_path TO content;\n${contentUp}\nSET search_path TO public;`,
  );
  await seed((sql) => db.exec(sql));
  const keys = await generateKeyPair("ES256");
  const caller = async (authorization: string | undefined): Promise<string | undefined> => {
    const token = authorization?.replace(/^Bearer /, "");
    if (!token) return undefined;
    const { payload } = await jwtVerify(token, keys.publicKey, { issuer: "bench", audience: "bench" });
    return payload.sub;
  };
  const app = Fastify({ logger: false });
  app.get("/v1/shares", async (request, reply) => {
    const sub = await caller(request.headers.authorization);
    if (!sub) return reply.code(401).send({ status: 401 });
    const rows = (
      await db.query<Record<string, unknown>>(
        `SELECT id, post_id AS "postId", shared_by_id AS "sharedById", channel, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM content.shares WHERE shared_by_id = $1 ORDER BY created_at DESC, id DESC LIMIT 21`,
        [sub],
      )
    ).rows;
    const page = rows.slice(0, 20);
    const last = page.at(-1);
    return {
      data: page,
      nextCursor:
        rows.length > 20 && last
          ? Buffer.from(JSON.stringify([last.createdAt, last.id])).toString("base64url")
          : null,
    };
  });
  app.post(
    "/v1/posts",
    {
      schema: {
        body: {
          type: "object",
          required: ["body"],
          additionalProperties: false,
          properties: {
            body: { type: "string", minLength: 1, maxLength: 5000 },
            visibility: { type: "string", enum: ["public", "followers"] },
          },
        },
      },
    },
    async (request, reply) => {
      const sub = await caller(request.headers.authorization);
      if (!sub) return reply.code(401).send({ status: 401 });
      const body = request.body as { body: string; visibility?: string };
      const rows = (
        await db.query(
          `INSERT INTO content.posts (author_id, body, visibility) VALUES ($1, $2, COALESCE($3, 'public')::content.post_visibility)
           RETURNING id, author_id AS "authorId", body, visibility, status, created_at AS "createdAt", updated_at AS "updatedAt", version`,
          [sub, body.body, body.visibility ?? null],
        )
      ).rows;
      return reply.code(201).send(rows[0]);
    },
  );
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const token = await new SignJWT({ role: "member" })
    .setProtectedHeader({ alg: "ES256" })
    .setSubject(CALLER)
    .setIssuer("bench")
    .setAudience("bench")
    .setExpirationTime("1h")
    .sign(keys.privateKey);
  return {
    url,
    token,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

async function load(url: string, token: string, method: "GET" | "POST", path: string) {
  const result = await autocannon({
    url: `${url}${path}`,
    method,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(method === "POST"
      ? { body: JSON.stringify({ body: "A post from the bench.", visibility: "public" }) }
      : {}),
  });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx };
}

export async function benchService(): Promise<ServiceBenchRow[]> {
  const file = "examples/social-sharing/archwright.yaml";
  const design = designSystem(parseSpec(readFileSync(file, "utf8"), file), { svg: false });
  const folder = resolve(".tmp", `bench-service-${process.pid}`);
  try {
    for (const f of emitService(design)) {
      mkdirSync(dirname(join(folder, f.path)), { recursive: true });
      writeFileSync(join(folder, f.path), f.content);
    }
    const generated = await generatedServer(folder);
    const hand = await handWrittenServer(design.files.get("db/content/migrations/0001_init.up.sql") ?? "");
    const rows: ServiceBenchRow[] = [];
    try {
      for (const [endpoint, method, path] of [
        ["GET /v1/shares (list, 20 rows)", "GET", "/v1/shares"],
        ["POST /v1/posts (create)", "POST", "/v1/posts"],
      ] as const) {
        rows.push({
          endpoint,
          implementation: "generated",
          ...(await load(generated.url, generated.token, method, path)),
        });
        rows.push({
          endpoint,
          implementation: "hand-written",
          ...(await load(hand.url, hand.token, method, path)),
        });
      }
    } finally {
      await generated.close();
      await hand.close();
    }
    return rows;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function formatServiceBench(rows: readonly ServiceBenchRow[]): string {
  const lines = [
    `generated service vs hand-written Fastify, PGlite in-process, autocannon ${CONNECTIONS} connections x ${DURATION_S} s`,
    "| endpoint | implementation | req/s | p99 ms | non-2xx |",
    "|---|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.endpoint} | ${r.implementation} | ${Math.round(r.requestsPerSecond)} | ${r.p99Ms} | ${r.non2xx} |`,
    ),
  ];
  for (const endpoint of new Set(rows.map((r) => r.endpoint))) {
    const g = rows.find((r) => r.endpoint === endpoint && r.implementation === "generated");
    const h = rows.find((r) => r.endpoint === endpoint && r.implementation === "hand-written");
    if (g && h && h.requestsPerSecond > 0)
      lines.push(
        `${endpoint}: generated at ${Math.round((100 * g.requestsPerSecond) / h.requestsPerSecond)}% of hand-written throughput (goal: at least 80%)`,
      );
  }
  return lines.join("\n");
}
