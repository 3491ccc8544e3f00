import { resolve } from "node:path";
import type { TraceRun, TraceTarget } from "../trace/trace-run.js";
import { type CliIO, EXIT_INPUT, EXIT_OK, UsageError } from "./io.js";

/** Where `--trace` with no file writes, in the working folder. */
export const DEFAULT_TRACE_FILE = "archwright-trace.otlp.json";

/**
 * Takes `--trace` / `--trace=FILE` out of the arguments before parseArgs sees them: parseArgs has
 * no optional-value options, and a separate `--trace FILE` would be ambiguous with input files.
 * Bare `--trace` exports to OTEL_EXPORTER_OTLP_ENDPOINT when it is set, else writes the default file;
 * `--trace=FILE` writes FILE (and exports too when the variable is set).
 */
export function takeTraceFlag(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { readonly rest: string[]; readonly trace: TraceTarget | undefined } {
  let trace: TraceTarget | undefined;
  const rest: string[] = [];
  const endpoint = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  for (const arg of args) {
    if (arg === "--") {
      rest.push(...args.slice(args.indexOf(arg)));
      break;
    }
    if (arg === "--trace") trace = endpoint ? { endpoint } : { file: resolve(cwd, DEFAULT_TRACE_FILE) };
    else if (arg.startsWith("--trace=")) {
      const file = arg.slice("--trace=".length);
      if (file === "") throw new UsageError("--trace=FILE needs a file name (or use --trace alone)");
      trace = { file: resolve(cwd, file), endpoint };
    } else rest.push(arg);
  }
  return { rest, trace };
}

/** Closes a command's trace and delivers it; a trace that cannot be written turns success into exit 2. */
export async function endTrace(run: TraceRun | undefined, code: number, io: CliIO): Promise<number> {
  if (run === undefined) return code;
  try {
    await run.end({ ok: code === EXIT_OK, message: `exit code ${code}` });
    return code;
  } catch (error) {
    io.stderr(`error: cannot write the trace: ${error instanceof Error ? error.message : String(error)}\n`);
    return code === EXIT_OK ? EXIT_INPUT : code;
  }
}
