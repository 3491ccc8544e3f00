import { renderMermaidSVG } from "beautiful-mermaid";

/**
 * Mermaid entity codes the emitters write, mapped to what beautiful-mermaid can show: it prints entity
 * codes literally, and its line-based parser would end a label at a raw `]` or `|`, so those become
 * the nearest characters that cannot.
 */
const FOR_RENDERER: Readonly<Record<string, string>> = {
  "#35;": "#",
  "#quot;": "'",
  "#59;": ";",
  "#lt;": "‹",
  "#gt;": "›",
  "#91;": "(",
  "#93;": ")",
  "#124;": "/",
};

/** SVG for Mermaid text; no DOM needed. The same text always gives byte-identical SVG. */
export function renderSvg(mermaidText: string): string {
  const text = mermaidText.replace(/#(?:35|quot|59|lt|gt|91|93|124);/g, (code) => FOR_RENDERER[code] ?? code);
  return renderMermaidSVG(text);
}
