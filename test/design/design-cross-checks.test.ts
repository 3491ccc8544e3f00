import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { main } from "../../src/cli/run-cli.js";
import { crossCheckDesign } from "../../src/design/cross-check-design.js";
import { type DesignResult, designSystem } from "../../src/design/design-system.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import { TINY_SPEC } from "../fixtures/data-rules/specs.js";
import { CLICKS_SPEC } from "../fixtures/data-rules/store-specs.js";

const clicks = designSystem(parseSpec(CLICKS_SPEC, "c.yaml"), { svg: false });
const tiny = designSystem(parseSpec(TINY_SPEC, "t.yaml"), { svg: false });

function edited(result: DesignResult, path: string, edit: (text: string) => string): DesignResult {
  const files = new Map(result.files);
  const before = files.get(path) ?? "";
  const after = edit(before);
  assert.notEqual(after, before, `the edit of ${path} changed nothing`);
  files.set(path, after);
  return { ...result, files, statements: { ...result.statements, files } };
}
const problems = (result: DesignResult) => crossCheckDesign(result.statements);

describe("cross-checks: rate limits, write rates and the cache's eviction", () => {
  it("a design that agrees with itself has no problem", () => {
    assert.deepEqual(problems(clicks), []);
    assert.deepEqual(problems(tiny), []);
  });

  it("the security section states another rate limit", () => {
    const bad = edited(clicks, "DESIGN.md", (t) =>
      t.replace(
        "starting at about 1,000 requests/s per client",
        "starting at about 3,200 requests/s per client",
      ),
    );
    assert.deepEqual(problems(bad), [
      "DESIGN.md's security section does not state the rate limit of 1,000 requests/s per client",
    ]);
  });

  it("an OpenAPI 429 example states another rate limit", () => {
    const bad = edited(clicks, "openapi/links.yaml", (t) =>
      t.replace("Rate limit of 1000 requests per second per client", "Rate limit of 100 requests per minute"),
    );
    assert.deepEqual(problems(bad), [
      "openapi/links.yaml: the 429 example does not state the rate limit of 1000 requests/s per client",
    ]);
  });

  it("the OpenAPI RateLimit-Policy header states another quota", () => {
    const bad = edited(clicks, "openapi/links.yaml", (t) => t.replace("q=1000;w=1", "q=100;w=60"));
    assert.deepEqual(problems(bad), [
      "openapi/links.yaml: the RateLimit-Policy header does not state 1000 requests per 1-second window",
    ]);
  });

  it("handoff.json states another rate limit", () => {
    const bad = edited(clicks, "handoff.json", (t) =>
      t.replace('"requestsPerSecondPerClient": 1000', '"requestsPerSecondPerClient": 100'),
    );
    assert.deepEqual(problems(bad), [
      "handoff.json states another rate limit than 1000 requests/s per client",
    ]);
  });

  it("the stack section quotes another write rate than the capacity plan", () => {
    const bad = edited(tiny, "DESIGN.md", (t) =>
      t.replace("1.1 rps of writes at peak", "0.9 rps of writes at peak"),
    );
    assert.deepEqual(problems(bad), [
      "DESIGN.md's stack section quotes 0.9 rps of writes; the capacity plan has 1.1 rps",
    ]);
  });

  it("the cache the capacity plan relies on is a noeviction Redis", () => {
    const bad = edited(clicks, "DESIGN.md", (t) =>
      t.replace("(separate ElastiCache cluster, allkeys-lru)", "(separate ElastiCache cluster, noeviction)"),
    );
    assert.deepEqual(problems(bad), [
      'DESIGN.md: "Cache: Redis 7 read-through cache (separate ElastiCache cluster, noeviction)" serves the cache plan from a Redis that does not evict',
    ]);
  });
});

describe("cross-checks through the CLI", () => {
  it("a design that contradicts itself exits 3 and writes nothing", async () => {
    const work = mkdtempSync(join(tmpdir(), "aw-cross-"));
    try {
      const spec = join(work, "spec.yaml");
      writeFileSync(spec, TINY_SPEC);
      const out = join(work, "out");
      const err: string[] = [];
      const io = {
        stdout: () => {},
        stderr: (s: string) => err.push(s),
        cwd: work,
        reviseDesign: (r: DesignResult) =>
          edited(r, "handoff.json", (t) =>
            t.replace('"requestsPerSecondPerClient": 10', '"requestsPerSecondPerClient": 99'),
          ),
      };
      const code = await main(["design", spec, "--out", out, "--no-svg", "--quiet"], io);
      assert.equal(code, 3);
      assert.match(
        err.join(""),
        /contradicts itself .* nothing was written:\n {2}handoff\.json states another rate limit than 10 requests\/s per client/,
      );
      assert.equal(existsSync(out), false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
