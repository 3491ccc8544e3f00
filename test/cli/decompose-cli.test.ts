import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decompose } from "../../src/cli/decompose.js";
import type { CliIO } from "../../src/cli/io.js";

const SPEC = "test/fixtures/decompose/marketplace.yaml";

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: process.cwd(),
  };
  const code = await decompose(args, io);
  return { code, stdout, stderr };
}

describe("archwright decompose", () => {
  it("prints JSON whose services map each service to its entities, every entity exactly once", async () => {
    const { code, stdout, stderr } = await run([SPEC, "--format", "json"]);
    assert.equal(code, 0, stderr);
    const cut = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(cut).sort(), [
      "alternatives",
      "boundaries",
      "consistency",
      "details",
      "recommendation",
      "resolution",
      "scores",
      "seed",
      "services",
      "warnings",
    ]);
    const services = cut.services as Record<string, string[]>;
    assert.deepEqual(services.identity, ["User"], "the explicit service is kept");
    const placed = Object.values(services).flat().sort();
    assert.deepEqual(placed, ["Listing", "ListingPhoto", "Order", "OrderLine", "Review", "User"]);
    assert.deepEqual(Object.keys(services), [...Object.keys(services)].sort());
    const scores = cut.scores as Record<string, number>;
    for (const key of ["cohesion", "coupling", "modularity"]) assert.equal(typeof scores[key], "number");
    const recommendation = cut.recommendation as { choice: string; reason: string };
    assert.ok(["modular-monolith", "proposed", "one-fewer", "one-more"].includes(recommendation.choice));
    const kinds = (cut.alternatives as { kind: string }[]).map((a) => a.kind);
    assert.ok(kinds.includes("modular-monolith") && kinds.includes("proposed"));
    const consistency = cut.consistency as { events: unknown[] };
    assert.ok(consistency.events.length > 0);
    for (const event of consistency.events as {
      name: string;
      producer: string;
      consumers: string[];
      payload: unknown[];
    }[]) {
      assert.match(
        event.name,
        /^[a-z0-9-]+\.[a-z0-9-]+\.(created|updated|deleted|requested|completed|failed)$/,
      );
      assert.ok(event.producer in services && event.consumers.every((c) => c in services));
      assert.ok(event.payload.length > 0);
    }
  });

  it("prints the reasoning as text", async () => {
    const { code, stdout } = await run([SPEC]);
    assert.equal(code, 0);
    for (const heading of ["Services", "Boundaries", "Scores:", "Alternatives", "Recommendation:"]) {
      assert.ok(stdout.includes(heading), `missing ${heading}`);
    }
    assert.match(stdout, /identity \(set in the spec\): User/);
    assert.match(stdout, /modular monolith/);
  });

  it("respects --team-size in the recommendation", async () => {
    const { stdout } = await run([SPEC, "--format", "json", "--team-size", "3"]);
    assert.equal(
      (JSON.parse(stdout) as { recommendation: { choice: string } }).recommendation.choice,
      "modular-monolith",
    );
  });

  it("exits 2 with a located message for a bad spec", async () => {
    const dir = mkdtempSync(join(tmpdir(), "archwright-decompose-"));
    const file = join(dir, "archwright.yaml");
    writeFileSync(file, "archwright: 1\nsystem:\n  name: x\n  description: y\nscale: nope\nentities: {}\n");
    const { code, stdout, stderr } = await run([file]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5:\\d+: error\\[`));
    assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
  });

  it("exits 2 on usage errors", async () => {
    assert.equal((await run([])).code, 2);
    const { code, stderr } = await run([SPEC, "--format", "yaml"]);
    assert.equal(code, 2);
    assert.match(stderr, /--format must be text or json/);
    assert.equal((await run([SPEC, "--seed", "-1"])).code, 2);
  });
});
