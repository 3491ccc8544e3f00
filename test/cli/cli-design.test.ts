import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";
import { remainingObjects } from "../../src/verify/verify-migrations.js";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "archwright-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const SOCIAL = readFileSync("examples/social-sharing/archwright.yaml", "utf8");

describe("archwright design", () => {
  it("writes the full package and exits 0", async () => {
    const out = join(work, "social");
    const result = await cli("design", "examples/social-sharing/archwright.yaml", "--out", out);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote 39 files/);
    assert.ok(existsSync(join(out, "DESIGN.md")));
    assert.ok(existsSync(join(out, "openapi/content.yaml")));
    assert.ok(existsSync(join(out, "db/identity/migrations/0001_init.down.sql")));
    assert.ok(existsSync(join(out, "diagrams/sequence-home-feed.svg")));
    assert.deepEqual(
      readdirSync(work).filter((n) => n.includes(".tmp-")),
      [],
      "no staging folder left behind",
    );
  });

  it("with --verify applies migrations and lints before writing", async () => {
    const out = join(work, "verified");
    const result = await cli("design", "examples/e-commerce/archwright.yaml", "--out", out, "--verify");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /migrations applied and reverted on PostgreSQL, OpenAPI lint clean/);
  });

  it("rejects a bad spec with a located error, exit 2, and leaves the old output untouched", async () => {
    const out = join(work, "kept");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "DESIGN.md"), "previous design\n");
    const spec = join(work, "bad.yaml");
    const bad = SOCIAL.replace("author: { ref: User }", "author: { ref: Usr }");
    writeFileSync(spec, bad);
    const line = bad.slice(0, bad.indexOf("author: { ref: Usr }")).split("\n").length;
    const result = await cli("design", spec, "--out", out);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      new RegExp(`${spec.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${line}:22: error\\[spec/unknown-ref\\]`),
    );
    assert.match(result.stderr, /help: did you mean `User`\?/);
    assert.match(result.stderr, /nothing was written/);
    assert.equal(readFileSync(join(out, "DESIGN.md"), "utf8"), "previous design\n");
    assert.deepEqual(readdirSync(out), ["DESIGN.md"]);
  });

  it("does not create an output folder for a bad spec", async () => {
    const out = join(work, "never");
    const spec = join(work, "negative.yaml");
    writeFileSync(spec, SOCIAL.replace("peakRps: 60", "peakRps: -1"));
    const result = await cli("design", spec, "--out", out);
    assert.equal(result.code, 2);
    assert.ok(!existsSync(out));
  });

  it("reports a missing spec file with exit 2", async () => {
    const result = await cli("design", join(work, "nope.yaml"), "--out", join(work, "x"));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /nope\.yaml:1:1: error\[input\/unreadable\]: cannot read .*no such file/);
  });

  it("prints a command's options for --help and exits 0", async () => {
    for (const command of ["design", "decompose", "review", "diff", "rules", "validate", "schema"]) {
      const result = await cli(command, "--help");
      assert.equal(result.code, 0, command);
      assert.match(result.stdout, new RegExp(`^usage: archwright ${command}\\b`), command);
    }
    assert.match((await cli("design", "-h")).stdout, /--cut KIND/);
    assert.match((await cli("review", "--help")).stdout, /--spec archwright\.yaml/);
  });

  it("treats usage errors as exit 2", async () => {
    assert.equal((await cli("design")).code, 2);
    assert.equal((await cli("design", "a.yaml", "--bogus")).code, 2);
    assert.equal((await cli("frobnicate")).code, 2);
    assert.equal((await cli("design", "a.yaml", "--seed", "x")).code, 2);
    const cut = await cli("design", "a.yaml", "--cut", "smallest");
    assert.equal(cut.code, 2);
    assert.match(cut.stderr, /--cut must be recommended or proposed, got smallest/);
  });

  it("builds the recommended modular monolith for an unplaced small system, or the services with --cut proposed", async () => {
    const spec = join(work, "unplaced.yaml");
    writeFileSync(
      spec,
      SOCIAL.replace(/^ {4}service: .*\n/gm, "").replace(
        "name: Social Sharing",
        "name: Social Sharing\n  teamSize: 3",
      ),
    );
    const monolith = join(work, "monolith");
    assert.equal((await cli("design", spec, "--out", monolith, "--no-svg")).code, 0);
    assert.deepEqual(readdirSync(join(monolith, "openapi")), ["social-sharing.yaml"]);
    const doc = readFileSync(join(monolith, "DESIGN.md"), "utf8");
    assert.match(doc, /\*\*Built:\*\* a modular monolith: one service, `social-sharing`/);
    const handoff = JSON.parse(readFileSync(join(monolith, "handoff.json"), "utf8"));
    assert.equal(handoff.serviceCut.built.kind, "modular-monolith");
    const services = join(work, "services");
    assert.equal((await cli("design", spec, "--out", services, "--no-svg", "--cut", "proposed")).code, 0);
    assert.ok(readdirSync(join(services, "openapi")).length > 1);
    // Reviewed against the same spec, either package agrees with it: the review places the
    // unassigned entities the way design did.
    for (const out of [monolith, services]) {
      const artifacts = [
        ...readdirSync(join(out, "openapi")).map((f) => join(out, "openapi", f)),
        ...readdirSync(join(out, "db")).map((s) => join(out, "db", s, "migrations", "0001_init.up.sql")),
      ];
      const reviewed = await cli("review", ...artifacts, "--spec", spec, "--format", "json");
      const ids = (JSON.parse(reviewed.stdout) as { findings: { ruleId: string }[] }).findings.map(
        (f) => f.ruleId,
      );
      for (const id of ["entity-written-by-several-services", "foreign-key-across-services"])
        assert.ok(!ids.includes(id), `${out}: ${id} in ${ids.join(", ")}`);
    }
  });

  it("designs a renamed, extended copy of the example without touching the source", async () => {
    const spec = join(work, "renamed.yaml");
    const renamed = SOCIAL.replaceAll("Post", "Article")
      .replace("posts", "articles")
      .replace(
        "useCases:",
        `  Comment:
    service: content
    fields:
      article: { ref: Article, onDelete: cascade }
      author: { ref: User }
      text: { type: string, max: 2000 }
useCases:
  - name: Read comments
    actor: member
    reads: [Comment]
    filter: { Comment: [article] }
    sort: { Comment: createdAt }
    peakRps: 300`,
      );
    writeFileSync(spec, renamed);
    const out = join(work, "renamed");
    const result = await cli("design", spec, "--out", out, "--verify");
    assert.equal(result.code, 0, result.stderr);
    const up = readFileSync(join(out, "db/content/migrations/0001_init.up.sql"), "utf8");
    assert.match(up, /CREATE TABLE comments/);
    // Articles grow past 100M rows within retention. They are live state that comments reference,
    // so they are split by their key, and the foreign key to them stays a real one.
    assert.match(up, /CREATE TABLE articles \([^;]*\) PARTITION BY HASH \(id\);/);
    assert.match(up, /FOREIGN KEY \(article_id\) REFERENCES articles \(id\) ON DELETE CASCADE/);
    assert.match(up, /ON comments \(article_id, created_at, id\);/);
    const db = new PGlite();
    await db.exec(up);
    await db.exec(readFileSync(join(out, "db/content/migrations/0001_init.down.sql"), "utf8"));
    assert.deepEqual(await remainingObjects(db), []);
    await db.close();
  });
});

