import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtCli, fastest, measureProcess } from "./measure-process.js";

export interface BenchRow {
  readonly name: string;
  readonly tool: string;
  readonly ms: number;
  readonly peakRssMb: number;
  /** This row's time and peak memory as multiples of Redocly's on the same input. */
  readonly vsRedocly: { readonly time: number; readonly memory: number } | undefined;
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CHILD = fileURLToPath(new URL("./review-openapi-child.ts", import.meta.url));
const INPUTS: readonly { readonly name: string; readonly path: string }[] = [
  {
    name: "GitHub REST (13 MB JSON, 1,223 operations)",
    path: join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json"),
  },
  {
    name: "Stripe (4 MB YAML, 468 operations)",
    path: join(ROOT, "../shared/corpus/openapi/stripe-spec3.yaml"),
  },
];
/** archwright runs are cheap: best of three. The other linters take seconds to a minute: one run each. */
const OUR_RUNS = 3;

/**
 * Reviews GitHub's and Stripe's descriptions with archwright, `redocly lint --extends recommended`
 * and `spectral lint -r spectral:oas`, each as its own process, and relates every row to Redocly's.
 */
export async function benchReviewOpenApi(): Promise<BenchRow[]> {
  const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
  const scratch = mkdtempSync(join(tmpdir(), "archwright-bench-"));
  const ruleset = join(scratch, ".spectral.yaml");
  writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');
  const rows: BenchRow[] = [];
  try {
    for (const input of INPUTS) {
      const cli = builtCli();
      const ours = fastest(
        Array.from({ length: OUR_RUNS }, () =>
          measureProcess(process.execPath, [cli, "review", "--format", "json", input.path], scratch),
        ),
      );
      const child = fastest(
        Array.from({ length: OUR_RUNS }, () =>
          measureProcess(process.execPath, ["--import", "tsx", CHILD, input.path]),
        ),
      );
      const inside = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as {
        ms: number;
        maxRssMb: number;
      };
      const redocly = measureProcess(
        bin("redocly"),
        ["lint", "--extends", "recommended", "--format", "json", input.path],
        scratch,
      );
      const spectral = measureProcess(
        bin("spectral"),
        ["lint", "-r", ruleset, "-f", "json", "--quiet", input.path],
        scratch,
      );
      const row = (tool: string, m: { ms: number; peakRssMb: number }): BenchRow => ({
        name: input.name,
        tool,
        ms: Math.round(m.ms),
        peakRssMb: Math.round(m.peakRssMb),
        vsRedocly: {
          time: Math.round((m.ms / redocly.ms) * 100) / 100,
          memory: Math.round((m.peakRssMb / redocly.peakRssMb) * 100) / 100,
        },
      });
      rows.push(
        row("archwright review --format json (the built CLI, whole process)", ours),
        row("archwright review (in process: import + rules + JSON)", {
          ms: inside.ms,
          peakRssMb: inside.maxRssMb,
        }),
        row("redocly lint --extends recommended", redocly),
        row("spectral lint -r spectral:oas", spectral),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

export function formatReviewOpenApiBench(rows: readonly BenchRow[]): string {
  const lines = [
    "| input | tool | wall ms | peak RSS MB | time vs Redocly | memory vs Redocly |",
    "|---|---|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.tool} | ${r.ms} | ${r.peakRssMb} | ${r.vsRedocly?.time ?? "-"}x | ${r.vsRedocly?.memory ?? "-"}x |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatReviewOpenApiBench(await benchReviewOpenApi()));
}
