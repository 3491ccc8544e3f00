import { codeFrame } from "../../diagnostics/code-frame.js";

const CONTEXT_LINES = 2;
/** Characters of a line shown either side of the column: minified JSON is one line of megabytes. */
const HALF_WINDOW = 60;

/**
 * A code frame for a finding, cheap on huge files: codeFrame lays out the lines around the
 * finding, given only those lines (each cut to a window around the column), and the gutter is
 * then renumbered to the real line numbers.
 */
export class FindingFramer {
  private readonly lines = new Map<string, string[]>();

  constructor(private readonly sources: ReadonlyMap<string, string>) {}

  frame(file: string, line: number, column: number): string | undefined {
    const lines = this.linesOf(file);
    if (lines === undefined || line > lines.length) return undefined;
    const first = Math.max(1, line - CONTEXT_LINES);
    const last = Math.min(lines.length, line + CONTEXT_LINES);
    const start = Math.max(0, column - 1 - HALF_WINDOW);
    const window = lines.slice(first - 1, last).map((text) => {
      const cut = text.slice(start, start + 2 * HALF_WINDOW);
      return `${start > 0 ? "…" : ""}${cut}${text.length > start + 2 * HALF_WINDOW ? "…" : ""}`;
    });
    const shiftedColumn = column - start + (start > 0 ? 1 : 0);
    const frame = codeFrame(window.join("\n"), line - first + 1, shiftedColumn, CONTEXT_LINES);
    const width = String(last).length;
    const localWidth = String(window.length).length;
    return frame
      .split("\n")
      .map((row) => {
        const numbered = /^([> ]) +(\d+) \| ?(.*)$/.exec(row);
        if (numbered) {
          const real = Number(numbered[2]) + first - 1;
          return `${numbered[1]} ${String(real).padStart(width)} |${numbered[3] ? ` ${numbered[3]}` : ""}`;
        }
        return row.replace(new RegExp(`^  ${" ".repeat(localWidth)} \\|`), `  ${" ".repeat(width)} |`);
      })
      .join("\n");
  }

  private linesOf(file: string): string[] | undefined {
    let lines = this.lines.get(file);
    if (lines === undefined) {
      const source = this.sources.get(file);
      if (source === undefined) return undefined;
      lines = source.split(/\r?\n/);
      this.lines.set(file, lines);
    }
    return lines;
  }
}
