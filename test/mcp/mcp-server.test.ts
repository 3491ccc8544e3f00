import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ruleMetas } from "../../src/review/rule-catalog.js";
import { decodeOtlpTraceJson } from "../trace/otlp-trace-json.js";

/** The server is started the way an agent's client starts it: a child process on stdio. */
const MAIN = resolve("src/cli/main.ts");
const TSX = ["--import", "tsx"];
const root = mkdtempSync(join(tmpdir(), "archwright-mcp-"));
const outside = mkdtempSync(join(tmpdir(), "archwright-mcp-outside-"));
const traceFile = join(root, "traces", "mcp.otlp.json");
cpSync("examples/social-sharing/archwright.yaml", join(root, "archwright.yaml"));
writeFileSync(join(outside, "secret.yaml"), "archwright: 1\n");
symlinkSync(outside, join(root, "escape"));

const client = new Client({ name: "archwright-test", version: "1.0.0" });
before(async () => {
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [...TSX, MAIN, "mcp", "--root", root, `--trace=${traceFile}`],
      cwd: process.cwd(),
      stderr: "pipe",
    }),
  );
});
after(async () => {
  await client.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}
function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}
function structured<T>(result: CallToolResult): T {
  assert.ok(result.structuredContent, `structured content expected, got: ${text(result)}`);
  return result.structuredContent as T;
}

interface Problem {
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  suggestion?: string;
}

const BAD_SPEC = `archwright: 1
system: { name: shop, description: A small shop. }
scale: { users: 1000, dailyActiveUsers: 100, peakRequestsPerSecond: 10 }
entities:
  Order:
    fields:
      customer: { ref: Custmer }
  Customer:
    fields:
      email: { type: email }
`;

