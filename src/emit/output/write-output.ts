import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { HANDOFF_FORMAT } from "../design-doc-input.js";

/** The target of `--out` holds files archwright did not write: replacing it would delete them. */
export class OutputFolderRefusedError extends Error {}

/** What an earlier design left in its folder: handoff.json says who wrote it. */
const EARLIER_DESIGN = new RegExp(`^\\s*\\{\\s*"format":\\s*"${HANDOFF_FORMAT}"`);

/**
 * An existing output folder may be replaced only when it is empty or holds an earlier design:
 * `--out .` or `--out src` must never delete a project.
 */
async function assertReplaceable(outDir: string, target: string): Promise<void> {
  const entries = await readdir(target);
  if (entries.length === 0) return;
  const handoff = await readFile(join(target, "handoff.json"), "utf8").catch(() => "");
  if (EARLIER_DESIGN.test(handoff)) return;
  const shown = entries.slice(0, 3).join(", ");
  throw new OutputFolderRefusedError(
    `${outDir} already holds files archwright did not write (${shown}${entries.length > 3 ? ", ..." : ""}); a design replaces its whole folder, so choose a new or empty folder, or one an earlier design wrote`,
  );
}

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
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new OutputFolderRefusedError(`${outDir} exists and is not a folder`);
  if (existing) await assertReplaceable(outDir, target);
  const staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  try {
    for (const [relative, content] of files) {
      const path = join(staging, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
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
