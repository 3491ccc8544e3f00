import { type Entity, Field, Model } from "../../model/index.js";
import type { Integration } from "../integration.js";
import { columnName, tableName } from "../naming.js";
import type { Column, Index, Table } from "../relational-schema.js";
import { scalarSqlType } from "./columns.js";
import { constraintName, indexColumn, keyColumn } from "./table-names.js";
import { tenantColumnOf } from "./tenant-column.js";

/**
 * Read-only copies of other services' tables that a hot use case of this service reads (see
 * analyzeIntegration's hot reads). Same key, the other service's plain columns (no secrets, no
 * personal data; enums as text, since their types live in the other database), no foreign keys,
 * an index per reference, and the source's timestamps plus when the copy was last applied.
 */
export function projectionTables(model: Model, service: string, integration: Integration): Table[] {
  const byName = Model.entitiesByName(model);
  const wanted = new Map<string, string[]>();
  for (const hot of integration.hotReads) {
    if (hot.owner !== service) continue;
    for (const name of hot.projected) wanted.set(name, [...(wanted.get(name) ?? []), hot.useCase]);
  }
  return [...wanted.entries()].map(([name, useCases]) => {
    const entity = byName.get(name) as Entity;
    const source = tableName(entity.name);
    const table = `${source}_projection`;
    const columns: Column[] = [];
    if (entity.key.length === 0) {
      columns.push({
        name: "id",
        sqlType: "uuid",
        nullable: false,
        default: undefined,
        comment: undefined,
        origin: { kind: "id" },
      });
    }
    // In a multi-tenant design the copy keeps the tenant column, and row-level security with it.
    const tenant = model.tenancy && model.tenancy.entity !== entity.name ? model.tenancy.entity : undefined;
    const declaredTenant = entity.fields.find((f) => Field.isRef(f) && f.target === tenant);
    const tenantColumn = tenantColumnOf(model, entity);
    if (tenantColumn && !declaredTenant) {
      columns.push({
        name: tenantColumn,
        sqlType: "uuid",
        nullable: false,
        default: undefined,
        comment: undefined,
        origin: { kind: "tenant" },
      });
    }
    for (const field of entity.fields) {
      if (field.secret || field.pii) continue;
      const isRef = Field.isRef(field);
      const sqlType = isRef ? "uuid" : field.type === "enum" ? "text" : scalarSqlType(entity.name, field, []);
      columns.push({
        name: columnName(field.name, isRef),
        sqlType,
        nullable: !field.required,
        default: undefined,
        comment: undefined,
        origin: { kind: "field", field },
      });
    }
    columns.push(
      {
        name: "created_at",
        sqlType: "timestamptz",
        nullable: false,
        default: undefined,
        comment: undefined,
        origin: { kind: "created-at" },
      },
      {
        name: "updated_at",
        sqlType: "timestamptz",
        nullable: false,
        default: undefined,
        comment: undefined,
        origin: { kind: "updated-at" },
      },
    );
    const keyColumns = entity.key.length === 0 ? ["id"] : entity.key.map((k) => keyColumn(entity, k));
    const indexes: Index[] = entity.fields
      .filter((f) => Field.isRef(f) && !f.secret && !f.pii)
      .map((f) => columnName(f.name, true))
      .filter((column) => keyColumns[0] !== column)
      .map((column) => ({
        name: constraintName(table, [column], "idx"),
        columns: [indexColumn(column)],
        unique: false,
        reason: `lookups by ${column} for ${useCases.map((u) => `"${u}"`).join(", ")}`,
      }));
    return {
      name: table,
      entity,
      columns,
      primaryKey: { name: constraintName(table, [], "pkey"), columns: keyColumns },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes,
      crossServiceRefs: [],
      unenforcedRefs: [],
      partitioning: undefined,
      tenantColumn,
      projectionOf: { service: entity.service, table: source, useCases },
    };
  });
}
