import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";

/**
 * `design --service` through the CLI: regenerating keeps the files the team owns and restores the
 * generated ones; the service starts on 127.0.0.1, answers /health, logs with the request id, and
 * shuts down cleanly on SIGTERM.
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

// These tests are about the embedded database (its data folder survives a SIGKILL): the server
// .ci/run starts for the scenario tests must not reach them.
const { DATABASE_URL: _server, ...embeddedEnv } = process.env;

/** Starts the generated service (tsx, port 0) on PGlite and waits for its "listening" line. */
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
      const body = (await health.json()) as { checks: { database: { status: string; kind: string } } };
      assert.deepEqual(body.checks.database, { status: "up", kind: "pglite" });
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
  });

  it("loses no acknowledged row and no outbox event when killed with SIGKILL during writes", async () => {
    const dataDir = join(root, "pglite-kill");
    mkdirSync(dataDir, { recursive: true });
    const service = await start({ PGLITE_DATA_DIR: dataDir });
    const { child, url } = service;
    const issued = await fetch(`${url}/dev/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub: "0192f958-fc77-76a1-8b2c-3d4e5f607182", role: "member" }),
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

    const db = new PGlite(dataDir);
    try {
      const rows = await db.query<{ followee_id: string }>("SELECT followee_id FROM social.follows");
      const stored = new Set(rows.rows.map((r) => r.followee_id));
      for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged follow of ${id} survived`);
      const events = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM social.outbox WHERE event_type = 'social.follow.created'",
      );
      assert.equal(events.rows[0]?.n, stored.size, "one outbox event per stored row, none lost");
    } finally {
      await db.close();
    }
  });
});
