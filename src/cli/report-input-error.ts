import { readFileSync } from "node:fs";
import { InputError } from "../diagnostics/diagnostic.js";
import { formatDiagnostic } from "../diagnostics/format-diagnostic.js";
import { type CliIO, EXIT_INPUT, UsageError } from "./io.js";

/**
 * Turns the errors a user can cause into located messages and exit code 2. Anything else is a bug in
 * archwright: it gets one line asking for a report, still no stack trace unless ARCHWRIGHT_DEBUG is set.
 */
export function reportError(
  error: unknown,
  io: CliIO,
  sources: ReadonlyMap<string, string> = new Map(),
): number {
  if (error instanceof InputError) {
    const cache = new Map(sources);
    for (const d of error.diagnostics) {
      const file = d.location.file;
      if (!cache.has(file)) {
        try {
          cache.set(file, readFileSync(file, "utf8"));
        } catch {
          // unreadable files are reported without a code frame
        }
      }
      io.stderr(`${formatDiagnostic(d, cache.get(file))}\n`);
    }
    const count = error.diagnostics.length;
    io.stderr(`\n${count} error${count === 1 ? "" : "s"}; nothing was written.\n`);
    return EXIT_INPUT;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
    io.stderr(`error: ${(error as Error).message}\nRun \`archwright --help\` for usage.\n`);
    return EXIT_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `internal error: ${message}\nThis is a bug in archwright; please report it with the input that caused it.\n`,
  );
  if (process.env.ARCHWRIGHT_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 70;
}
