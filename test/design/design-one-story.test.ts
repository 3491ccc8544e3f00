import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { main } from "../../src/cli/run-cli.js";
import { checkDesign } from "../../src/design/check-design.js";
import { crossCheckDesign } from "../../src/design/cross-check-design.js";
import { designSystem } from "../../src/design/design-system.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import {
  ledgerSpec,
  MEMBERSHIP_SPEC,
  REDIRECT_SPEC,
  TELEMETRY_SPEC,
  TINY_SPEC,
} from "../fixtures/data-rules/specs.js";
import { CLICKS_SPEC, catalogueSpec, LIFETIME_SPEC, RIDE_SPEC } from "../fixtures/data-rules/store-specs.js";

const SPECS: [string, string][] = [
  ["social-sharing", readFileSync("examples/social-sharing/archwright.yaml", "utf8")],
  ["e-commerce", readFileSync("examples/e-commerce/archwright.yaml", "utf8")],
  ["b2b-saas", readFileSync("examples/b2b-saas/archwright.yaml", "utf8")],
  ["ledger", ledgerSpec()],
  ["ledger-saga", ledgerSpec({ balanceService: "balances", consistency: "eventual" })],
  ["membership", MEMBERSHIP_SPEC],
  ["telemetry", TELEMETRY_SPEC],
  ["redirect", REDIRECT_SPEC],
  ["tiny", TINY_SPEC],
  ["ride", RIDE_SPEC],
  ["clicks", CLICKS_SPEC],
  ["catalogue", catalogueSpec({ search: true })],
  ["lifetime", LIFETIME_SPEC],
  ["ledger-fee-account", ledgerSpec({ feeAccount: true })],
];

describe("one story: every design agrees with itself and passes its own review", () => {
  for (const [name, text] of SPECS) {
    it(name, async () => {
      const result = designSystem(parseSpec(text, `${name}.yaml`), { svg: false });
      assert.deepEqual(await checkDesign(result), []);
    });
  }
});

describe("one story: contradictions are caught", () => {
  const result = designSystem(parseSpec(TELEMETRY_SPEC, "t.yaml"), { svg: false });
  const with_ = (path: string, edit: (text: string) => string) => {
    const files = new Map(result.files);
    files.set(path, edit(files.get(path) ?? ""));
    return crossCheckDesign({ ...result.statements, files });
  };

  it("a migration whose partitions are wider than DESIGN.md states", () => {
    const problems = with_("db/fleet/migrations/0001_init.up.sql", (t) =>
      t.replace("date_trunc('day', now())", "date_trunc('month', now())"),
    );
    assert.deepEqual(problems, ["db/fleet: readings partitions are not one day wide"]);
  });

  it("a DESIGN.md that states another partitioning than the DDL", () => {
    const problems = with_("DESIGN.md", (t) => t.replaceAll("daily partitions", "monthly partitions"));
    assert.deepEqual(problems, [
      "DESIGN.md does not say `readings` is range-partitioned by `created_at`, daily partitions",
    ]);
  });

  it("a handoff.json that states another partitioning", () => {
    const problems = with_("handoff.json", (t) => t.replace('"interval": "day"', '"interval": "month"'));
    assert.deepEqual(problems, ["handoff.json states another partitioning for readings"]);
  });

  it("a big table left unpartitioned without a reason", () => {
    const problems = crossCheckDesign({
      ...result.statements,
      schemas: result.statements.schemas.map((s) => ({
        ...s,
        tables: s.tables.map((t) => ({ ...t, partitioning: undefined })),
      })),
    });
    assert.ok(
      problems.includes("readings passes the row threshold but is neither partitioned nor explained"),
    );
  });

  it("design runs the same checks and writes a design that agrees with itself", async () => {
    const work = mkdtempSync(join(tmpdir(), "aw-story-"));
    try {
      const spec = join(work, "spec.yaml");
      writeFileSync(spec, TELEMETRY_SPEC);
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: work };
      const ok = await main(["design", spec, "--out", join(work, "ok"), "--no-svg", "--quiet"], io);
      assert.equal(ok, 0, err.join(""));
      assert.ok(readFileSync(join(work, "ok", "DESIGN.md"), "utf8").length > 0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
