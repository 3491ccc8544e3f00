export type NameCasing = "camelCase" | "snake_case" | "kebab-case" | "PascalCase" | "single-word" | "other";

/** Splits `userId`, `user_id`, `user-id`, `UserID` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_\-.]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

/** The casing convention a multi-word name follows; single words say nothing about convention. */
export function nameCasing(name: string): NameCasing {
  if (/^[a-z][a-z0-9]*$/.test(name)) return "single-word";
  if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(name)) return "camelCase";
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name)) return "snake_case";
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(name)) return "kebab-case";
  // At least one lower-case letter: `MACOS` or `SPDXID` is an acronym, not PascalCase.
  if (/^[A-Z][a-z0-9]*(?:[A-Z][a-z0-9]*)*$/.test(name) && /[a-z]/.test(name)) return "PascalCase";
  return "other";
}
