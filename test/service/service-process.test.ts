import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";

/**
 * `design --service` through the CLI: regenerating keeps the files the team owns and restores the
 * generated ones; the service starts on 127.0.0.1, answers /health, logs with the request id, and
 * shuts down cleanly on SIGTERM; a SIGKILL during writes loses nothing acknowledged.
 */
const root = resolve(".tmp", `service-process-${process.pid}`);
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIO = { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: process.cwd() };
  return { code: await main(args, io), stderr };
}

const out = join(root, "design");
const design = () =>
  cli("design", "examples/social-sharing/archwright.yaml", "--out", out, "--no-svg", "--service");

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  logs(): string;
}

// The service runs on the embedded database unless a test passes DATABASE_URL itself: the server
// .ci/run starts reaches only the tests that ask for it.
const { DATABASE_URL: _server, ...embeddedEnv } = process.env;

/** Starts the generated service (tsx, port 0) and waits for its "listening" line. */
async function start(env: Record<string, string>): Promise<Started> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: join(out, "service"),
    env: { ...embeddedEnv, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    logs += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    logs += chunk.toString();
  });
  for (;;) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(logs)?.[1];
    if (url) return { child, url, logs: () => logs };
    if (child.exitCode !== null) assert.fail(`the service exited: ${logs}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("design --service", () => {
  it("keeps the team's handlers across a regeneration and restores generated files", async () => {
    assert.equal((await design()).code, 0);
    const handlers = join(out, "service/src/handlers/index.ts");
    const extra = join(out, "service/src/handlers/audit.ts");
    const generated = join(out, "service/src/runtime/app.ts");
    const original = readFileSync(generated, "utf8");
    const mine = `${readFileSync(handlers, "utf8")}\n// the team's own change\n`;
    writeFileSync(handlers, mine);
    writeFileSync(extra, "export const audit = true;\n");
    writeFileSync(generated, "// edited by hand\n");
    const second = await design();
    assert.equal(second.code, 0, second.stderr);
    assert.equal(readFileSync(handlers, "utf8"), mine);
    assert.equal(readFileSync(extra, "utf8"), "export const audit = true;\n");
    assert.equal(readFileSync(generated, "utf8"), original, "generated files are regenerated");
  });

  it("starts on 127.0.0.1, answers /health, logs the request id, and stops on SIGTERM", async () => {
    const service = await start({ PGLITE_DATA_DIR: "memory://" });
    const { child, url } = service;
    try {
      const health = await fetch(`${url}/health`, { headers: { "x-request-id": "health-check-1" } });
      assert.equal(health.status, 200);
      assert.equal(health.headers.get("x-request-id"), "health-check-1");
      const body = (await health.json()) as {
        checks: { database: { status: string; kind: string }; redis?: { status: string } };
      };
      assert.deepEqual(body.checks.database, { status: "up", kind: "pglite" });
      // With REDIS_URL (.ci/run starts a server) the rate-limit counters are there, and it is checked.
      assert.deepEqual(body.checks.redis, process.env.REDIS_URL ? { status: "up" } : undefined);
      const refused = await fetch(`${url}/v1/shares`);
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get("content-type"), "application/problem+json; charset=utf-8");
      assert.match(service.logs(), /"reqId":"health-check-1"/);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    assert.equal(code, 0, service.logs());
    assert.match(service.logs(), /shutting down/);
    if (process.env.REDIS_URL) assert.match(service.logs(), /"rateLimits":"redis"/);
  });

  /**
   * The kill -9 test on each database: the embedded one (its data folder is read back after the
   * kill) and, when DATABASE_URL is set (.ci/run starts a server), real PostgreSQL in a database of
   * its own, dropped at the end.
   */
  const databases: {
    name: string;
    open(): Promise<{ env: Record<string, string>; query: Query; close(): Promise<void> }>;
  }[] = [
    {
      name: "PGlite",
      async open() {
        const dataDir = join(root, "pglite-kill");
        mkdirSync(dataDir, { recursive: true });
        let db: PGlite | undefined;
        return {
          env: { PGLITE_DATA_DIR: dataDir },
          query: async (text) => {
            db ??= new PGlite(dataDir);
            return (await db.query<Record<string, unknown>>(text)).rows;
          },
          close: async () => db?.close(),
        };
      },
    },
    ...(process.env.DATABASE_URL
      ? [{ name: "PostgreSQL", open: () => serverDatabase(process.env.DATABASE_URL ?? "") }]
      : []),
  ];
  for (const database of databases)
    it(`loses no acknowledged row and no outbox event when killed with SIGKILL during writes (${database.name})`, async () => {
      const target = await database.open();
      try {
        const service = await start(target.env);
        const acknowledged = await killDuringWrites(service);
        const rows = await target.query("SELECT followee_id FROM social.follows");
        const stored = new Set(rows.map((r) => String(r.followee_id)));
        for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged follow of ${id} survived`);
        const events = await target.query(
          "SELECT count(*)::int AS n FROM social.outbox WHERE event_type = 'social.follow.created'",
        );
        assert.equal(events[0]?.n, stored.size, "one outbox event per stored row, none lost");
      } finally {
        await target.close();
      }
    });
});

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** A fresh database on the server at `url` for one test, dropped (even with connections left) on close. */
async function serverDatabase(url: string) {
  const name = `service_kill_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const address = new URL(url);
  address.pathname = `/${name}`;
  let client: pg.Client | undefined;
  return {
    env: { DATABASE_URL: address.toString() },
    query: async (text: string) => {
      if (!client) {
        client = new pg.Client({ connectionString: address.toString() });
        await client.connect();
      }
      return (await client.query<Record<string, unknown>>(text)).rows;
    },
    close: async () => {
      await client?.end();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Four writers create follows until 40 are acknowledged, then the process gets SIGKILL while they
 * still have requests in flight. Returns the followees of every acknowledged (201) create.
 */
async function killDuringWrites(service: Started): Promise<string[]> {
  const { child, url } = service;
  const issued = await fetch(`${url}/dev/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sub: crypto.randomUUID(), role: "member" }),
  });
  const { token } = (await issued.json()) as { token: string };
  const acknowledged: string[] = [];
  let stop = false;
  const writer = async () => {
    while (!stop) {
      const followee = crypto.randomUUID();
      const response = await fetch(`${url}/v1/follows`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ followeeId: followee }),
      }).catch(() => undefined);
      if (response?.status === 201) acknowledged.push(followee);
      else if (response) assert.fail(`a write failed with ${response.status}: ${await response.text()}`);
    }
  };
  const writers = [writer(), writer(), writer(), writer()];
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 10));
  child.kill("SIGKILL"); // while the writers still have requests in flight
  stop = true;
  await once(child, "exit").catch(() => undefined);
  await Promise.all(writers);
  return acknowledged;
}
