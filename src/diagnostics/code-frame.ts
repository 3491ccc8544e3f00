/**
 * Renders the lines around a 1-based line/column with a caret under the column, in the style of
 * Rust and Biome diagnostics. Written by hand: @babel/code-frame would add a Babel dependency for
 * twenty lines, and we need no syntax highlighting.
 */
export function codeFrame(source: string, line: number, column: number, contextLines = 2): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - contextLines);
  const last = Math.min(lines.length, line + contextLines);
  const gutterWidth = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? "").replace(/\t/g, "  ");
    const marker = n === line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(gutterWidth)} | ${text}`.trimEnd());
    if (n === line) {
      out.push(`  ${" ".repeat(gutterWidth)} | ${" ".repeat(Math.max(0, column - 1))}^`);
    }
  }
  return out.join("\n");
}
