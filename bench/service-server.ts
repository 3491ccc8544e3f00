import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";
import { generateKeyPair, jwtVerify, SignJWT } from "jose";
import pg from "pg";
import { pino } from "pino";
import { buildService, type DesignData } from "../templates/service/src/runtime/app.js";
import { createAuthenticator } from "../templates/service/src/runtime/auth.js";
import { type Database, openPglite, openPostgres } from "../templates/service/src/runtime/database.js";
import { type Migration, migrate } from "../templates/service/src/runtime/migrate.js";

/**
 * One side of the service bench in its own process, so the load generator never shares its
 * thread: `service-server.ts generated|generated-unvalidated|hand-written <service folder> [postgres URL]`
 * (`generated-unvalidated`: the generated service with VALIDATE_RESPONSES=off). Without a URL
 * the database is an in-process PGlite; with one, a pool of POOL connections to it. Prints
 * `{ url, token }` as one JSON line when it listens, and exits on SIGTERM.
 */
const BENCH_CALLER = "0192f958-fc77-76a1-8b2c-3d4e5f607182";
const POOL = 10;

type Query = (text: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

async function seed(query: Query): Promise<void> {
  await query(
    `INSERT INTO content.posts (author_id, body) SELECT '${BENCH_CALLER}', 'post ' || g FROM generate_series(1, 100) g`,
  );
  await query(
    `INSERT INTO content.shares (post_id, shared_by_id, channel) SELECT id, '${BENCH_CALLER}', 'link' FROM content.posts, generate_series(1, 2)`,
  );
}

async function generated(folder: string, url: string | undefined, validateResponses: boolean) {
  const { DESIGN } = (await import(pathToFileURL(join(folder, "src/generated/design.ts")).href)) as {
    DESIGN: DesignData;
  };
  const { MIGRATIONS } = (await import(pathToFileURL(join(folder, "src/generated/migrations.ts")).href)) as {
    MIGRATIONS: readonly Migration[];
  };
  const db: Database = url ? await openPostgres(url, POOL) : await openPglite();
  await migrate(db, MIGRATIONS);
  await seed((text) => db.transaction({ searchPath: ["public"] }, (sql) => sql.query(text)));
  const auth = await createAuthenticator({});
  const service = await buildService({
    design: DESIGN,
    db,
    auth,
    logger: pino({ level: "silent" }),
    relay: false,
    rateLimit: false,
    validateResponses,
  });
  const address = await service.app.listen({ host: "127.0.0.1", port: 0 });
  const token = (await auth.issue?.({ person: BENCH_CALLER, role: "member", tenant: undefined })) ?? "";
  return { url: address, token, close: () => service.close() };
}

/** What a person writes by hand for the same two endpoints: Fastify, jose, one query each. */
async function handWritten(folder: string, url: string | undefined) {
  const { MIGRATIONS } = (await import(pathToFileURL(join(folder, "src/generated/migrations.ts")).href)) as {
    MIGRATIONS: readonly Migration[];
  };
  const contentUp = MIGRATIONS.filter((m) => m.service === "content")
    .map((m) => m.up)
    .join("\n");
  const schema = `CREATE SCHEMA content; SET search_path TO content;\n${contentUp}\nSET search_path TO public;`;
  let query: Query;
  let closeDb: () => Promise<void>;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: POOL });
    await pool.query(schema);
    query = async (text, params) => (await pool.query(text, params ? [...params] : [])).rows;
    closeDb = () => pool.end();
  } else {
    const db = new PGlite();
    await db.exec(schema);
    query = async (text, params) =>
      (await db.query<Record<string, unknown>>(text, params ? [...params] : [])).rows;
    closeDb = () => db.close();
  }
  await seed(query);
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
    const rows = await query(
      `SELECT id, post_id AS "postId", shared_by_id AS "sharedById", channel, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM content.shares WHERE shared_by_id = $1 ORDER BY created_at DESC, id DESC LIMIT 21`,
      [sub],
    );
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
      const rows = await query(
        `INSERT INTO content.posts (author_id, body, visibility) VALUES ($1, $2, COALESCE($3, 'public')::content.post_visibility)
         RETURNING id, author_id AS "authorId", body, visibility, status, created_at AS "createdAt", updated_at AS "updatedAt", version`,
        [sub, body.body, body.visibility ?? null],
      );
      return reply.code(201).send(rows[0]);
    },
  );
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const token = await new SignJWT({ role: "member" })
    .setProtectedHeader({ alg: "ES256" })
    .setSubject(BENCH_CALLER)
    .setIssuer("bench")
    .setAudience("bench")
    .setExpirationTime("1h")
    .sign(keys.privateKey);
  return {
    url: address,
    token,
    close: async () => {
      await app.close();
      await closeDb();
    },
  };
}

const [implementation, folder, url] = process.argv.slice(2);
const IMPLEMENTATIONS = ["generated", "generated-unvalidated", "hand-written"];
if (!implementation || !IMPLEMENTATIONS.includes(implementation) || !folder) {
  process.stderr.write(
    `usage: service-server.ts ${IMPLEMENTATIONS.join("|")} <service folder> [postgres URL]\n`,
  );
  process.exit(2);
}
const server =
  implementation === "hand-written"
    ? await handWritten(folder, url)
    : await generated(folder, url, implementation === "generated");
process.stdout.write(`${JSON.stringify({ url: server.url, token: server.token })}\n`);
process.once("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
