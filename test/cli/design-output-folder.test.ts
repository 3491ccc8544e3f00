/**
 * `design` replaces its whole output folder, so it must refuse a folder it did not write:
 * `--out .` in a project would otherwise delete the project.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "archwright-out-"));
after(() => rmSync(work, { recursive: true, force: true }));
const SPEC = "examples/social-sharing/archwright.yaml";

async function design(out: string): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIO = { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: process.cwd() };
  const code = await main(["design", SPEC, "--out", out, "--no-svg", "-q"], io);
  return { code, stderr };
}

test("a folder holding someone's files is refused with exit 2 and left as it was", async () => {
  const project = join(work, "project");
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(join(project, "package.json"), "{}\n");
  writeFileSync(join(project, "src", "index.ts"), "export {};\n");
  const result = await design(project);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /already holds files archwright did not write \(package\.json, src\)/);
  assert.match(result.stderr, /nothing was written/);
  assert.equal(readFileSync(join(project, "package.json"), "utf8"), "{}\n");
  assert.ok(existsSync(join(project, "src", "index.ts")));
  assert.ok(!existsSync(join(project, "DESIGN.md")));
});

test("a file in the way is refused, and an empty folder or an earlier design is replaced", async () => {
  const file = join(work, "a-file");
  writeFileSync(file, "x");
  assert.equal((await design(file)).code, 2);
  const empty = join(work, "empty");
  mkdirSync(empty);
  assert.equal((await design(empty)).code, 0);
  writeFileSync(join(empty, "stale.txt"), "from before");
  // The folder now holds a design (handoff.json), so a second run replaces it, stale file included.
  assert.equal((await design(empty)).code, 0);
  assert.ok(existsSync(join(empty, "DESIGN.md")));
  assert.ok(!existsSync(join(empty, "stale.txt")));
});
