import {
  type Entity,
  Field,
  Model,
  type OnDeleteAction,
  type RefField,
  type ScalarField,
} from "../model/index.js";
import { listFilters } from "./access/row-keys.js";
import type { Integration } from "./integration.js";
import { columnName, snakeCase, sqlName, tableName } from "./naming.js";
import { HASH_PARTITIONS, type PartitionDecision, planPartitioning } from "./partition-plan.js";
import type {
  Column,
  CrossServiceRef,
  EnumType,
  ForeignKey,
  Index,
  IndexColumn,
  NamedConstraint,
  Partitioning,
  ReferentialAction,
  ServiceSchema,
  Table,
  UnenforcedRef,
  UniqueConstraint,
} from "./relational-schema.js";
import { fnv1a } from "./stable-hash.js";

const entitiesByName = Model.entitiesByName;

/** PostgreSQL truncates identifiers longer than this, which silently merges constraint names. */
const MAX_IDENTIFIER = 63;

const ON_DELETE_SQL: Record<OnDeleteAction, ReferentialAction> = {
  cascade: "CASCADE",
  restrict: "RESTRICT",
  "set-null": "SET NULL",
  "no-action": "NO ACTION",
};

export interface SchemaOptions {
  /**
   * Entities whose tables pass the row threshold within retention, with the reason (the month the
   * capacity estimate says they pass it). The partition planner decides how, or whether, to split
   * each one without weakening its keys.
   */
  readonly partition?: ReadonlyMap<string, string>;
  /** New rows per day at today's load, per entity, for the width of range partitions. */
  readonly rowsPerDay?: ReadonlyMap<string, number>;
  /** The row count a table should stay under (growth.rowThreshold). */
  readonly rowThreshold?: number;
}

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

export { HASH_PARTITIONS };

/**
 * The partition planner's decision for every table the capacity estimate flags: a plan, or why the
 * table stays whole. DESIGN.md reports the skipped ones, so a big unpartitioned table has a reason.
 */
