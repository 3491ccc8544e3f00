import type { Entity, Model } from "../model/index.js";
import type { Integration } from "./integration.js";
import { HASH_PARTITIONS } from "./partition-plan.js";
import type { EnumType, Partitioning, ServiceSchema, Table } from "./relational-schema.js";
import { addFieldColumns, addIdColumn, addTimestampColumns, addVersionColumn } from "./tables/columns.js";
import { orderByDependencies } from "./tables/dependency-order.js";
import { addReferenceIndexes, addUseCaseIndexes, dropRedundantIndexes } from "./tables/indexes.js";
import { addSelfReferenceCheck, addUniqueFields, addUniqueGroups, primaryKeyOf } from "./tables/keys.js";
import { partitionDecisions, type SchemaOptions } from "./tables/partitioning.js";
import { projectionTables } from "./tables/projections.js";
import { startTable } from "./tables/table-draft.js";
import { keyColumnsOf } from "./tables/table-names.js";
import { addTenantColumn, addTenantKeyIndex } from "./tables/tenant-keys.js";

export { DEFAULT_MAX_LENGTH } from "./tables/columns.js";
export { partitionDecisions, type SchemaOptions } from "./tables/partitioning.js";
export { constraintName } from "./tables/table-names.js";
export { HASH_PARTITIONS };

/** One PostgreSQL schema per service: each service owns its database, so no foreign key crosses services. */
export function deriveSchemas(
  model: Model,
  integration: Integration,
  options: SchemaOptions = {},
): ServiceSchema[] {
  const plans = new Map<string, Partitioning>();
  for (const [name, decision] of partitionDecisions(model, options))
    if (decision.partitioning) plans.set(name, decision.partitioning);
  return model.services.map((service) => deriveServiceSchema(model, service, integration, plans));
}

function deriveServiceSchema(
  model: Model,
  service: string,
  integration: Integration,
  partitioned: ReadonlyMap<string, Partitioning>,
): ServiceSchema {
  const entities = model.entities.filter((e) => e.service === service);
  const enums: EnumType[] = [];
  const tables = entities.map((entity) => deriveTable(model, entity, enums, partitioned));
  const { ordered, deferred } = orderByDependencies(tables);
  return {
    service,
    enums,
    tables: [...ordered, ...projectionTables(model, service, integration)],
    deferredForeignKeys: deferred,
    messaging: {
      outbox: integration.publishers.includes(service),
      inbox: integration.consumers.includes(service),
    },
  };
}

/** The parts of one table, each from its own concern, in the order the DDL lists them. */
function deriveTable(
  model: Model,
  entity: Entity,
  enums: EnumType[],
  partitioned: ReadonlyMap<string, Partitioning>,
): Table {
  const draft = startTable(model, entity, enums, partitioned);
  addIdColumn(draft);
  addTenantColumn(draft);
  addFieldColumns(draft);
  addTimestampColumns(draft);
  addVersionColumn(draft);
  const keyColumns = keyColumnsOf(entity);
  addSelfReferenceCheck(draft, keyColumns);
  addUniqueGroups(draft);
  const primaryKey = primaryKeyOf(draft, keyColumns);
  addUniqueFields(draft);
  addUseCaseIndexes(draft, keyColumns);
  addTenantKeyIndex(draft, primaryKey, keyColumns);
  addReferenceIndexes(draft, primaryKey);
  return {
    name: draft.table,
    entity,
    columns: draft.columns,
    primaryKey,
    foreignKeys: draft.foreignKeys,
    uniques: draft.uniques,
    checks: draft.checks,
    indexes: dropRedundantIndexes(draft.indexes, primaryKey),
    crossServiceRefs: draft.crossServiceRefs,
    unenforcedRefs: draft.unenforcedRefs,
    partitioning: draft.partitioning,
    tenantColumn: draft.tenantColumn,
    projectionOf: undefined,
  };
}
