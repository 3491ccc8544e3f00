import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

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
