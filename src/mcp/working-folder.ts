import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

/** A tool was asked to read or write outside the folder the server was started in. */
export class OutsideWorkingFolderError extends Error {
  override readonly name = "OutsideWorkingFolderError";
}

export interface FolderPath {
  readonly absolute: string;
  /** Relative to the working folder, with `/` separators; `.` for the folder itself. */
  readonly relative: string;
}

/**
 * The only folder the MCP tools may touch. An agent passes paths relative to it; `..`, absolute
 * paths elsewhere and symbolic links that lead out are refused, for reading and for writing.
 */
export class WorkingFolder {
  readonly root: string;

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  resolve(path: string): FolderPath {
    const absolute = resolve(this.root, path);
    const refuse = () =>
      new OutsideWorkingFolderError(`refused: ${path} is outside the working folder; give a path inside it`);
    if (!this.contains(absolute)) throw refuse();
    // A link inside the folder may point out of it: check where the nearest existing part really is.
    let existing = absolute;
    while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
    if (!this.contains(realpathSync(existing))) throw refuse();
    return { absolute, relative: relative(this.root, absolute).split(sep).join("/") || "." };
  }

  readText(path: string): string {
    return readFileSync(this.resolve(path).absolute, "utf8");
  }

  private contains(absolute: string): boolean {
    const rel = relative(this.root, absolute);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  }
}
