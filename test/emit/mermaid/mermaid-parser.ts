/**
 * Mermaid's own parser, run in Node. Mermaid reaches for `window` and `document` while it loads
 * (DOMPurify, diagram registration), so a jsdom window is installed once, before the first import.
 */
type MermaidApi = {
  initialize(config: { startOnLoad: boolean }): void;
  parse(text: string): Promise<{ diagramType: string } | false>;
};

let loading: Promise<MermaidApi> | undefined;

function loadMermaid(): Promise<MermaidApi> {
  loading ??= (async () => {
    // jsdom ships no type declarations; only its constructor and window are used here.
    const specifier = "jsdom";
    const { JSDOM } = (await import(specifier)) as {
      JSDOM: new (html: string) => { window: { document: unknown } };
    };
    const dom = new JSDOM("<!doctype html><html><body></body></html>");
    const host = globalThis as unknown as Record<string, unknown>;
    host.window = dom.window;
    host.document = dom.window.document;
    const { default: mermaid } = await import("mermaid");
    mermaid.initialize({ startOnLoad: false });
    return mermaid as unknown as MermaidApi;
  })();
  return loading;
}

/** Parses Mermaid text with mermaid's own parser; resolves to the diagram type, rejects on a syntax error. */
export async function parseMermaid(text: string): Promise<string> {
  const mermaid = await loadMermaid();
  const result = await mermaid.parse(text);
  if (!result) throw new Error("mermaid rejected the diagram");
  return result.diagramType;
}
