import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fastest, measureProcess } from "./measure-process.js";

export interface BenchRow {
  readonly name: string;
  readonly tool: string;
  readonly ms: number;
  readonly peakRssMb: number;
}

const CORPUS = fileURLToPath(new URL("../../shared/corpus/sql/", import.meta.url));
const CHILD = fileURLToPath(new URL("./review-sql-child.ts", import.meta.url));
const MUSICBRAINZ = [
  "CreateTypes.sql",
  "CreateTables.sql",
  "CreatePrimaryKeys.sql",
  "CreateConstraints.sql",
  "CreateFKConstraints.sql",
  "CreateIndexes.sql",
  "CreateViews.sql",
].map((f) => `${CORPUS}musicbrainz/${f}`);
const INPUTS: readonly { readonly name: string; readonly files: readonly string[] }[] = [
  { name: "MusicBrainz (375 tables, 7 files)", files: MUSICBRAINZ },
  { name: "Lago structure.sql (139 tables)", files: [`${CORPUS}lago-api-structure.sql`] },
];
const RUNS = 3;

/**
 * squawk's npm package is a Node wrapper that spawns a native binary; timing the binary itself
 * keeps Node's startup out of squawk's numbers.
 */
function squawkBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = `@squawk-cli/${process.platform}-${process.arch}/bin/squawk`;
  try {
    return require.resolve(pkg);
  } catch {
    return fileURLToPath(new URL("../node_modules/.bin/squawk", import.meta.url));
  }
}

export async function benchReviewSql(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const squawk = squawkBinary();
  for (const input of INPUTS) {
    const ours = fastest(
      Array.from({ length: RUNS }, () =>
        measureProcess(process.execPath, ["--import", "tsx", CHILD, ...input.files]),
      ),
    );
    const report = JSON.parse(ours.stdout.trim().split("\n").pop() ?? "{}") as {
      importMs: number;
      reviewMs: number;
      maxRssMb: number;
    };
    const theirs = fastest(Array.from({ length: RUNS }, () => measureProcess(squawk, [...input.files])));
    rows.push(
      {
        name: input.name,
        tool: "archwright (process, incl. node+tsx start)",
        ms: Math.round(ours.ms),
        peakRssMb: round(ours.peakRssMb),
      },
      {
        name: input.name,
        tool: "archwright (import + 33 rules, in process)",
        ms: Math.round(report.importMs + report.reviewMs),
        peakRssMb: round(report.maxRssMb),
      },
      {
        name: input.name,
        tool: "squawk (native binary)",
        ms: Math.round(theirs.ms),
        peakRssMb: round(theirs.peakRssMb),
      },
    );
  }
  return rows;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Each archwright row as a multiple of squawk's on the same input. */
export function ratios(rows: readonly BenchRow[]): string[] {
  return rows
    .filter((r) => r.tool.startsWith("archwright"))
    .map((r) => {
      const squawk = rows.find((s) => s.name === r.name && s.tool.startsWith("squawk"));
      if (!squawk) return `${r.name}: no squawk row`;
      return `${r.name} — ${r.tool}: ${(r.ms / squawk.ms).toFixed(1)}x squawk's time, ${(r.peakRssMb / squawk.peakRssMb).toFixed(1)}x its peak memory`;
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchReviewSql();
  for (const r of rows) process.stdout.write(`${r.name} | ${r.tool} | ${r.ms} ms | ${r.peakRssMb} MB\n`);
  for (const line of ratios(rows)) process.stdout.write(`${line}\n`);
}
