import { type Entity, Model } from "../../model/index.js";
import { tableName } from "../naming.js";
import type {
  Column,
  CrossServiceRef,
  EnumType,
  ForeignKey,
  Index,
  NamedConstraint,
  Partitioning,
  UnenforcedRef,
  UniqueConstraint,
} from "../relational-schema.js";
import { tenantColumnOf } from "./tenant-column.js";

/**
 * A table while its parts are added: each concern (columns, keys, references, indexes) appends to
 * its lists in a fixed order, so the emitted DDL keeps one stable order.
 */
export interface TableDraft {
  readonly model: Model;
  readonly entity: Entity;
  readonly byName: ReadonlyMap<string, Entity>;
  readonly table: string;
  readonly tenantColumn: string | undefined;
  readonly partitioning: Partitioning | undefined;
  /** Enum types the service's migration creates; shared by all tables of the service. */
  readonly enums: EnumType[];
  /** Only a range split by time breaks references to a table; a hash split on the tenant keeps the tenant-scoped (tenant, id) key that references point at. */
  readonly breaksReferences: (entityName: string) => boolean;
  readonly columns: Column[];
  readonly checks: NamedConstraint[];
  readonly uniques: UniqueConstraint[];
  readonly foreignKeys: ForeignKey[];
  readonly crossServiceRefs: CrossServiceRef[];
  readonly unenforcedRefs: UnenforcedRef[];
  readonly indexes: Index[];
}

export function startTable(
  model: Model,
  entity: Entity,
  enums: EnumType[],
  partitioned: ReadonlyMap<string, Partitioning>,
): TableDraft {
  return {
    model,
    entity,
    byName: Model.entitiesByName(model),
    table: tableName(entity.name),
    tenantColumn: tenantColumnOf(model, entity),
    partitioning: partitioned.get(entity.name),
    enums,
    breaksReferences: (name) => partitioned.get(name)?.strategy === "range",
    columns: [],
    checks: [],
    uniques: [],
    foreignKeys: [],
    crossServiceRefs: [],
    unenforcedRefs: [],
    indexes: [],
  };
}
