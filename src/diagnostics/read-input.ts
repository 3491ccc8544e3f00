import { readFileSync } from "node:fs";
import { type Diagnostic, diagnostic } from "./diagnostic.js";

/** Reads a file's text; injected so tests and the MCP door can serve files from elsewhere. */
export type ReadText = (path: string) => string;

export const readTextFile: ReadText = (path) => readFileSync(path, "utf8");

/**
 * The text of one input: the text given with it, else the file read with `readFile`. A file that
 * cannot be read becomes a located `<code>` diagnostic in `problems` ("cannot read <path> (ENOENT)")
 * instead of an exception, so one bad path does not hide the findings of the other inputs.
 */
export function readInputText(
  input: { readonly path: string; readonly text?: string | undefined },
  readFile: ReadText,
  code: string,
  problems: Diagnostic[],
): string | undefined {
  if (input.text !== undefined) return input.text;
  try {
    return readFile(input.path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : "");
    problems.push(
      diagnostic(code, `cannot read ${input.path} (${reason})`, { file: input.path, line: 1, column: 1 }),
    );
    return undefined;
  }
}
