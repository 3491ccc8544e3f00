import { readFileSync } from "node:fs";
import { importSql } from "../src/import/sql/import-sql.js";
import { migrationRules } from "../src/review/rules/migration/index.js";
import { schemaRules } from "../src/review/rules/schema/index.js";

// One archwright review in its own process, so the parent can measure wall time and peak memory
// the way it measures squawk. Prints the in-process time too, which leaves out Node and tsx startup.
const start = performance.now();
const context = importSql(process.argv.slice(2).map((path) => ({ path, text: readFileSync(path, "utf8") })));
const imported = performance.now();
let findings = 0;
for (const rule of [...schemaRules, ...migrationRules]) rule.check(context, () => findings++);
const done = performance.now();
process.stdout.write(
  `${JSON.stringify({
    importMs: imported - start,
    reviewMs: done - imported,
    findings,
    tables: context.tables.length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
