import { type Entity, Field } from "../../model/index.js";
import { columnName } from "../naming.js";
import type { IndexColumn } from "../relational-schema.js";
import { fnv1a } from "../stable-hash.js";

/** PostgreSQL truncates identifiers longer than this, which silently merges constraint names. */
const MAX_IDENTIFIER = 63;

/** `<table>_<columns>_<suffix>`, PostgreSQL's own naming convention, shortened to fit 63 bytes deterministically. */
export function constraintName(table: string, columns: readonly string[], suffix: string): string {
  const full = [table, ...columns, suffix].join("_");
  if (full.length <= MAX_IDENTIFIER) return full;
  const tag = fnv1a(full).toString(36).slice(0, 6);
  return `${full.slice(0, MAX_IDENTIFIER - suffix.length - tag.length - 2)}_${tag}_${suffix}`;
}

/** The column a key field is stored in (`author` → `author_id` for a reference). */
export function keyColumn(entity: Entity, fieldName: string): string {
  const field = entity.fields.find((f) => f.name === fieldName);
  return columnName(fieldName, field !== undefined && Field.isRef(field));
}

/** The columns of an entity's declared key, or its generated `id`. */
export function keyColumnsOf(entity: Entity): string[] {
  return entity.key.length === 0 ? ["id"] : entity.key.map((k) => keyColumn(entity, k));
}

export function indexColumn(column: string): IndexColumn {
  return { column, direction: "asc", expression: undefined };
}
