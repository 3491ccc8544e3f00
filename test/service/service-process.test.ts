import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
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
    if (!readFileSync(join(out, "service/package.json"), "utf8")) assert.equal((await design()).code, 0);
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(out, "service"),
      env: { ...process.env, PORT: "0", PGLITE_DATA_DIR: "memory://", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let logs = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      logs += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      logs += chunk.toString();
    });
    try {
      for (;;) {
        if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(logs)) break;
        if (child.exitCode !== null) assert.fail(`the service exited: ${logs}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(logs)?.[1] ?? "";
      const health = await fetch(`${url}/health`, { headers: { "x-request-id": "health-check-1" } });
      assert.equal(health.status, 200);
      assert.equal(health.headers.get("x-request-id"), "health-check-1");
      const body = (await health.json()) as { checks: { database: { status: string; kind: string } } };
      assert.deepEqual(body.checks.database, { status: "up", kind: "pglite" });
      const refused = await fetch(`${url}/v1/shares`);
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get("content-type"), "application/problem+json; charset=utf-8");
      assert.match(logs, /"reqId":"health-check-1"/);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    assert.equal(code, 0, logs);
    assert.match(logs, /shutting down/);
  });
});