export function partitionDecisions(model: Model, options: SchemaOptions): Map<string, PartitionDecision> {
  const byName = entitiesByName(model);
  const decisions = new Map<string, PartitionDecision>();
  for (const [name, reason] of options.partition ?? new Map<string, string>()) {
    const entity = byName.get(name);
    if (!entity) continue;
    const tenantColumn = tenantColumnOf(model, entity);
    const lead = (columns: string[]) =>
      tenantColumn && !columns.includes(tenantColumn) ? [tenantColumn, ...columns] : columns;
    const uniques = [
      ...entity.fields.filter((f) => f.unique).map((f) => lead([columnName(f.name, Field.isRef(f))])),
      ...entity.uniqueTogether.map((group) => lead(group.map((n) => keyColumn(entity, n)))),
    ];
    const sorts = model.useCases.flatMap((u) => u.sort[name] ?? []).map((k) => k.field);
    const referenced = model.entities.some(
      (e) => e.service === entity.service && e.fields.some((f) => Field.isRef(f) && f.target === name),
    );
    decisions.set(
      name,
      planPartitioning({
        entity,
        keyColumns: entity.key.length === 0 ? ["id"] : entity.key.map((k) => keyColumn(entity, k)),
        tenantColumn,
        uniques,
        referenced,
        followsCreation: sorts.length === 0 || sorts.every((f) => f === "createdAt"),
        rowsPerDay: options.rowsPerDay?.get(name) ?? 0,
        rowThreshold: options.rowThreshold ?? Number.POSITIVE_INFINITY,
        reason,
      }),
    );
  }
  return decisions;
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

function deriveTable(
  model: Model,
  entity: Entity,
  enums: EnumType[],
  partitioned: ReadonlyMap<string, Partitioning>,
): Table {
  const table = tableName(entity.name);
  const byName = entitiesByName(model);
  const columns: Column[] = [];
  const checks: NamedConstraint[] = [];
  const uniques: UniqueConstraint[] = [];
  const foreignKeys: ForeignKey[] = [];
  const crossServiceRefs: CrossServiceRef[] = [];
  const unenforcedRefs: UnenforcedRef[] = [];
  const partitioning = partitioned.get(entity.name);
  // Only a range split by time breaks references to the table; a hash split on the tenant keeps the
  // tenant-scoped (tenant, id) key that references point at.
  const breaksReferences = (name: string) => partitioned.get(name)?.strategy === "range";

  const tenantEntity =
    model.tenancy && model.tenancy.entity !== entity.name ? byName.get(model.tenancy.entity) : undefined;
  const declaredTenantRef = tenantEntity
    ? entity.fields.find((f) => Field.isRef(f) && f.target === tenantEntity.name)
    : undefined;
  const tenantColumn = tenantColumnOf(model, entity);

  if (entity.key.length === 0) {
    columns.push({
      name: "id",
      sqlType: "uuid",
      nullable: false,
      default: "uuid_v7()",
      comment: undefined,
      origin: { kind: "id" },
    });
  }
  if (tenantEntity && tenantColumn && !declaredTenantRef) {
    columns.push({
      name: tenantColumn,
      sqlType: "uuid",
      nullable: false,
      default: undefined,
      comment: `Tenant (${tenantEntity.name}); row-level security filters on it`,
      origin: { kind: "tenant" },
    });
    addReference(tenantColumn, tenantEntity, "cascade", undefined);
  }

  function addReference(column: string, target: Entity, onDelete: OnDeleteAction, field: Field | undefined) {
    if (target.service === entity.service && breaksReferences(target.name)) {
      if (field && Field.isRef(field)) {
        unenforcedRefs.push({
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
        tenantColumn && column !== tenantColumn ? tenantColumnOf(model, target) : undefined;
      const scoped = targetTenant !== undefined && tenantColumn !== undefined && target.key.length === 0;
      foreignKeys.push({
        name: constraintName(table, [column], "fkey"),
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
      crossServiceRefs.push({
        column,
        field,
        targetEntity: target.name,
        targetService: target.service,
        targetTable: tableName(target.name),
      });
    }
  }

  for (const field of entity.fields) {
    const column = columnName(field.name, Field.isRef(field));
    if (Field.isRef(field)) {
      const target = byName.get(field.target);
      if (!target) continue;
      const crossService = target.service !== entity.service;
      columns.push({
        name: column,
        sqlType: "uuid",
        nullable: !field.required,
        default: undefined,
        comment: crossService
          ? `References ${target.service}.${tableName(target.name)}(id); no foreign key across services, kept consistent by events`
          : breaksReferences(target.name)
            ? `References ${tableName(target.name)}(id), which is partitioned: the service checks it and applies ON DELETE ${ON_DELETE_SQL[field.onDelete]}`
            : undefined,
        origin: { kind: "field", field },
      });
      addReference(column, target, field.onDelete, field);
    } else {
      columns.push({
        name: column,
        sqlType: scalarSqlType(entity.name, field, enums),
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
        checks.push({ name: constraintName(table, [column], suffix), expression });
      }
    }
  }

  columns.push(
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
  if (entity.versioned) {
    columns.push({
      name: "version",
      sqlType: "integer",
      nullable: false,
      default: "1",
      comment: "Optimistic lock: UPDATE ... WHERE version = $expected, then version + 1",
      origin: { kind: "version" },
    });
    checks.push({ name: constraintName(table, ["version"], "check"), expression: "version >= 1" });
  }

  const keyColumns = entity.key.length === 0 ? ["id"] : entity.key.map((k) => keyColumn(entity, k));
  // A join row between two rows of the same entity (User follows User) never links a row to itself.
  const keyRefs = entity.key.map((k) => entity.fields.find((f) => f.name === k));
  if (
    keyRefs.length === 2 &&
    keyRefs.every((f) => f && Field.isRef(f) && f.target === (keyRefs[0] as RefField).target)
  ) {
    const [a, b] = keyColumns.map((c) => sqlName(c));
    checks.push({ name: constraintName(table, keyColumns, "check"), expression: `${a} <> ${b}` });
  }
  for (const group of entity.uniqueTogether) {
    const columns = group.map((name) => keyColumn(entity, name));
    const leading = tenantColumn && !columns.includes(tenantColumn) ? [tenantColumn] : [];
    uniques.push({
      name: constraintName(table, [...leading, ...columns], "key"),
      columns: [...leading, ...columns],
    });
  }
  // A partitioned table's primary key must contain the partition column.
  const primaryKey = {
    name: constraintName(table, [], "pkey"),
    columns:
      partitioning === undefined || keyColumns.includes(partitioning.column)
        ? keyColumns
        : partitioning.strategy === "hash"
          ? [partitioning.column, ...keyColumns]
          : [...keyColumns, partitioning.column],
  };

  const indexes: Index[] = [];
  for (const field of entity.fields) {
    if (!field.unique) continue;
    const column = columnName(field.name, Field.isRef(field));
    const leading = tenantColumn && column !== tenantColumn ? [tenantColumn] : [];
    const caseInsensitive = Field.isScalar(field) && field.type === "email";
    if (caseInsensitive) {
      indexes.push({
        name: constraintName(table, [...leading, column], "key"),
        columns: [
          ...leading.map((c) => indexColumn(c)),
          { column, direction: "asc", expression: `lower(${sqlName(column)})` },
        ],
        unique: true,
        reason: `unique ${field.name}, case-insensitive${leading.length ? " within a tenant" : ""}`,
      });
    } else {
      uniques.push({
        name: constraintName(table, [...leading, column], "key"),
        columns: [...leading, column],
      });
    }
  }

  const sortableColumns = (name: string) => {
    if (name === "createdAt") return "created_at";
    if (name === "updatedAt") return "updated_at";
    const field = entity.fields.find((f) => f.name === name);
    return field ? columnName(field.name, Field.isRef(field)) : snakeCase(name);
  };
  const tieBreaker = keyColumns;

  for (const useCase of model.useCases) {
    const filters = listFilters(model, useCase, entity);
    const sort = useCase.sort[entity.name] ?? [];
    if (filters.length === 0 && sort.length === 0) continue;
    const cols: IndexColumn[] = [];
    const seen = new Set<string>();
    const push = (column: string, direction: "asc" | "desc") => {
      if (seen.has(column)) return;
      seen.add(column);
      cols.push({ column, direction, expression: undefined });
    };
    if (tenantColumn) push(tenantColumn, "asc");
    for (const f of filters) push(sortableColumns(f), "asc");
    const lastDirection = sort[sort.length - 1]?.direction ?? "asc";
    for (const s of sort) push(sortableColumns(s.field), s.direction);
    for (const k of tieBreaker) push(k, lastDirection);
    const where = filters.map((f) => `${sortableColumns(f)} = ?`);
    const order = [
      ...sort.map((s) => `${sortableColumns(s.field)} ${s.direction.toUpperCase()}`),
      ...tieBreaker.map((k) => `${k} ${lastDirection.toUpperCase()}`),
    ];
    indexes.push({
      name: constraintName(
        table,
        cols.map((c) => c.column),
        "idx",
      ),
      columns: cols,
      unique: false,
      reason: `use case "${useCase.name}" (${useCase.peakRps} rps): ${where.length ? `WHERE ${where.join(" AND ")} ` : ""}ORDER BY ${order.join(", ")} (keyset pagination)`,
    });
  }

  if (tenantColumn && primaryKey.columns[0] !== tenantColumn) {
    indexes.push({
      name: constraintName(table, [tenantColumn, ...keyColumns], "idx"),
      columns: [indexColumn(tenantColumn), ...keyColumns.map((c) => indexColumn(c))],
      // Unique, so tenant-scoped foreign keys can point at (tenant, id).
      unique: partitioning === undefined || partitioning.strategy === "hash",
      reason:
        "default list order within a tenant: WHERE tenant = ? ORDER BY id (keyset pagination); the key that tenant-scoped foreign keys point at",
    });
  }

  const referenceColumns: { column: string; leading: readonly string[]; why: string }[] = [
    ...foreignKeys.map((fk) => ({
      column: fk.columns[fk.columns.length - 1] ?? "",
      leading: fk.columns.slice(0, -1),
      why: `foreign key to ${fk.refTable}: joins and ON DELETE checks`,
    })),
    ...unenforcedRefs.map((r) => ({
      column: r.column,
      leading: [],
      why: `reference to partitioned ${r.refTable}: lookups and ON DELETE ${r.onDelete} applied by the service`,
    })),
    ...crossServiceRefs.map((r) => ({
      column: r.column,
      leading: [],
      why: `reference to ${r.targetService}.${r.targetTable}: lookups and cleanup on ${r.targetEntity} deletion`,
    })),
  ];
  for (const reference of referenceColumns) {
    const { column, why } = reference;
    const wanted = [...reference.leading, column];
    const leads = (columns: readonly string[]) => wanted.every((c, i) => columns[i] === c);
    const covered =
      leads(primaryKey.columns) ||
      uniques.some((u) => leads(u.columns)) ||
      indexes.some(
        (i) => i.columns.every((c) => c.expression === undefined) && leads(i.columns.map((c) => c.column)),
      );
    if (covered) continue;
    indexes.push({
      name: constraintName(table, wanted, "idx"),
      columns: wanted.map((c) => indexColumn(c)),
      unique: false,
      reason: why,
    });
  }

  return {
    name: table,
    entity,
    columns,
    primaryKey,
    foreignKeys,
    uniques,
    checks,
    indexes: dropRedundantIndexes(indexes, primaryKey),
    crossServiceRefs,
    unenforcedRefs,
    partitioning,
    tenantColumn,
    projectionOf: undefined,
  };
}

function indexColumn(column: string): IndexColumn {
  return { column, direction: "asc", expression: undefined };
}

function keyColumn(entity: Entity, fieldName: string): string {
  const field = entity.fields.find((f) => f.name === fieldName);
  return columnName(fieldName, field !== undefined && Field.isRef(field));
}

/** An index whose columns are a leading prefix of another's (same directions) adds write cost and no reads. */
function dropRedundantIndexes(indexes: readonly Index[], primaryKey: UniqueConstraint): Index[] {
  const sameColumn = (a: IndexColumn, b: IndexColumn) =>
    a.column === b.column && a.direction === b.direction && a.expression === b.expression;
  const isPrefix = (short: readonly IndexColumn[], long: readonly IndexColumn[]) =>
    short.length <= long.length &&
    short.every((c, i) => {
      const other = long[i];
      return other !== undefined && sameColumn(c, other);
    });
  const pkColumns = primaryKey.columns.map((c) => indexColumn(c));
  const kept: Index[] = [];
  const byName = new Set<string>();
  for (const [i, index] of indexes.entries()) {
    if (index.unique) {
      kept.push(index);
      continue;
    }
    const redundant =
      isPrefix(index.columns, pkColumns) ||
      indexes.some(
        (other, j) =>
          j !== i &&
          isPrefix(index.columns, other.columns) &&
          (other.columns.length > index.columns.length || j < i),
      );
    if (redundant || byName.has(index.name)) continue;
    byName.add(index.name);
    kept.push(index);
  }
  return kept;
}

function scalarSqlType(entityName: string, field: ScalarField, enums: EnumType[]): string {
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

/** `<table>_<columns>_<suffix>`, PostgreSQL's own naming convention, shortened to fit 63 bytes deterministically. */
export function constraintName(table: string, columns: readonly string[], suffix: string): string {
  const full = [table, ...columns, suffix].join("_");
  if (full.length <= MAX_IDENTIFIER) return full;
  const tag = fnv1a(full).toString(36).slice(0, 6);
  return `${full.slice(0, MAX_IDENTIFIER - suffix.length - tag.length - 2)}_${tag}_${suffix}`;
}

/** Kahn's algorithm over in-service foreign keys; edges that close a cycle become ALTER TABLE statements. */
function orderByDependencies(tables: readonly Table[]): {
  ordered: Table[];
  deferred: { table: string; foreignKey: ForeignKey }[];
} {
  const ordered: Table[] = [];
  const deferred: { table: string; foreignKey: ForeignKey }[] = [];
  const placed = new Set<string>();
  const remaining = [...tables];
  while (remaining.length > 0) {
    const readyIndex = remaining.findIndex((t) =>
      t.foreignKeys.every(
        (fk) =>
          fk.refTable === t.name || placed.has(fk.refTable) || !tables.some((x) => x.name === fk.refTable),
      ),
    );
    const index = readyIndex === -1 ? 0 : readyIndex;
    const [table] = remaining.splice(index, 1);
    if (!table) break;
    if (readyIndex === -1) {
      const keep = table.foreignKeys.filter((fk) => fk.refTable === table.name || placed.has(fk.refTable));
      for (const fk of table.foreignKeys)
        if (!keep.includes(fk)) deferred.push({ table: table.name, foreignKey: fk });
      ordered.push({ ...table, foreignKeys: keep });
    } else {
      ordered.push(table);
    }
    placed.add(table.name);
  }
  return { ordered, deferred };
}

/**
 * Read-only copies of other services' tables that a hot use case of this service reads (see
 * analyzeIntegration's hot reads). Same key, the other service's plain columns (no secrets, no
 * personal data; enums as text, since their types live in the other database), no foreign keys,
 * an index per reference, and the source's timestamps plus when the copy was last applied.
 */
function projectionTables(model: Model, service: string, integration: Integration): Table[] {
  const byName = entitiesByName(model);
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

/** The column that scopes an entity's rows to a tenant, or undefined when it is not tenant-scoped. */
function tenantColumnOf(model: Model, entity: Entity): string | undefined {
  const tenant = model.tenancy?.entity;
  if (tenant === undefined || tenant === entity.name) return undefined;
  const declared = entity.fields.find((f) => Field.isRef(f) && f.target === tenant);
  return declared ? columnName(declared.name, true) : `${snakeCase(tenant)}_id`;
}
