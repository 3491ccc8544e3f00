import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { designSystem } from "../../src/design/design-system.js";
import { review } from "../../src/review/review.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import { EDGE_CASES, TENANT_UNASSIGNED } from "../fixtures/spec-shapes.js";

/**
 * archwright's own reviewer, run on archwright's own designs: what `design` emits must follow the
 * practices `review` checks, or one of the two is wrong.
 */
const SPECS: [string, string][] = [
  ["social-sharing", readFileSync("examples/social-sharing/archwright.yaml", "utf8")],
  ["e-commerce", readFileSync("examples/e-commerce/archwright.yaml", "utf8")],
  ["b2b-saas", readFileSync("examples/b2b-saas/archwright.yaml", "utf8")],
  ["edge-cases", EDGE_CASES],
  ["tenant-unassigned", TENANT_UNASSIGNED],
];

function detectKind(path: string): "openapi" | "sql" {
  return path.endsWith(".sql") ? "sql" : "openapi";
}

describe("design output passes archwright review", () => {
  for (const [name, text] of SPECS) {
    it(name, async () => {
      const { files } = designSystem(parseSpec(text, `${name}.yaml`), { svg: false });
      const inputs = [...files]
        .filter(([path]) => path.startsWith("openapi/") || path.endsWith(".up.sql"))
        .map(([path, content]) => ({ path, text: content }));
      // A review of nothing finds nothing: every service's description and migration must be in it.
      const model = parseSpec(text, `${name}.yaml`);
      const kinds = (kind: "openapi" | "sql") => inputs.filter((i) => detectKind(i.path) === kind).length;
      assert.ok(model.services.length > 0);
      assert.equal(kinds("openapi"), model.services.length, "one OpenAPI description per service");
      assert.equal(kinds("sql"), model.services.length, "one migration per service");
      const result = await review(inputs);
      assert.deepEqual(
        result.files.map((file) => file.path),
        inputs.map((i) => i.path).sort(),
        "review read every emitted description and migration",
      );
      assert.ok(result.rules.length > 0, "rules ran");
      const shown = result.findings.map(
        (f) => `${f.location.file}:${f.location.line} ${f.ruleId}: ${f.message}`,
      );
      assert.deepEqual(shown, []);
    });
  }
});
