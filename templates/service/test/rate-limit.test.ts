import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { prepare, startHarness } from "./scenario-support.js";

/** Per-client rate limits: past the limit a client gets 429 with Retry-After; others are unaffected. */
const harness = await startHarness({ rateLimit: { max: 3, windowMs: 60_000 } });
after(() => harness.close());

describe("rate limits per client", () => {
  const scenario = SCENARIOS.useCases.find((u) => u.actor !== "anonymous");
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
