import type { Migration } from "../emit/sql/emit-migrations.js";
import { lintOpenApi } from "./lint-openapi.js";
import { verifyMigrations } from "./verify-migrations.js";

/** Applies and reverts every migration on PGlite and lints every OpenAPI document; returns what failed. */
export async function verifyDesign(
  migrations: ReadonlyMap<string, Migration>,
  files: ReadonlyMap<string, string>,
): Promise<string[]> {
  const failures: string[] = [];
  for (const check of await verifyMigrations(migrations)) {
    if (!check.ok) failures.push(`db/${check.service}: ${check.problem}`);
  }
  for (const [path, text] of files) {
    if (!path.startsWith("openapi/")) continue;
    for (const p of await lintOpenApi(text, path))
      if (p.severity === "error") failures.push(`${path}${p.pointer}: ${p.ruleId}: ${p.message}`);
  }
  return failures;
}
