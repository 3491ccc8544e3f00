import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";

/**
 * The files already under `outDir` inside the given folders (relative paths ending in `/`), so a
 * regeneration that replaces the whole output folder can write them back unchanged.
 */
export async function readUserOwnedFiles(
  outDir: string,
  folders: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const root = resolve(outDir);
  const found = new Map<string, Uint8Array>();
  for (const folder of folders) {
    const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      found.set(relative(root, path).split("\\").join("/"), await readFile(path));
    }
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
