import type { SqlTable } from "../../../import/sql/sql-review-context.js";

/**
 * Column names that scope every query to one tenant. In a multi-tenant schema the tenant id comes
 * from the caller's credentials, not a query parameter, and indexes lead with it; such a leading
 * column is skipped when asking whether an index serves a filter or a sort. A column that a
 * row-level-security policy compares with a session setting is one, and with a spec so is its
 * tenancy entity's id column (`clinic_id` for `tenancy: { entity: Clinic }`).
 */
const TENANT_COLUMNS = [
  "tenant_id",
  "organization_id",
  "organisation_id",
  "org_id",
  "workspace_id",
  "account_id",
];

export function tenantColumns(table: SqlTable, specTenantColumns: readonly string[]): string[] {
  return [...new Set([...table.policyColumns, ...specTenantColumns, ...TENANT_COLUMNS])].filter((name) =>
    table.columns.some((c) => c.name === name),
  );
}
