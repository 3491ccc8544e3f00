import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The service's fixed runtime lives as real TypeScript in `templates/service/` (type-checked and
 * linted like any code, and shipped in the package): the generator copies it beside the generated
 * data. Read once; the same from `src/` under tsx and from `dist/` once built (both three levels down).
 */
const ROOT = fileURLToPath(new URL("../../../templates/service/", import.meta.url));

let cached: ReadonlyMap<string, string> | undefined;

function walk(folder: string, out: Map<string, string>): void {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.set(relative(ROOT, path).split("\\").join("/"), readFileSync(path, "utf8"));
  }
}

/** Relative path inside the service folder -> content. */
export function serviceTemplateFiles(): ReadonlyMap<string, string> {
  if (!cached) {
    const files = new Map<string, string>();
    walk(ROOT, files);
    cached = files;
  }
  return cached;
}
