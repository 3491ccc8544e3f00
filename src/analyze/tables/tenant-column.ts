import { type Entity, Field, type Model } from "../../model/index.js";
import { columnName, snakeCase } from "../naming.js";

/** The column that scopes an entity's rows to a tenant, or undefined when it is not tenant-scoped. */
export function tenantColumnOf(model: Model, entity: Entity): string | undefined {
  const tenant = model.tenancy?.entity;
  if (tenant === undefined || tenant === entity.name) return undefined;
  const declared = entity.fields.find((f) => Field.isRef(f) && f.target === tenant);
  return declared ? columnName(declared.name, true) : `${snakeCase(tenant)}_id`;
}
