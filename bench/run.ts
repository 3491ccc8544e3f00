import { benchDecompose } from "./decompose.js";
import { benchDesign, formatDesignBench } from "./design.js";
import { benchReviewOpenApi, formatReviewOpenApiBench } from "./review-openapi.js";
import { benchReviewSql, ratios } from "./review-sql.js";
import { benchService, formatServiceBench } from "./service.js";

/**
 * `npm run bench [-- design|decompose|review-openapi|review-sql|service ...]`: every benchmark, or the ones
 * named. Each compares archwright with the tool a user would otherwise run, in the same run.
 */
const SUITES: Record<string, () => Promise<string>> = {
  design: async () => formatDesignBench(await benchDesign()),
  decompose: async () =>
    (await benchDecompose()).map((r) => `decompose: ${r.name}: ${r.ms} ms (target < 2,000 ms)`).join("\n"),
  "review-openapi": async () =>
    `review of OpenAPI descriptions\n${formatReviewOpenApiBench(await benchReviewOpenApi())}`,
  service: async () => formatServiceBench(await benchService()),
  "review-sql": async () => {
    const rows = await benchReviewSql();
    return [
      "review of PostgreSQL schemas",
      "| input | tool | wall ms | peak RSS MB |",
      "|---|---|---:|---:|",
      ...rows.map((r) => `| ${r.name} | ${r.tool} | ${r.ms} | ${r.peakRssMb} |`),
      ...ratios(rows),
    ].join("\n");
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(", ")}; choose from ${Object.keys(SUITES).join(", ")}\n`,
  );
  process.exit(2);
}
for (const [name, suite] of Object.entries(SUITES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stdout.write(`\n## ${name}\n\n${await suite()}\n`);
}
