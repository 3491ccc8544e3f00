import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

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

interface Measured {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly stdout: string;
}

/** Wall time from the parent; peak RSS from GNU time's wait4 report when it is installed. */
function measure(command: string, args: readonly string[]): Measured {
  const gnuTime = existsSync("/usr/bin/time");
  const start = performance.now();
  const result = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "@@maxrss %M", command, ...args], {
        encoding: "utf8",
        maxBuffer: 1 << 30,
      })
    : spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  const kb = Number(/@@maxrss (\d+)/.exec(result.stderr ?? "")?.[1] ?? Number.NaN);
  return { ms, peakRssMb: kb / 1024, stdout: result.stdout ?? "" };
}

function best(runs: readonly Measured[]): Measured {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

export async function benchReviewSql(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const squawk = squawkBinary();
  for (const input of INPUTS) {
    const ours = best(
      Array.from({ length: RUNS }, () =>
        measure(process.execPath, ["--import", "tsx", CHILD, ...input.files]),
      ),
    );
    const report = JSON.parse(ours.stdout.trim().split("\n").pop() ?? "{}") as {
      importMs: number;
      reviewMs: number;
      maxRssMb: number;
    };
    const theirs = best(Array.from({ length: RUNS }, () => measure(squawk, [...input.files])));
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
