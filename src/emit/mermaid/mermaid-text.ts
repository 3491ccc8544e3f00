/**
 * Text placed inside Mermaid labels, messages and comments. Mermaid reads `#name;` as an entity code
 * in every diagram type, so characters that would end a label (`"`, `]`, `|`), start a comment or
 * entity (`#`), end a statement (`;`) or be taken as HTML (`<`, `>`) are written as entity codes.
 * Hand-written because mermaid exposes no escaping function of its own.
 */
const ENTITY_CODES: Readonly<Record<string, string>> = {
  "#": "#35;",
  '"': "#quot;",
  ";": "#59;",
  "<": "#lt;",
  ">": "#gt;",
  "[": "#91;",
  "]": "#93;",
  "|": "#124;",
};

export function mermaidText(raw: string): string {
  return raw.replace(/\s+/g, " ").replace(/[#";<>[\]|]/g, (c) => ENTITY_CODES[c] ?? c);
}

/** A multi-line label: each line escaped, joined with the line break both Mermaid and the SVG renderer read. */
export function mermaidLines(lines: readonly string[]): string {
  return lines.map(mermaidText).join("<br/>");
}

/**
 * A node id made of word characters only, with a prefix so that no id can be a Mermaid keyword
 * (`end`, `graph`, `subgraph`, `style`, ...), which would end a block or start a statement.
 */
export function mermaidId(prefix: string, name: string): string {
  const body = name.replace(/[^A-Za-z0-9_]+/g, "_");
  return `${prefix}_${body}`;
}
