/**
 * Child process for bench/review-openapi.ts: reviews one description the way the CLI does
 * (review + JSON report) and prints its own timings and peak memory as the last line.
 */
import { formatJson } from "../src/review/format/format-json.js";
import { review } from "../src/review/review.js";

const path = process.argv[2] ?? "";
const start = performance.now();
const result = await review([{ path }]);
const output = formatJson(result);
const ms = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({ findings: result.findings.length, bytes: output.length, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