describe("archwright mcp over stdio", () => {
  it("lists five tools, each with an output schema, in under 3k tokens", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [
      "decompose",
      "design",
      "explain",
      "review",
      "validate",
    ]);
    for (const tool of tools) {
      assert.equal(tool.outputSchema?.type, "object", `${tool.name} declares an output schema`);
      assert.ok((tool.description ?? "").length <= 240, `${tool.name}'s description stays short`);
    }
    // The usual estimate of a tool list's cost in an agent's context: JSON characters / 4.
    const tokens = Math.ceil(JSON.stringify(tools).length / 4);
    assert.ok(tokens < 3000, `tool list is about ${tokens} tokens`);
  });

  it("serves the spec's JSON Schema as a resource", async () => {
    const { resources } = await client.listResources();
    const uri = resources.find((r) => r.mimeType === "application/schema+json")?.uri;
    assert.equal(uri, "archwright://schema/archwright.yaml");
    const { contents } = await client.readResource({ uri });
    const schema = JSON.parse(String((contents[0] as { text: string }).text)) as { properties: object };
    assert.ok("entities" in schema.properties && "scale" in schema.properties);
  });

  it("validate: ok for a good spec, located errors as data for a bad one", async () => {
    const good = structured<{ ok: boolean; entities: number; services: string[] }>(
      await call("validate", { path: "archwright.yaml" }),
    );
    assert.deepEqual(
      { ok: good.ok, entities: good.entities, services: good.services.length },
      {
        ok: true,
        entities: 4,
        services: 3,
      },
    );
    const bad = await call("validate", { text: BAD_SPEC });
    assert.notEqual(bad.isError, true, "a bad spec is an answer, not a tool failure");
    const { ok, errors } = structured<{ ok: boolean; errors: Problem[] }>(bad);
    assert.equal(ok, false);
    assert.deepEqual(
      errors.map((e) => [e.code, e.file, e.line, e.column, e.suggestion]),
      [["spec/unknown-ref", "archwright.yaml (inline)", 7, 24, "Customer"]],
    );
    assert.match(text(bad), /archwright\.yaml \(inline\):7:24: spec\/unknown-ref/);
  });

  it("refuses paths outside the working folder, by .., absolute path or symbolic link", async () => {
    for (const path of ["../secret.yaml", join(outside, "secret.yaml"), "escape/secret.yaml"]) {
      const result = await call("validate", { path });
      assert.equal(result.isError, true, path);
      assert.match(text(result), /outside the working folder/, path);
    }
    const review = await call("review", { files: [join(outside, "secret.yaml")] });
    assert.equal(review.isError, true);
    assert.match(text(review), /outside the working folder/);
    const design = await call("design", { path: "archwright.yaml", out: "../design" });
    assert.match(text(design), /outside the working folder/);
    assert.equal(existsSync(join(outside, "..", "design", "DESIGN.md")), false);
  });

  it("design: writes the package and returns its summary, diagrams as Mermaid", async () => {
    const result = await call("design", { path: "archwright.yaml", out: "design", verify: true });
    assert.notEqual(result.isError, true, text(result));
    const summary = structured<{
      out: string;
      files: string[];
      services: { name: string; tables: string[] }[];
      endpoints: { method: string; path: string; access: string[]; rows?: Record<string, string> }[];
      bottlenecks: { resource: string; when: string; mitigation: string }[];
      architecture: string;
      nextSteps: Record<string, string[]>;
    }>(result);
    assert.equal(summary.out, "design");
    assert.deepEqual(
      summary.services.map((s) => s.name),
      ["content", "identity", "social"],
    );
    assert.ok(summary.files.includes("DESIGN.md") && summary.files.includes("handoff.json"));
    assert.ok(
      summary.files.every((f) => !f.endsWith(".svg")),
      "no SVG",
    );
    for (const f of summary.files) assert.ok(existsSync(join(root, "design", f)), f);
    assert.equal(summary.architecture, readFileSync(join(root, "design/diagrams/architecture.mmd"), "utf8"));
    assert.match(summary.architecture, /^(flowchart|graph) /m);
    const handoff = JSON.parse(readFileSync(join(root, "design/handoff.json"), "utf8")) as {
      endpoints: unknown[];
      nextSteps: Record<string, string[]>;
    };
    assert.equal(summary.endpoints.length, handoff.endpoints.length);
    assert.ok(summary.endpoints.every((e) => e.access.length > 0 && e.path.startsWith("/v1/")));
    assert.deepEqual(summary.nextSteps, handoff.nextSteps);
    // The access matrix's cells come along: who reaches which rows of each endpoint.
    const unfollow = summary.endpoints.find(
      (e) => e.method === "DELETE" && e.path.startsWith("/v1/follows/"),
    );
    assert.equal(unfollow?.rows?.member, "rows whose `follower` is the caller");
    assert.equal(unfollow?.rows?.anonymous, undefined);
    assert.ok(summary.bottlenecks.length > 0 && summary.bottlenecks.length <= 3);
    assert.match(text(result), /wrote \d+ files to design\/: .*verified on PostgreSQL/);
  });

  it("design: a bad spec comes back as located errors and writes nothing", async () => {
    const result = await call("design", { text: BAD_SPEC, out: "bad-design" });
    assert.equal(result.isError, true);
    const { ok, errors } = structured<{ ok: boolean; errors: Problem[] }>(result);
    assert.equal(ok, false);
    assert.equal(errors[0]?.line, 7);
    assert.equal(existsSync(join(root, "bad-design")), false);
  });

  it("design: never replaces the working folder or a folder that is not a design", async () => {
    mkdirSync(join(root, "src"), { recursive: true });
    writeFileSync(join(root, "src", "app.ts"), "export {};\n");
    for (const out of [".", "src"]) {
      const result = await call("design", { path: "archwright.yaml", out });
      assert.equal(result.isError, true, out);
      assert.match(text(result), /refused/);
    }
    assert.ok(existsSync(join(root, "src", "app.ts")));
  });

  it("review: findings located in files and in inline text", async () => {
    const result = await call("review", {
      files: ["design/openapi/content.yaml"],
      inline: [
        {
          name: "schema.sql",
          text: "CREATE TABLE t (id int);\nCREATE TABLE u (t_id int REFERENCES t(id));\n",
        },
      ],
    });
    assert.notEqual(result.isError, true, text(result));
    const { counts, findings } = structured<{
      counts: { error: number; warning: number; info: number };
      findings: { ruleId: string; file: string; line: number; column: number; fix: string }[];
    }>(result);
    assert.ok(findings.length > 0);
    assert.equal(counts.error + counts.warning + counts.info >= findings.length, true);
    const sql = findings.filter((f) => f.file === "schema.sql");
    assert.ok(
      sql.some((f) => f.line === 2),
      "the unindexed foreign key on line 2 is found",
    );
    assert.ok(findings.every((f) => f.line >= 1 && f.column >= 1 && f.fix.length > 0));
  });

  it("review: an unparsable input comes back as located errors", async () => {
    const result = await call("review", { inline: [{ name: "broken.sql", text: "CREATE TABLE (;\n" }] });
    const { ok, errors } = structured<{ ok: boolean; errors: Problem[] }>(result);
    assert.equal(ok, false);
    assert.equal(errors[0]?.file, "broken.sql");
    assert.equal(errors[0]?.line, 1);
  });

  it("decompose: services with reasons and the recommendation", async () => {
    const result = await call("decompose", { path: "archwright.yaml" });
    const cut = structured<{
      services: { name: string; entities: string[]; reasons: string[] }[];
      recommendation: { choice: string; reason: string };
      alternatives: { kind: string }[];
    }>(result);
    assert.deepEqual(cut.services.flatMap((s) => s.entities).sort(), ["Follow", "Post", "Share", "User"]);
    assert.ok(cut.services.some((s) => s.reasons.length > 0));
    assert.ok(cut.recommendation.reason.length > 0);
    assert.ok(cut.alternatives.some((a) => a.kind === "modular-monolith"));
    const bad = structured<{ ok: boolean; errors: Problem[] }>(await call("decompose", { text: BAD_SPEC }));
    assert.equal(bad.ok, false);
  });

  it("explain: a rule by id, and why an index of the design exists", async () => {
    const rule = ruleMetas()[0];
    assert.ok(rule);
    const byRule = structured<{ matches: { kind: string; explanation: string }[] }>(
      await call("explain", { topic: rule.id }),
    );
    assert.equal(byRule.matches[0]?.kind, "rule");
    assert.ok(byRule.matches[0]?.explanation.includes(rule.rationale));

    const handoff = JSON.parse(readFileSync(join(root, "design/handoff.json"), "utf8")) as {
      schema: { tables: { indexes: { name: string; reason: string }[] }[] }[];
    };
    const index = handoff.schema.flatMap((s) => s.tables.flatMap((t) => t.indexes))[0];
    assert.ok(index);
    const why = structured<{ matches: { kind: string; name: string; explanation: string }[] }>(
      await call("explain", { topic: `why does ${index.name} exist?`, path: "archwright.yaml" }),
    );
    assert.deepEqual(
      why.matches.map((m) => [m.kind, m.name]),
      [["index", index.name]],
    );
    assert.ok(why.matches[0]?.explanation.startsWith(index.reason));

    const unknown = structured<{ matches: unknown[]; suggestion?: string }>(
      await call("explain", { topic: `${rule.id.slice(0, -1)}x` }),
    );
    assert.deepEqual(unknown.matches, []);
    assert.equal(unknown.suggestion, rule.id);
  });

  it("records each tool call as an OTLP JSON trace line when started with --trace", () => {
    const lines = readFileSync(traceFile, "utf8").trim().split("\n");
    const runs = lines.map((line) => decodeOtlpTraceJson(line));
    const design = runs.find((spans) =>
      spans.some((s) => s.name === "tools/call design" && s.status.code !== 2),
    );
    assert.ok(design, "a successful design call was traced");
    assert.deepEqual(
      design.filter((s) => s.parentSpanId !== undefined).map((s) => s.name),
      ["parse", "decompose", "derive", "capacity", "emit", "verify"],
    );
  });
});

