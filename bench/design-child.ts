import { designSystem } from "../src/design/design-system.js";
import { parseSpec } from "../src/spec/load-spec.js";
import { verifyMigrations } from "../src/verify/verify-migrations.js";
import { generatedSpec } from "../test/fixtures/spec-shapes.js";

// One design run in its own process, so peak memory belongs to this size alone.
// argv: <entities> <verify: 0|1> [svg: 0|1, default 1]
const entities = Number(process.argv[2] ?? "10");
const verify = process.argv[3] === "1";
const svg = process.argv[4] !== "0";
const text = generatedSpec(7, entities, { services: Math.max(1, Math.round(entities / 25)) });
const start = performance.now();
const model = parseSpec(text, "generated.yaml");
const parsed = performance.now();
const result = designSystem(model, { svg });
const designed = performance.now();
let verifyMs = 0;
if (verify) {
  const failures = (await verifyMigrations(result.migrations)).filter((c) => !c.ok);
  if (failures.length > 0)
    throw new Error(`verification failed: ${failures.map((f) => f.problem).join("; ")}`);
  verifyMs = performance.now() - designed;
}
process.stdout.write(
  `${JSON.stringify({
    entities,
    files: result.files.size,
    parseMs: parsed - start,
    designMs: designed - parsed,
    verifyMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
