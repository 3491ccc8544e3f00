import { Field } from "../../model/index.js";
import type { UniqueConstraint } from "../relational-schema.js";
import { addReference } from "./references.js";
import type { TableDraft } from "./table-draft.js";
import { constraintName, indexColumn } from "./table-names.js";

/** The tenant column a tenant-scoped entity gets when it declares no reference to the tenant itself. */
export function addTenantColumn(draft: TableDraft): void {
  const { model, entity, tenantColumn } = draft;
  const tenantEntity =
    model.tenancy && model.tenancy.entity !== entity.name
      ? draft.byName.get(model.tenancy.entity)
      : undefined;
  const declaredTenantRef = tenantEntity
    ? entity.fields.find((f) => Field.isRef(f) && f.target === tenantEntity.name)
    : undefined;
  if (!tenantEntity || !tenantColumn || declaredTenantRef) return;
  draft.columns.push({
    name: tenantColumn,
    sqlType: "uuid",
    nullable: false,
    default: undefined,
    comment: `Tenant (${tenantEntity.name}); row-level security filters on it`,
    origin: { kind: "tenant" },
  });
  addReference(draft, tenantColumn, tenantEntity, "cascade", undefined);
}

/** Tenant first in every index of a multi-tenant design, and a unique (tenant, key) for tenant-scoped foreign keys. */
export function addTenantKeyIndex(
  draft: TableDraft,
  primaryKey: UniqueConstraint,
  keyColumns: readonly string[],
): void {
  const { tenantColumn, partitioning } = draft;
  if (!tenantColumn || primaryKey.columns[0] === tenantColumn) return;
  draft.indexes.push({
    name: constraintName(draft.table, [tenantColumn, ...keyColumns], "idx"),
    columns: [indexColumn(tenantColumn), ...keyColumns.map((c) => indexColumn(c))],
    // Unique, so tenant-scoped foreign keys can point at (tenant, id).
    unique: partitioning === undefined || partitioning.strategy === "hash",
    reason:
      "default list order within a tenant: WHERE tenant = ? ORDER BY id (keyset pagination); the key that tenant-scoped foreign keys point at",
  });
}
