import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface DesignBenchRow {
  readonly entities: number;
  readonly files: number;
  readonly designMs: number;
  /** The same without rendering the diagrams to SVG (`design --no-svg`). */
  readonly designNoSvgMs: number;
  readonly verifyMs: number;
  readonly peakRssMb: number;
  readonly peakRssWithVerifyMb: number;
}

const CHILD = fileURLToPath(new URL("./design-child.ts", import.meta.url));
const SIZES = [10, 100, 500] as const;

function runChild(entities: number, verify: boolean, svg = true): Record<string, number> {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", CHILD, String(entities), verify ? "1" : "0", svg ? "1" : "0"],
    {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
  if (result.status !== 0) throw new Error(`design bench child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as Record<string, number>;
}

/**
 * `designSystem` (spec already parsed) on generated specs of 10, 100 and 500 entities, best of three
 * runs, each in a fresh process; then once more with PGlite applying and reverting every migration.
 */
export async function benchDesign(): Promise<DesignBenchRow[]> {
  const rows: DesignBenchRow[] = [];
  for (const entities of SIZES) {
    const runs = [0, 1, 2].map(() => runChild(entities, false));
    const best = runs.reduce((a, b) => ((a.designMs ?? 0) <= (b.designMs ?? 0) ? a : b));
    const noSvg = Math.min(...[0, 1, 2].map(() => runChild(entities, false, false).designMs ?? 0));
    const verified = runChild(entities, true);
    rows.push({
      entities,
      files: best.files ?? 0,
      designMs: Math.round(best.designMs ?? 0),
      designNoSvgMs: Math.round(noSvg),
      verifyMs: Math.round(verified.verifyMs ?? 0),
      peakRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssMb ?? 0))),
      peakRssWithVerifyMb: Math.round(verified.maxRssMb ?? 0),
    });
  }
  return rows;
}

export function formatDesignBench(rows: readonly DesignBenchRow[]): string {
  const lines = [
    "design (generated specs; best of 3, fresh process each)",
    "| entities | files | design ms | ms per entity | design --no-svg ms | peak RSS MB | + PGlite verify ms | peak RSS with verify MB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.entities} | ${r.files} | ${r.designMs} | ${(r.designMs / r.entities).toFixed(2)} | ${r.designNoSvgMs} | ${r.peakRssMb} | ${r.verifyMs} | ${r.peakRssWithVerifyMb} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${formatDesignBench(await benchDesign())}\n`);
}