describe("archwright validate and schema", () => {
  it("validate accepts a good spec and writes nothing", async () => {
    const result = await cli("validate", "examples/b2b-saas/archwright.yaml");
    assert.equal(result.code, 0);
    assert.match(result.stdout, /ok \(4 entities, 8 use cases, 2 services\)/);
  });

  it("validate rejects a bad spec with exit 2", async () => {
    const spec = join(work, "syntax.yaml");
    writeFileSync(spec, "archwright: 1\nsystem: [oops\n");
    const result = await cli("validate", spec);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /error\[spec\/yaml-syntax\]/);
  });

  it("schema prints the committed JSON Schema", async () => {
    const result = await cli("schema");
    assert.equal(result.code, 0);
    assert.equal(result.stdout, readFileSync("schema/archwright.schema.json", "utf8"), "run `npm run gen`");
  });
});

describe("the installed binary", () => {
  it("prints located errors without a stack trace", async () => {
    const spec = join(work, "trace.yaml");
    writeFileSync(spec, SOCIAL.replace("type: text", "type: txt"));
    const error = await run(process.execPath, ["--import", "tsx", "src/cli/main.ts", "validate", spec]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    assert.ok("code" in error && error.code === 2, "exit code 2");
    assert.match(error.stderr, /error\[spec\/invalid-value\]/);
    assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(error.stderr), "no stack frames");
  });
});
