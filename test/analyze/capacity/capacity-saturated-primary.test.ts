import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { REDIRECT_SPEC, TELEMETRY_SPEC } from "../../fixtures/data-rules/specs.js";

const primary = (text: string, service: string) =>
  estimateCapacity(parseSpec(text, "s.yaml")).bottlenecks.find((b) => b.id === `postgres-primary:${service}`);

describe("a primary past saturation at today's load gets a change, not a bigger instance", () => {
  it("a telemetry stream of append-only rows goes to a log and reaches PostgreSQL in batches", () => {
    const b = primary(TELEMETRY_SPEC, "fleet");
    assert.ok((b?.bitesAtMultiple ?? 1) < 1);
    assert.match(b?.mitigation ?? "", /`readings` takes [\d.,k]+ append-only writes\/s; write them to a log/);
    assert.match(b?.mitigation ?? "", /COPY/);
    assert.doesNotMatch(b?.mitigation ?? "", /scale the primary up one size/);
  });

  it("a hot redirect is cached, and the stack runs the cache the capacity plan relies on", () => {
    const model = parseSpec(REDIRECT_SPEC, "s.yaml");
    const report = estimateCapacity(model);
    assert.ok(report.current.tables.find((t) => t.entity === "Link")?.cached);
    assert.ok(
      (primary(REDIRECT_SPEC, "links")?.bitesAtMultiple ?? 0) > 1,
      "cached reads keep the primary under 1x",
    );
    const doc = designSystem(model, { svg: false }).files.get("DESIGN.md") ?? "";
    assert.match(doc, /The capacity plan serves Link reads from it/);
  });
});
