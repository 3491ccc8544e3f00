import { readFileSync } from "node:fs";

/**
 * The version reporting tools show next to findings (SARIF `tool.driver.version`), read from the
 * package's own package.json: two folders up from src/review/format and from dist/review/format alike.
 */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** Where the package is published and documented. */
export const TOOL_INFORMATION_URI = "https://www.npmjs.com/package/archwright";