describe("archwright mcp --http", () => {
  let server: ChildProcess | undefined;
  let url: URL | undefined;
  before(async () => {
    const child = spawn(process.execPath, [...TSX, MAIN, "mcp", "--http", "--port", "0", "--root", root], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    server = child;
    url = await new Promise<URL>((found, failed) => {
      let stderr = "";
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(stderr);
        if (match?.[1]) found(new URL(match[1]));
      });
      child.on("exit", () => failed(new Error(`server exited: ${stderr}`)));
    });
  });
  after(() => {
    server?.kill();
  });

  it("binds to loopback and answers tools/list over streamable HTTP", async () => {
    assert.ok(url);
    assert.equal(url.hostname, "127.0.0.1");
    const http = new Client({ name: "archwright-test", version: "1.0.0" });
    await http.connect(new StreamableHTTPClientTransport(url));
    const { tools } = await http.listTools();
    assert.equal(tools.length, 5);
    const result = (await http.callTool({
      name: "validate",
      arguments: { path: "archwright.yaml" },
    })) as CallToolResult;
    assert.equal((result.structuredContent as { ok: boolean }).ok, true);
    await http.close();
  });

  it("rejects a request whose Host is not loopback (DNS rebinding)", async () => {
    assert.ok(url);
    const target = url;
    const status = await new Promise<number>((done, failed) => {
      const req = request(
        target,
        {
          method: "POST",
          headers: {
            host: `attacker.example:${target.port}`,
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
        },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      );
      req.on("error", failed);
      req.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }));
    });
    assert.equal(status, 403);
  });
});
