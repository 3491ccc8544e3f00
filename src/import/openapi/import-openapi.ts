import { readFileSync } from "node:fs";
import { diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import { OpenApiDocument, refError, resolveRefPath } from "./openapi-document.js";
import { isJsonObject, OpenApiNode } from "./openapi-node.js";
import { type OpenApiSourceFile, parseOpenApiSourceFile } from "./openapi-source-file.js";

export interface ImportOpenApiOptions {
  /** Reads a file a `$ref` points to; defaults to the file system. */
  readonly readFile?: (path: string) => string;
}

/** Cheap test for a `$ref` into another file, so single-file descriptions are never walked in full. */
const EXTERNAL_REF = /["']?\$ref["']?\s*:\s*["']?(?!#|["'])[^\s"']/;

/**
 * Parses an OpenAPI 3.0 or 3.1 description (JSON or YAML) and every local file its `$ref`s reach.
 * Throws InputError, located in the user's file, for unparseable text, Swagger 2.0, a document
 * that is not OpenAPI, or a `$ref` to a file that cannot be read.
 */
export function importOpenApi(
  input: { readonly path: string; readonly text: string },
  options: ImportOpenApiOptions = {},
): OpenApiDocument {
  const file = parseOpenApiSourceFile(input.path, input.text);
  const version = checkVersion(file);
  const files = new Map<string, OpenApiSourceFile>([[file.path, file]]);
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, "utf8"));
  const queue = [file];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (!EXTERNAL_REF.test(next.text)) continue;
    for (const ref of externalRefs(OpenApiNode.root(next))) {
      const target = ref.string("$ref") ?? "";
      const refPath = target.split("#")[0] ?? "";
      if (/^[a-z][a-z0-9+.-]*:/i.test(refPath)) continue;
      const path = resolveRefPath(next.path, refPath);
      if (files.has(path)) continue;
      let text: string;
      try {
        text = readFile(path);
      } catch {
        throw refError(ref, `cannot read ${path}, which the $ref "${target}" points to`);
      }
      const loaded = parseOpenApiSourceFile(path, text);
      files.set(path, loaded);
      queue.push(loaded);
    }
  }
  return new OpenApiDocument(file, version, files);
}

function checkVersion(file: OpenApiSourceFile): string {
  const root = OpenApiNode.root(file);
  const at = (node: OpenApiNode) => ({
    file: file.path,
    ...file.lines.position(file.locator.offsets([node.pointer()])[0] ?? 0),
  });
  if (!isJsonObject(file.value)) {
    throw new InputError([
      diagnostic(
        "openapi/not-openapi",
        "not an OpenAPI description: the document is not an object",
        at(root),
        {
          expected: "a mapping with an `openapi: 3.x` field",
        },
      ),
    ]);
  }
  const swagger = root.get("swagger");
  if (swagger !== undefined) {
    throw new InputError([
      diagnostic(
        "openapi/swagger-2",
        `Swagger ${String(swagger.value)} is not supported; convert it to OpenAPI 3 first, e.g. \`npx swagger2openapi ${file.path} -o openapi.yaml\` or https://converter.swagger.io`,
        at(swagger),
        { expected: "`openapi: 3.0.x` or `openapi: 3.1.x`" },
      ),
    ]);
  }
  const openapi = root.get("openapi");
  const version = openapi === undefined ? undefined : String(openapi.value);
  if (version === undefined || !/^3\.\d+(\.\d+)?/.test(version)) {
    throw new InputError([
      diagnostic(
        "openapi/unsupported-version",
        version === undefined
          ? "not an OpenAPI description: no `openapi` field"
          : `OpenAPI ${version} is not supported`,
        at(openapi ?? root),
        { expected: "`openapi: 3.0.x` or `openapi: 3.1.x`" },
      ),
    ]);
  }
  return version;
}

function externalRefs(root: OpenApiNode): OpenApiNode[] {
  const found: OpenApiNode[] = [];
  const visit = (node: OpenApiNode): void => {
    const value = node.value;
    if (isJsonObject(value)) {
      const ref = value.$ref;
      if (typeof ref === "string" && !ref.startsWith("#")) found.push(node);
    }
    if (typeof value === "object" && value !== null) for (const child of node.children()) visit(child);
  };
  visit(root);
  return found;
}
