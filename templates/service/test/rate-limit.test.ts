import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, describe, it } from "node:test";
import { pino } from "pino";
import { DESIGN } from "../src/generated/design.js";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { buildService } from "../src/runtime/app.js";
import { closeRedis, openRedis } from "../src/runtime/redis.js";
import { type Harness, prepare, startHarness } from "./scenario-support.js";

/** Per-client rate limits: past the limit a client gets 429 with Retry-After; others are unaffected. */
const harness = await startHarness({ rateLimit: { max: 3, windowMs: 60_000 } });
after(() => harness.close());

const scenario = SCENARIOS.useCases.find((u) => u.actor !== "anonymous");
const silent = pino({ level: "silent" });

/** A second instance of the service on the harness's database, its counters in `redis`. */
async function secondInstance(of: Harness, redis: Awaited<ReturnType<typeof openRedis>>) {
  const service = await buildService({
    design: DESIGN,
    db: of.db,
    auth: of.auth,
    logger: silent,
    relay: false,
    idempotencySweep: false,
    rateLimit: { max: 3, windowMs: 60_000, redis },
  });
  await service.app.ready();
  // Not service.close(): the database belongs to the harness.
  const close = async () => {
    await service.app.close();
    await closeRedis(redis);
  };
  return { app: service.app, close };
}

describe("rate limits per client", () => {
  it("answers 429 with Retry-After past the limit, per caller", { skip: !scenario }, async () => {
    if (!scenario) return;
    const request = await prepare(harness, scenario);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await harness.service.app.inject(request)).statusCode);
    assert.ok(!statuses.includes(429), `within the limit: ${statuses.join(", ")}`);
    const limited = await harness.service.app.inject(request);
    assert.equal(limited.statusCode, 429, limited.body);
    assert.ok(Number(limited.headers["retry-after"]) > 0);
    assert.equal(limited.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.equal(limited.json().status, 429);
    // Another caller has a budget of its own.
    const other = await prepare(harness, scenario);
    assert.notEqual((await harness.service.app.inject(other)).statusCode, 429);
    // /health is never limited.
    for (let i = 0; i < 5; i++)
      assert.equal((await harness.service.app.inject({ method: "GET", url: "/health" })).statusCode, 200);
  });
});

const redisUrl = process.env.REDIS_URL;
describe("rate limits in Redis", () => {
  it("two instances on one Redis share one budget per client", {
    skip: !scenario ? "no use case with a token" : !redisUrl ? "REDIS_URL is not set" : false,
  }, async () => {
    if (!scenario || !redisUrl) return;
    const shared = await startHarness({
      rateLimit: { max: 3, windowMs: 60_000, redis: await openRedis(redisUrl, silent) },
    });
    const second = await secondInstance(shared, await openRedis(redisUrl, silent));
    try {
      const request = await prepare(shared, scenario);
      const statuses = [
        (await shared.service.app.inject(request)).statusCode,
        (await second.app.inject(request)).statusCode,
        (await shared.service.app.inject(request)).statusCode,
      ];
      assert.ok(!statuses.includes(429), `within the shared limit: ${statuses.join(", ")}`);
      // The fourth request overall is over the budget on either instance.
      const limited = await second.app.inject(request);
      assert.equal(limited.statusCode, 429, limited.body);
      assert.ok(Number(limited.headers["retry-after"]) > 0);
      assert.equal((await shared.service.app.inject(request)).statusCode, 429);
      const health = await shared.service.app.inject({ method: "GET", url: "/health" });
      assert.equal(health.statusCode, 200);
      assert.equal(health.json().checks.redis.status, "up");
      assert.equal(health.json().status, "ok");
    } finally {
      await second.close();
      await shared.close();
    }
  });

  it("fails open with a logged warning while Redis is unreachable", { skip: !scenario }, async () => {
    if (!scenario) return;
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    // A port nobody listens on: bind one, then free it.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const second = await secondInstance(harness, await openRedis(`redis://127.0.0.1:${port}`, logger));
    try {
      const request = await prepare(harness, scenario);
      // Past the limit, and still served: the counters are unreachable, so nothing is limited.
      for (let i = 0; i < 5; i++) {
        const response = await second.app.inject(request);
        assert.ok(response.statusCode < 500 && response.statusCode !== 429, response.body);
      }
      assert.ok(
        lines.some((l) => l.level === 40 && l.msg.includes("rate limits are not enforced")),
        "a warning names the outage",
      );
      const health = await second.app.inject({ method: "GET", url: "/health" });
      assert.equal(health.statusCode, 200, "the database is up; requests are still served");
      assert.equal(health.json().checks.redis.status, "down");
      assert.equal(health.json().status, "degraded");
    } finally {
      await second.close();
    }
  });
});
