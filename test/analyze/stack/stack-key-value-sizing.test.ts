import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sizeKeyValueStore } from "../../../src/analyze/stack/key-value-sizing.js";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { ledgerSpec } from "../../fixtures/data-rules/specs.js";

describe("the idempotency and rate-limit store is sized", () => {
  it("counts a day of idempotency keys at peak writes and one counter per daily active user", () => {
    // 100 writes/s x 86,400 s = 8,640,000 keys x 320 B + 50,000 counters x 120 B = 2,770,800,000 B.
    assert.deepEqual(sizeKeyValueStore(100, 50_000), {
      idempotencyKeys: 8_640_000,
      rateLimitCounters: 50_000,
      bytes: 8_640_000 * 320 + 50_000 * 120,
    });
  });

  it("states the key counts and memory in the stack section", () => {
    const doc = designSystem(parseSpec(ledgerSpec(), "w.yaml"), { svg: false }).files.get("DESIGN.md") ?? "";
    assert.match(doc, /Sized for at most [\d,]+ idempotency keys \(a 24 h TTL at [\d,]+ rps of writes/);
    assert.match(doc, /500,000 rate-limit counters/);
    assert.match(doc, /maxmemory is set to at least [\d.]+ GiB/);
  });
});
