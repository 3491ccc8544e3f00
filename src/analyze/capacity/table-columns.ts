import type { Entity, Field, ScalarField } from "../../model/index.js";
import { columnName, snakeCase } from "../naming.js";
import type { Table } from "../relational-schema.js";
import type { StorageAssumptions } from "./capacity-assumptions.js";

/** A stored column with the average bytes one value takes and the boundary PostgreSQL aligns it to. */
export interface SizedColumn {
  readonly name: string;
  readonly bytes: number;
  readonly align: 1 | 4 | 8;
}

/** A varlena of up to 126 bytes keeps a 1-byte header and is stored unaligned; longer ones take 4 bytes and int alignment. */
const SHORT_VARLENA_MAX = 126;

/**
 * The columns a table gets, in the order we assume the SQL emitter writes them: `id` (unless the
 * entity has its own key), the spec fields in spec order, `version` when versioned, then
 * `created_at` and `updated_at`. Order matters only for padding.
 */
export function tableColumns(entity: Entity, storage: StorageAssumptions): readonly SizedColumn[] {
  const columns: SizedColumn[] = [];
  if (entity.key.length === 0) columns.push({ name: "id", bytes: 16, align: 1 });
  for (const field of entity.fields) columns.push(fieldColumn(field, storage));
  if (entity.versioned) columns.push({ name: "version", bytes: 4, align: 4 });
  columns.push({ name: "created_at", bytes: 8, align: 8 }, { name: "updated_at", bytes: 8, align: 8 });
  return columns;
}

/** The column a spec name (`author`, `createdAt`) refers to, or undefined when the table has none. */
export function findColumn(
  entity: Entity,
  fieldName: string,
  columns: readonly SizedColumn[],
): SizedColumn | undefined {
  const field = entity.fields.find((f) => f.name === fieldName);
  const name = field ? columnName(field.name, field.kind === "ref") : snakeCase(fieldName);
  return columns.find((c) => c.name === name);
}

/**
 * The columns of a table the design already derived, in its order: the spec fields plus whatever
 * the schema adds (the tenant column in multi-tenant designs).
 */
export function schemaTableColumns(table: Table, storage: StorageAssumptions): readonly SizedColumn[] {
  return table.columns.map((column): SizedColumn => {
    const origin = column.origin;
    if (origin.kind === "field") return { ...fieldColumn(origin.field, storage), name: column.name };
    return { name: column.name, ...SYSTEM_COLUMN_WIDTH[origin.kind] };
  });
}

/** timestamptz 8, integer 4, uuid 16 (the id and the tenant reference). */
const SYSTEM_COLUMN_WIDTH: Readonly<
  Record<"id" | "created-at" | "updated-at" | "version" | "tenant", Omit<SizedColumn, "name">>
> = {
  id: { bytes: 16, align: 1 },
  tenant: { bytes: 16, align: 1 },
  "created-at": { bytes: 8, align: 8 },
  "updated-at": { bytes: 8, align: 8 },
  version: { bytes: 4, align: 4 },
};

function fieldColumn(field: Field, storage: StorageAssumptions): SizedColumn {
  const name = columnName(field.name, field.kind === "ref");
  if (field.kind === "ref") return { name, bytes: 16, align: 1 };
  return { name, ...scalarWidth(field, storage) };
}

function scalarWidth(field: ScalarField, storage: StorageAssumptions): Omit<SizedColumn, "name"> {
  switch (field.type) {
    case "uuid":
      return { bytes: 16, align: 1 };
    case "integer":
    case "date":
    case "enum":
      // A PostgreSQL enum value is stored as a 4-byte OID.
      return { bytes: 4, align: 4 };
    case "bigint":
    case "timestamp":
      return { bytes: 8, align: 8 };
    case "boolean":
      return { bytes: 1, align: 1 };
    case "decimal":
      // numeric: 1-byte varlena header + 2-byte numeric header + 2 bytes per 4 digits; a typical
      // value uses about half the declared precision.
      return { bytes: 3 + 2 * Math.ceil((field.precision ?? 19) / 8), align: 1 };
    case "string":
      return varlena(
        field.max === undefined ? storage.unboundedStringLength : Math.ceil(field.max * storage.stringFill),
      );
    case "text":
      return varlena(
        field.max === undefined ? storage.unboundedTextLength : Math.ceil(field.max * storage.textFill),
      );
    case "email":
      return varlena(Math.min(storage.emailLength, field.max ?? Number.POSITIVE_INFINITY));
    case "url":
      return varlena(Math.min(storage.urlLength, field.max ?? Number.POSITIVE_INFINITY));
    case "json":
      return varlena(storage.jsonLength);
  }
}

function varlena(length: number): Omit<SizedColumn, "name"> {
  return length <= SHORT_VARLENA_MAX ? { bytes: length + 1, align: 1 } : { bytes: length + 4, align: 4 };
}
