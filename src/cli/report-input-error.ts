import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../diagnostics/diagnostic.js";
import { formatDiagnostic } from "../diagnostics/format-diagnostic.js";
import { OutputFolderRefusedError } from "../emit/output/write-output.js";
import { type CliIO, EXIT_INPUT, UsageError } from "./io.js";

/**
 * Turns the errors a user can cause into located messages and exit code 2. Anything else (a rule
 * that crashed included) is a bug in archwright: exit 70 and one line asking for a report, still no
 * stack trace unless ARCHWRIGHT_DEBUG is set.
 */
export function reportError(
  error: unknown,
  io: CliIO,
  options: { readonly usage?: string; readonly wroteNothing?: boolean } = {},
): number {
  if (error instanceof InputError) {
    const cache = new Map<string, string>();
    for (const d of error.diagnostics) {
      const file = d.location.file;
      if (!cache.has(file)) {
        try {
          cache.set(file, readFileSync(resolve(io.cwd, file), "utf8"));
        } catch {
          // unreadable files are reported without a code frame
        }
      }
      io.stderr(`${formatDiagnostic(d, cache.get(file))}\n`);
    }
    const count = error.diagnostics.length;
    io.stderr(
      `\n${count} error${count === 1 ? "" : "s"}${options.wroteNothing === false ? "" : "; nothing was written"}.\n`,
    );
    return EXIT_INPUT;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
    io.stderr(
      `error: ${(error as Error).message}\n${options.usage ? `\n${options.usage}\n` : "Run `archwright --help` for usage.\n"}`,
    );
    return EXIT_INPUT;
  }
  if (error instanceof OutputFolderRefusedError) {
    io.stderr(`error: ${error.message}; nothing was written.\n`);
    return EXIT_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `internal error: ${message}\nThis is a bug in archwright; please report it with the input that caused it.\n`,
  );
  if (process.env.ARCHWRIGHT_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 70;
}
