import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";
import { DEFAULT_TRACE_FILE, takeTraceFlag } from "../../src/cli/trace-flag.js";
import { designSystem } from "../../src/design/design-system.js";
import { loadSpecFile } from "../../src/spec/load-spec.js";
import { startTraceRun } from "../../src/trace/trace-run.js";
import { attribute, decodeOtlpTraceJson } from "./otlp-trace-json.js";

const work = mkdtempSync(join(tmpdir(), "archwright-trace-"));
after(() => rmSync(work, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIO = { stdout: () => {}, stderr: (t) => (stderr += t), cwd: process.cwd() };
  return { code: await main(args, io), stderr };
}

describe("--trace", () => {
  it("writes one span per design stage as OTLP JSON that the official proto accepts", async () => {
    const file = join(work, "design.otlp.json");
    const out = join(work, "design");
    const result = await cli(
      "design",
      "examples/social-sharing/archwright.yaml",
      "--out",
      out,
      "--no-svg",
      "--verify",
      `--trace=${file}`,
    );
    assert.equal(result.code, 0, result.stderr);
    const spans = decodeOtlpTraceJson(readFileSync(file, "utf8"));
    const root = spans.find((s) => s.parentSpanId === undefined);
    assert.equal(root?.name, "archwright design");
    const stages = spans.filter((s) => s.parentSpanId === root?.spanId).map((s) => s.name);
    assert.deepEqual(stages, ["parse", "decompose", "derive", "capacity", "emit", "verify"]);
    assert.ok(spans.every((s) => s.traceId === root?.traceId));
    const byName = new Map(spans.map((s) => [s.name, s]));
    const parse = byName.get("parse");
    const emit = byName.get("emit");
    assert.ok(parse && emit);
    assert.equal(
      attribute(parse, "archwright.input.bytes"),
      readFileSync("examples/social-sharing/archwright.yaml").length,
    );
    assert.equal(attribute(parse, "archwright.output.entities"), 4);
    assert.equal(attribute(emit, "archwright.output.files"), 25);
    assert.ok(Number(attribute(emit, "archwright.output.bytes")) > 10_000);
    assert.equal(attribute(byName.get("verify") ?? parse, "archwright.output.failures"), 0);
  });

  it("leaves the design package byte-identical", async () => {
    const { model } = await loadSpecFile("examples/e-commerce/archwright.yaml");
    const run = startTraceRun("test", {});
    const traced = designSystem(model, { svg: false, trace: run });
    await run.end({ ok: true });
    assert.deepEqual([...traced.files], [...designSystem(model, { svg: false }).files]);
  });

  it("has a checker that rejects what the proto does not allow", () => {
    const span = {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      name: "parse",
      kind: 1,
      startTimeUnixNano: "1",
      endTimeUnixNano: "2",
      attributes: [{ key: "a", value: { intValue: 3 } }],
      status: {},
    };
    const request = (s: object) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [s] }] }] });
    assert.equal(decodeOtlpTraceJson(request(span)).length, 1);
    assert.throws(() => decodeOtlpTraceJson(request({ ...span, durationMs: 1 })), /round trip/);
    assert.throws(
      () => decodeOtlpTraceJson(request({ ...span, attributes: [{ key: "a", value: { int: 3 } }] })),
      /round trip/,
    );
    assert.throws(() => decodeOtlpTraceJson(request({ ...span, spanId: "t60UCi1mBxE=" })), /hex/);
  });

  it("marks the failing stage and the run as errors on a bad spec", async () => {
    const file = join(work, "bad.otlp.json");
    const result = await cli("design", "test/fixtures/no-such-spec.yaml", `--trace=${file}`);
    assert.equal(result.code, 2);
    const spans = decodeOtlpTraceJson(readFileSync(file, "utf8"));
    assert.deepEqual(
      spans.map((s) => [s.name, s.status.code]),
      [
        ["parse", 2],
        ["archwright design", 2],
      ],
    );
  });

  it("exports to OTEL_EXPORTER_OTLP_ENDPOINT when it is set", async () => {
    const bodies: { url: string; type: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        bodies.push({ url: req.url ?? "", type: req.headers["content-type"] ?? "", body });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const address = server.address();
    assert.ok(address !== null && typeof address === "object");
    const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${address.port}`;
    try {
      const result = await cli("review", "test/fixtures/review/suppressed.yaml", "--trace");
      assert.ok(result.code === 0 || result.code === 1, result.stderr);
    } finally {
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
      server.close();
    }
    assert.ok(bodies.length > 0, "the exporter posted the spans");
    assert.ok(bodies.every((b) => b.url === "/v1/traces" && b.type.startsWith("application/json")));
    const names = bodies.flatMap((b) => decodeOtlpTraceJson(b.body)).map((s) => s.name);
    assert.deepEqual(names.sort(), ["archwright review", "review"]);
  });

  it("takes bare --trace and --trace=FILE out of the arguments", () => {
    const none = {};
    assert.deepEqual(takeTraceFlag(["a.yaml", "--trace"], "/w", none), {
      rest: ["a.yaml"],
      trace: { file: `/w/${DEFAULT_TRACE_FILE}` },
    });
    assert.deepEqual(
      takeTraceFlag(["--trace=t/x.json", "a.yaml"], "/w", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c" }),
      {
        rest: ["a.yaml"],
        trace: { file: "/w/t/x.json", endpoint: true },
      },
    );
    assert.deepEqual(takeTraceFlag(["--trace"], "/w", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c" }).trace, {
      endpoint: true,
    });
    assert.deepEqual(takeTraceFlag(["a.yaml"], "/w", none), { rest: ["a.yaml"], trace: undefined });
    assert.throws(() => takeTraceFlag(["--trace="], "/w", none), /needs a file name/);
  });
});
