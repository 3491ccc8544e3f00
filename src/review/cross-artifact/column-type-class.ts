import type { SqlColumn, SqlReviewContext, SqlType } from "../../import/sql/sql-review-context.js";

/** What kind of JSON value a column can hold, for comparing it with an API property's type. */
export type ColumnTypeClass =
  | "integer"
  | "decimal"
  | "float"
  | "string"
  | "uuid"
  | "boolean"
  | "timestamp"
  | "date"
  | "json"
  | "binary"
  | "enum"
  | "array"
  | "other";

const CLASSES: Readonly<Record<string, ColumnTypeClass>> = {
  int2: "integer",
  int4: "integer",
  int8: "integer",
  serial: "integer",
  bigserial: "integer",
  smallserial: "integer",
  numeric: "decimal",
  money: "decimal",
  float4: "float",
  float8: "float",
  text: "string",
  varchar: "string",
  bpchar: "string",
  citext: "string",
  name: "string",
  uuid: "uuid",
  bool: "boolean",
  timestamptz: "timestamp",
  timestamp: "timestamp",
  date: "date",
  json: "json",
  jsonb: "json",
  bytea: "binary",
};

/** The column's type with a domain resolved to its base type and enum types recognised. */
export function resolvedType(sql: SqlReviewContext, type: SqlType): SqlType {
  const key = `${type.schema ?? "public"}.${type.name}`;
  const domain = sql.domains.find((d) => d.key === key);
  return domain === undefined ? type : domain.baseType;
}

export function columnTypeClass(sql: SqlReviewContext, column: SqlColumn): ColumnTypeClass {
  const type = resolvedType(sql, column.type);
  if (type.isArray) return "array";
  if (sqlEnum(sql, type) !== undefined) return "enum";
  return CLASSES[type.name] ?? "other";
}

/** The enum type a column type names, if any. */
export function sqlEnum(sql: SqlReviewContext, type: SqlType) {
  const key = `${type.schema ?? "public"}.${type.name}`;
  return sql.enums.find((e) => e.key === key);
}

/** The column holds a sequence-generated number: serial types, identity, or a `nextval()` default. */
export function isSequential(column: SqlColumn): boolean {
  // Only integer columns count: a text id whose default calls nextval among other things is shaped
  // by that default (prefixes, padding, checksums), and the default alone does not show it guessable.
  const integer = ["int2", "int4", "int8", "numeric"].includes(column.type.name);
  return (
    ["serial", "bigserial", "smallserial"].includes(column.type.name) ||
    column.identity !== undefined ||
    (integer && (column.default?.functions.includes("nextval") ?? false))
  );
}
