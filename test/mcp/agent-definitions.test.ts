import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { parse } from "yaml";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";
import { designSystem } from "../../src/design/design-system.js";
import { createArchwrightServer } from "../../src/mcp/archwright-server.js";
import { loadSpecFile } from "../../src/spec/load-spec.js";

/** The agent files the package ships, and how each client names an MCP server's tools. */
const AGENTS = [
  { file: "agents/claude/backend-architect.md", toolName: /\bmcp__archwright__([a-z_]+)/g },
  { file: "agents/opencode/backend-architect.md", toolName: /\barchwright_([a-z]+)\b/g },
] as const;

function split(file: string): { frontmatter: Record<string, unknown>; body: string } {
  const text = readFileSync(file, "utf8");
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  assert.ok(match, `${file} starts with YAML frontmatter`);
  return { frontmatter: parse(match[1] ?? "") as Record<string, unknown>, body: match[2] ?? "" };
}

async function serverTools(): Promise<string[]> {
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await createArchwrightServer({ root: process.cwd() }).connect(serverSide);
  const client = new Client({ name: "archwright-test", version: "1.0.0" });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  await client.close();
  return tools.map((t) => t.name);
}

async function isCommand(name: string): Promise<boolean> {
  const io: CliIO = { stdout: () => {}, stderr: () => {}, cwd: process.cwd() };
  return (await main([name, "--help"], io)) === 0;
}

describe("agent definition files", () => {
  it("have frontmatter each client accepts", () => {
    const claude = split("agents/claude/backend-architect.md").frontmatter;
    assert.equal(claude.name, "backend-architect");
    assert.equal(typeof claude.description, "string");
    assert.equal(typeof claude.tools, "string", "Claude Code takes tools as a comma-separated string");
    const opencode = split("agents/opencode/backend-architect.md").frontmatter;
    assert.equal(opencode.mode, "subagent");
    assert.equal(typeof opencode.description, "string");
    assert.ok(Object.values(opencode.tools as object).every((v) => typeof v === "boolean"));
  });

  it("name only tools the MCP server has, and every tool it has", async () => {
    const available = await serverTools();
    for (const { file, toolName } of AGENTS) {
      const text = readFileSync(file, "utf8");
      const named = new Set([...text.matchAll(toolName)].map((m) => m[1] ?? ""));
      assert.deepEqual([...named].sort(), [...available].sort(), file);
    }
    const granted = String(split("agents/claude/backend-architect.md").frontmatter.tools)
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t.startsWith("mcp__archwright__"));
    assert.deepEqual(granted.map((t) => t.slice("mcp__archwright__".length)).sort(), available.sort());
  });

  it("fall back only to CLI commands that exist", async () => {
    for (const { file } of AGENTS) {
      const commands = new Set(
        [...readFileSync(file, "utf8").matchAll(/npx archwright ([a-z]+)/g)].map((m) => m[1] ?? ""),
      );
      assert.ok(commands.size >= 5, `${file} covers the shell fallback`);
      for (const command of commands) assert.ok(await isCommand(command), `${file}: archwright ${command}`);
    }
  });

  it("present the seven sections DESIGN.md has, in its order, and the hand-off roles", async () => {
    const { model } = await loadSpecFile("examples/social-sharing/archwright.yaml");
    const design = designSystem(model, { svg: false });
    const sections = [...(design.files.get("DESIGN.md") ?? "").matchAll(/^## \d+\. (.+)$/gm)].map(
      (m) => m[1] ?? "",
    );
    assert.equal(sections.length, 7);
    const handoff = JSON.parse(design.files.get("handoff.json") ?? "{}") as { nextSteps: object };
    for (const { file } of AGENTS) {
      const { body } = split(file);
      const listed = [...body.matchAll(/^(\d)\. ([A-Z][A-Za-z ]+?)(?: \(|$)/gm)]
        .filter((m) => sections.includes(m[2] ?? ""))
        .map((m) => m[2]);
      assert.deepEqual(listed, sections, file);
      assert.match(body, /nextSteps/);
      for (const role of Object.keys(handoff.nextSteps)) {
        const words = role.replace(/([A-Z])/g, " $1").toLowerCase();
        assert.ok(body.includes(words), `${file} names the ${words}`);
      }
    }
  });
});
