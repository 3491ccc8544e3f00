import { Field, type ScalarField } from "../../model/index.js";
import { columnName, snakeCase, sqlName, tableName } from "../naming.js";
import type { EnumType } from "../relational-schema.js";
import { addReference, ON_DELETE_SQL } from "./references.js";
import type { TableDraft } from "./table-draft.js";
import { constraintName } from "./table-names.js";

/** A generated UUIDv7 `id` for an entity without a declared key. */
export function addIdColumn(draft: TableDraft): void {
  if (draft.entity.key.length !== 0) return;
  draft.columns.push({
    name: "id",
    sqlType: "uuid",
    nullable: false,
    default: "uuid_v7()",
    comment: undefined,
    origin: { kind: "id" },
  });
}

/** One column per field, in spec order: references become uuid columns with their reference, scalars their type and checks. */
export function addFieldColumns(draft: TableDraft): void {
  const { entity, table } = draft;
  for (const field of entity.fields) {
    const column = columnName(field.name, Field.isRef(field));
    if (Field.isRef(field)) {
      const target = draft.byName.get(field.target);
      if (!target) continue;
      const crossService = target.service !== entity.service;
      draft.columns.push({
        name: column,
        sqlType: "uuid",
        nullable: !field.required,
        default: undefined,
        comment: crossService
          ? `References ${target.service}.${tableName(target.name)}(id); no foreign key across services, kept consistent by events`
          : draft.breaksReferences(target.name)
            ? `References ${tableName(target.name)}(id), which is partitioned: the service checks it and applies ON DELETE ${ON_DELETE_SQL[field.onDelete]}`
            : undefined,
        origin: { kind: "field", field },
      });
      addReference(draft, column, target, field.onDelete, field);
    } else {
      draft.columns.push({
        name: column,
        sqlType: scalarSqlType(entity.name, field, draft.enums),
        nullable: !field.required,
        default: scalarDefault(field),
        comment: field.pii
          ? "PII: mask in logs, export on request, erase on deletion"
          : field.secret
            ? "Secret: never returned by the API"
            : undefined,
        origin: { kind: "field", field },
      });
      for (const [suffix, expression] of scalarChecks(column, field)) {
        draft.checks.push({ name: constraintName(table, [column], suffix), expression });
      }
    }
  }
}

/** `created_at` and `updated_at`, set by the database. */
export function addTimestampColumns(draft: TableDraft): void {
  draft.columns.push(
    {
      name: "created_at",
      sqlType: "timestamptz",
      nullable: false,
      default: "now()",
      comment: undefined,
      origin: { kind: "created-at" },
    },
    {
      name: "updated_at",
      sqlType: "timestamptz",
      nullable: false,
      default: "now()",
      comment: undefined,
      origin: { kind: "updated-at" },
    },
  );
}

/** The optimistic-lock `version` of a versioned entity. */
export function addVersionColumn(draft: TableDraft): void {
  if (!draft.entity.versioned) return;
  draft.columns.push({
    name: "version",
    sqlType: "integer",
    nullable: false,
    default: "1",
    comment: "Optimistic lock: UPDATE ... WHERE version = $expected, then version + 1",
    origin: { kind: "version" },
  });
  draft.checks.push({ name: constraintName(draft.table, ["version"], "check"), expression: "version >= 1" });
}

export function scalarSqlType(entityName: string, field: ScalarField, enums: EnumType[]): string {
  switch (field.type) {
    case "string":
    case "text":
    case "email":
    case "url":
      // text + CHECK instead of varchar(n): same storage, and widening a CHECK takes no table rewrite.
      return "text";
    case "integer":
      return "integer";
    case "bigint":
      return "bigint";
    case "decimal":
      return `numeric(${field.precision ?? 19},${field.scale ?? 4})`;
    case "boolean":
      return "boolean";
    case "uuid":
      return "uuid";
    case "date":
      return "date";
    case "timestamp":
      return "timestamptz";
    case "json":
      return "jsonb";
    case "enum": {
      // Named after the (singular) entity: `Post.visibility` -> `post_visibility`.
      const name = `${snakeCase(entityName)}_${snakeCase(field.name)}`;
      enums.push({ name, values: field.values });
      return name;
    }
  }
}

function scalarDefault(field: ScalarField): string | undefined {
  const value = field.default;
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (field.type === "timestamp" && value === "now") return "now()";
  return `'${value.replace(/'/g, "''")}'`;
}

/** Default length limits keep every text column bounded, so the API and the database agree on sizes. */
export const DEFAULT_MAX_LENGTH = { string: 255, email: 254, url: 2048 } as const;

function scalarChecks(rawColumn: string, field: ScalarField): [string, string][] {
  const checks: [string, string][] = [];
  const column = sqlName(rawColumn);
  const len = `char_length(${column})`;
  switch (field.type) {
    case "string":
    case "text":
    case "email":
    case "url": {
      const max = field.max ?? (field.type === "text" ? undefined : DEFAULT_MAX_LENGTH[field.type]);
      const min = field.min ?? (field.required ? 1 : undefined);
      if (min !== undefined && max !== undefined)
        checks.push(["length_check", `${len} BETWEEN ${min} AND ${max}`]);
      else if (max !== undefined) checks.push(["length_check", `${len} <= ${max}`]);
      else if (min !== undefined) checks.push(["length_check", `${len} >= ${min}`]);
      if (field.type === "email")
        checks.push(["format_check", `${column} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`]);
      if (field.type === "url") checks.push(["format_check", `${column} ~ '^https?://'`]);
      break;
    }
    case "integer":
    case "bigint":
    case "decimal":
      if (field.min !== undefined && field.max !== undefined)
        checks.push(["check", `${column} BETWEEN ${field.min} AND ${field.max}`]);
      else if (field.min !== undefined) checks.push(["check", `${column} >= ${field.min}`]);
      else if (field.max !== undefined) checks.push(["check", `${column} <= ${field.max}`]);
      break;
    default:
      break;
  }
  return checks;
}
