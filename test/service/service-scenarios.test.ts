import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { designSystem } from "../../src/design/design-system.js";
import { emitService, SERVICE_DEPENDENCIES } from "../../src/emit/service/emit-service.js";
import { parseSpec } from "../../src/spec/load-spec.js";

/**
 * Each example's generated service, written inside the repository (`.tmp/` is ignored by git) so
 * that its imports resolve from archwright's own node_modules: it type-checks under its strict
 * tsconfig, and its generated scenario tests pass on PGlite.
 */
const run = promisify(execFile);
const root = resolve(".tmp", `service-scenarios-${process.pid}`);
after(() => rmSync(root, { recursive: true, force: true }));

// A test runner tells its child processes to report to it; the service's own runner must not.
const { NODE_TEST_CONTEXT: _parent, ...childEnv } = process.env;
const { DATABASE_URL: _server, ...pgliteEnv } = childEnv;

const EXAMPLES = ["social-sharing", "e-commerce", "b2b-saas"];

function generate(example: string): string {
  const file = `examples/${example}/archwright.yaml`;
  const model = parseSpec(readFileSync(file, "utf8"), file);
  const folder = join(root, example);
  for (const f of emitService(designSystem(model, { svg: false }))) {
    const path = join(folder, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return folder;
}

describe("the generated service", () => {
  it("pins the runtime dependencies archwright itself tests with", () => {
    const own = JSON.parse(readFileSync("package.json", "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(SERVICE_DEPENDENCIES)) {
      const installed = JSON.parse(
        readFileSync(join("node_modules", name, "package.json"), "utf8").replace(/^\uFEFF/, ""),
      ) as { version: string };
      assert.equal(
        installed.version,
        version,
        `${name}: the service pins ${version}, archwright has ${installed.version}`,
      );
      // archwright depends on it already (a range that installs the pinned version), or pins it.
      const declared = own.dependencies[name] ?? own.devDependencies[name] ?? "";
      assert.ok(
        declared === version || declared === `^${version}`,
        `${name} ${declared} in archwright's package.json`,
      );
    }
  });

  const databases: { name: string; env: NodeJS.ProcessEnv }[] = [
    { name: "PGlite", env: pgliteEnv },
    // .ci/run starts a real server and sets DATABASE_URL: the same tests run on it as well.
    ...(process.env.DATABASE_URL ? [{ name: "PostgreSQL", env: childEnv }] : []),
  ];
  for (const example of EXAMPLES) {
    it(`${example}: type-checks strictly and passes its scenario tests on ${databases.map((d) => d.name).join(" and ")}`, async () => {
      const folder = generate(example);
      await run(process.execPath, [
        resolve("node_modules/typescript/bin/tsc"),
        "-p",
        join(folder, "tsconfig.json"),
        "--noEmit",
      ]).catch((error: { stdout?: string }) => assert.fail(`tsc failed:\n${error.stdout ?? String(error)}`));
      for (const database of databases) {
        const result = await run(
          process.execPath,
          [
            "--import",
            "tsx",
            "--test",
            "--test-reporter=tap",
            "test/scenario.test.ts",
            "test/outbox.test.ts",
            "test/pagination.test.ts",
            "test/idempotency.test.ts",
            // With REDIS_URL (.ci/run starts a server) this includes two instances sharing one budget.
            "test/rate-limit.test.ts",
            "test/saga.test.ts",
          ],
          { cwd: folder, env: database.env },
        ).catch((error: { stdout?: string }) =>
          assert.fail(`scenario tests failed on ${database.name}:\n${error.stdout ?? String(error)}`),
        );
        const passed = Number(/^# pass (\d+)/m.exec(result.stdout)?.[1] ?? 0);
        assert.equal(Number(/^# fail (\d+)/m.exec(result.stdout)?.[1] ?? -1), 0);
        // One use-case test per actor, one per refused matrix cell, plus the fixed checks.
        assert.ok(passed >= 10, `only ${passed} scenario tests ran on ${database.name}`);
      }
    });
  }
});
