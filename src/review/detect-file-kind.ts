export type InputKind = "openapi" | "sql";

/**
 * OpenAPI or SQL: by extension first (`.sql`, and dumps named like `x.sql.postgres`), then by
 * content (a JSON object, an `openapi:`/`swagger:` key, or DDL keywords). Undefined when neither fits.
 */
export function detectFileKind(path: string, text: string): InputKind | undefined {
  const name = path.toLowerCase();
  if (/\.(sql|psql|pgsql)(\.[a-z0-9]+)?$/.test(name)) return "sql";
  if (/\.(json|ya?ml)$/.test(name)) return "openapi";
  const head = text.slice(0, 65_536);
  if (/^\s*\{/.test(head) || /^\s*["']?(openapi|swagger)["']?\s*:/m.test(head)) return "openapi";
  if (/\b(create|alter)\s+(table|index|unique\s+index|type|extension|schema|sequence|view)\b/i.test(head))
    return "sql";
  return undefined;
}
