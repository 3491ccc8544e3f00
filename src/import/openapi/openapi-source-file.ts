import { LineCounter, parseDocument } from "yaml";
import { diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import { jsonErrorOffset } from "./json-error-offset.js";
import { JsonLocator } from "./json-locator.js";
import { LineIndex } from "./line-index.js";
import type { PointerLocator } from "./pointer-locator.js";
import { YamlPointerLocator } from "./yaml-pointer-locator.js";

/** One parsed file of an OpenAPI description: the root document or a file a `$ref` points into. */
export interface OpenApiSourceFile {
  /** The path as the user wrote it (or as resolved from a `$ref`), used in findings. */
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
  readonly locator: PointerLocator;
  readonly lines: LineIndex;
}

/** JSON when the text starts with `{` or `[`, YAML otherwise (YAML is a superset, but JSON.parse is ~20x faster). */
export function parseOpenApiSourceFile(path: string, text: string): OpenApiSourceFile {
  const lines = new LineIndex(text);
  const trimmedStart = text.search(/\S/);
  const first = trimmedStart === -1 ? "" : text[trimmedStart];
  if (first === "{" || first === "[") {
    try {
      return { path, text, value: JSON.parse(text), locator: new JsonLocator(text), lines };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = lines.position(jsonErrorOffset(text));
      throw new InputError([
        diagnostic(
          "openapi/invalid-json",
          `invalid JSON: ${message.split("\n")[0]?.replace(/, ".*$/s, "")}`,
          {
            file: path,
            ...at,
          },
        ),
      ]);
    }
  }
  const lineCounter = new LineCounter();
  // Duplicate keys are tolerated (the last wins, as in JSON.parse): a reviewer should not refuse a
  // description its own tools accept. Aliases are capped well above what real descriptions use.
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true, strict: false });
  if (document.errors.length > 0) {
    throw new InputError(
      document.errors.slice(0, 5).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return diagnostic("openapi/invalid-yaml", `invalid YAML: ${e.message.split("\n")[0]}`, {
          file: path,
          line: pos.line,
          column: pos.col,
        });
      }),
    );
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    throw new InputError([
      diagnostic(
        "openapi/invalid-yaml",
        `invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
        {
          file: path,
          line: 1,
          column: 1,
        },
      ),
    ]);
  }
  return { path, text, value, locator: new YamlPointerLocator(document), lines };
}
