import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Measured {
  readonly ms: number;
  /** NaN when GNU time is not installed (`apt-get install time`). */
  readonly peakRssMb: number;
  readonly stdout: string;
}

/**
 * Runs one command as its own process: wall time from here, peak resident memory from GNU time's
 * wait4 report, so every tool in a comparison is measured the same way whatever its language.
 */
export function measureProcess(command: string, args: readonly string[], cwd?: string): Measured {
  const gnuTime = existsSync("/usr/bin/time");
  const options = { cwd, encoding: "utf8" as const, maxBuffer: 1 << 30 };
  const start = performance.now();
  const result = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "@@maxrss %M", command, ...args], options)
    : spawnSync(command, args, options);
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  const kb = Number(/@@maxrss (\d+)/.exec(result.stderr ?? "")?.[1] ?? Number.NaN);
  return { ms, peakRssMb: kb / 1024, stdout: result.stdout ?? "" };
}

export function fastest(runs: readonly Measured[]): Measured {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

let built: string | undefined;

/**
 * The CLI as an installed package runs it: `dist/cli/main.js`, compiled by `npm run build` (which
 * `npm install` runs through `prepare`). Built once per bench run, so the figures are for the
 * sources as they are now, not for a stale build.
 */
export function builtCli(): string {
  if (built !== undefined) return built;
  const root = fileURLToPath(new URL("../", import.meta.url));
  const result = spawnSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
  built = `${root}dist/cli/main.js`;
  return built;
}
