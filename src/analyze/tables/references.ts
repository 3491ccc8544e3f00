import { type Entity, Field, type OnDeleteAction } from "../../model/index.js";
import { tableName } from "../naming.js";
import type { ReferentialAction } from "../relational-schema.js";
import type { TableDraft } from "./table-draft.js";
import { constraintName, keyColumn } from "./table-names.js";
import { tenantColumnOf } from "./tenant-column.js";

export const ON_DELETE_SQL: Record<OnDeleteAction, ReferentialAction> = {
  cascade: "CASCADE",
  restrict: "RESTRICT",
  "set-null": "SET NULL",
  "no-action": "NO ACTION",
};

/**
 * A reference from `column` to `target`: a foreign key inside the service, a checked-by-the-service
 * reference when the target is range-partitioned, or a cross-service reference kept by events.
 */
export function addReference(
  draft: TableDraft,
  column: string,
  target: Entity,
  onDelete: OnDeleteAction,
  field: Field | undefined,
): void {
  const { entity, tenantColumn } = draft;
  if (target.service === entity.service && draft.breaksReferences(target.name)) {
    if (field && Field.isRef(field)) {
      draft.unenforcedRefs.push({
        column,
        field,
        refTable: tableName(target.name),
        onDelete: ON_DELETE_SQL[onDelete],
      });
    }
  } else if (target.service === entity.service) {
    // Foreign-key checks bypass row-level security, so in a multi-tenant design a reference between
    // two tenant-scoped rows carries the tenant too: a row can never point at another tenant's row.
    const targetTenant =
      tenantColumn && column !== tenantColumn ? tenantColumnOf(draft.model, target) : undefined;
    const scoped = targetTenant !== undefined && tenantColumn !== undefined && target.key.length === 0;
    draft.foreignKeys.push({
      name: constraintName(draft.table, [column], "fkey"),
      columns: scoped && tenantColumn ? [tenantColumn, column] : [column],
      refTable: tableName(target.name),
      refColumns:
        scoped && targetTenant
          ? [targetTenant, "id"]
          : target.key.length === 0
            ? ["id"]
            : target.key.map((k) => keyColumn(target, k)),
      onDelete: ON_DELETE_SQL[onDelete],
      field: field && Field.isRef(field) ? field : undefined,
      setNullColumns: scoped && onDelete === "set-null" ? [column] : undefined,
    });
  } else if (field && Field.isRef(field)) {
    draft.crossServiceRefs.push({
      column,
      field,
      targetEntity: target.name,
      targetService: target.service,
      targetTable: tableName(target.name),
    });
  }
}
