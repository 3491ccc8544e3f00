/**
 * Turns an ignore glob (`**`, `*`, `?`) into a regular expression over `/`-separated paths.
 * Hand-written: node:path's matchesGlob prints an experimental-feature warning on Node 20, and
 * the three wildcards the config supports do not justify a dependency.
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^(?:\\./)?${out}$`);
}

export function matchesAnyGlob(path: string, globs: readonly RegExp[]): boolean {
  const normalized = path.replace(/\\/g, "/").replace(/^\.\//, "");
  return globs.some((g) => g.test(normalized));
}
