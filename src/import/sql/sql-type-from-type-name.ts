import type { Node, TypeName } from "libpg-query";
import type { SqlType } from "./sql-review-context.js";

/**
 * Spellings PostgreSQL accepts for one built-in type, mapped to the catalog name it resolves to.
 * The grammar already turns keywords such as `character varying` into catalog names; these cover
 * the names a user can also write as plain identifiers. A quoted `"char"` is PostgreSQL's one-byte
 * internal type, not `char(1)`, so `char` is deliberately absent.
 */
const ALIASES: Readonly<Record<string, string>> = {
  int: "int4",
  integer: "int4",
  bigint: "int8",
  smallint: "int2",
  serial4: "serial",
  serial8: "bigserial",
  serial2: "smallserial",
  boolean: "bool",
  real: "float4",
  float: "float8",
  "double precision": "float8",
  decimal: "numeric",
  "character varying": "varchar",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  "time without time zone": "time",
  "time with time zone": "timetz",
};

/** Names that read better than the catalog's in messages. */
const DISPLAY: Readonly<Record<string, string>> = {
  bpchar: "char",
  int2: "smallint",
  int4: "integer",
  int8: "bigint",
  float4: "real",
  float8: "double precision",
  bool: "boolean",
};

export function sqlTypeFromTypeName(typeName: TypeName | undefined): SqlType {
  const parts = (typeName?.names ?? []).map(stringValue).filter((s): s is string => s !== undefined);
  const raw = (parts[parts.length - 1] ?? "unknown").toLowerCase();
  const qualifier = parts.length > 1 ? parts[parts.length - 2]?.toLowerCase() : undefined;
  const name = ALIASES[raw] ?? raw;
  const schema = qualifier === "pg_catalog" ? undefined : qualifier;
  const modifiers = (typeName?.typmods ?? []).map(integerValue).filter((n): n is number => n !== undefined);
  const isArray = (typeName?.arrayBounds?.length ?? 0) > 0;
  const base = `${schema ? `${schema}.` : ""}${DISPLAY[name] ?? name}`;
  const text = `${base}${modifiers.length > 0 ? `(${modifiers.join(",")})` : ""}${isArray ? "[]" : ""}`;
  return Object.freeze({ name, schema, modifiers: Object.freeze(modifiers), isArray, text });
}

export function stringValue(node: Node | undefined): string | undefined {
  return node !== undefined && "String" in node ? node.String.sval : undefined;
}

function integerValue(node: Node | undefined): number | undefined {
  if (node === undefined || !("A_Const" in node)) return undefined;
  const value = node.A_Const.ival;
  // The protobuf JSON omits zero, so an integer constant without a value is 0.
  return value === undefined ? undefined : (value.ival ?? 0);
}
