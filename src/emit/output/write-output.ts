import { mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes a set of files so that the output folder is either the complete new design or untouched:
 * everything goes to a sibling temporary folder first, which then replaces the target with renames.
 */
export async function writeOutputAtomically(
  outDir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  try {
    for (const [relative, content] of files) {
      const path = join(staging, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    const existing = await stat(target).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new Error(`${outDir} exists and is not a folder`);
    if (existing) {
      const old = `${staging}.old`;
      await rename(target, old);
      await rename(staging, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(staging, target);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
