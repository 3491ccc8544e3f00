import type { AccessMatrix } from "../../analyze/access/access-matrix.js";
import { personEntityOf } from "../../analyze/access/roles.js";
import { type Resource, successStatusOf } from "../../analyze/derive-resources.js";
import type { ServiceSchema } from "../../analyze/relational-schema.js";
import { ANONYMOUS_ACTOR, type Model, SYSTEM_ACTOR } from "../../model/index.js";
import type { JsonObject, JsonValue } from "./openapi-route-schema.js";
import { columnOfProperty } from "./service-operations.js";

/** What the generated scenario test needs to perform every use case as its actor. */
export interface ScenarioData {
  /** Role -> its person entity (the row a token's `sub` names). */
  readonly persons: Readonly<Record<string, string>>;
  readonly tenantEntity: string | undefined;
  /** Rows the test seeds directly, one per entity, with the design's example values. */
  readonly tables: readonly SeedTable[];
  /** Every table the test empties between use cases, schema-qualified. */
  readonly resetTables: readonly string[];
  readonly useCases: readonly UseCaseScenario[];
  readonly matrix: readonly {
    readonly operationId: string;
    readonly actor: string;
    readonly allowed: boolean;
  }[];
}

export interface SeedTable {
  readonly entity: string;
  readonly service: string;
  readonly table: string;
  readonly keyColumns: readonly string[];
  readonly columns: readonly SeedColumn[];
}

export interface SeedColumn {
  readonly name: string;
  /** The example value; refs name the entity whose seeded row they point at. */
  readonly value: JsonValue;
  readonly ref: string | undefined;
  readonly unique: boolean;
  readonly nullable: boolean;
  /** The property a request body names this column by. */
  readonly property: string | undefined;
}

export interface UseCaseScenario {
  readonly useCase: string;
  readonly actor: string;
  readonly operationId: string;
  readonly entity: string;
  readonly status: number;
  /** The OpenAPI request example. */
  readonly body: JsonValue | undefined;
}

function fallbackValue(sqlType: string, enumValues: ReadonlyMap<string, readonly string[]>): JsonValue {
  const values = enumValues.get(sqlType);
  if (values) return values[0] ?? null;
  if (sqlType === "boolean") return false;
  if (/^(integer|bigint|smallint|numeric|decimal|double|real)/.test(sqlType)) return 1;
  if (sqlType === "jsonb") return {};
  if (sqlType === "date") return "2026-03-01";
  if (sqlType === "timestamptz") return "2026-03-01T09:30:00Z";
  if (sqlType === "uuid") return null;
  return "seed";
}

function requestExample(
  document: JsonObject | undefined,
  path: string,
  method: string,
): JsonValue | undefined {
  const walk = (value: JsonValue | undefined, ...keys: string[]): JsonValue | undefined => {
    let node = value;
    for (const key of keys)
      node = node && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined;
    return node;
  };
  return walk(
    document,
    "paths",
    path,
    method,
    "requestBody",
    "content",
    "application/json",
    "examples",
    "default",
    "value",
  );
}

export function serviceScenarios(inputs: {
  readonly model: Model;
  readonly resources: readonly Resource[];
  readonly matrix: AccessMatrix;
  readonly schemas: readonly ServiceSchema[];
  readonly openapi: ReadonlyMap<string, JsonObject>;
}): ScenarioData {
  const { model, resources, schemas } = inputs;
  const persons: Record<string, string> = {};
  for (const role of model.security.roles) {
    const person = personEntityOf(model, role);
    if (person) persons[role] = person.name;
  }
  const tables: SeedTable[] = [];
  const resetTables: string[] = [];
  for (const schema of schemas) {
    const enumValues = new Map(schema.enums.map((e) => [e.name, e.values]));
    for (const table of schema.tables) {
      resetTables.push(`"${schema.service}"."${table.name}"`);
      if (table.projectionOf) continue;
      const resource = resources.find((r) => r.entity.name === table.entity.name);
      const propertyOf = (column: string) =>
        resource?.properties.find((p) => columnOfProperty(table, p)?.name === column);
      const refOf = (column: string): string | undefined => {
        if (column === table.tenantColumn) return model.tenancy?.entity;
        const col = table.columns.find((c) => c.name === column);
        return col?.origin.kind === "field" && col.origin.field.kind === "ref"
          ? col.origin.field.target
          : undefined;
      };
      const uniqueColumns = new Set(
        table.uniques.filter((u) => u.columns.length === 1).flatMap((u) => u.columns),
      );
      for (const index of table.indexes)
        if (index.unique && index.columns.length <= 2)
          for (const c of index.columns) if (c.column !== table.tenantColumn) uniqueColumns.add(c.column);
      // A unique tuple such as (customer, order) holds for new rows when its own values vary: a
      // reference points at the one seeded row, so the tuple's other columns get distinct values.
      for (const u of table.uniques)
        if (u.columns.length > 1) for (const c of u.columns) if (refOf(c) === undefined) uniqueColumns.add(c);
      const columns: SeedColumn[] = table.columns
        .filter((c) => c.origin.kind === "field" || c.origin.kind === "tenant")
        .map((c) => {
          const property = propertyOf(c.name);
          const example = property?.example as JsonValue | undefined;
          return {
            name: c.name,
            value: example ?? fallbackValue(c.sqlType, enumValues),
            ref: refOf(c.name),
            unique: uniqueColumns.has(c.name),
            nullable: c.nullable,
            property: property?.name,
          };
        });
      tables.push({
        entity: table.entity.name,
        service: schema.service,
        table: table.name,
        keyColumns: table.primaryKey.columns.filter((c) => c !== table.tenantColumn && c !== "created_at"),
        columns,
      });
    }
    if (schema.messaging.outbox) resetTables.push(`"${schema.service}"."outbox"`);
    if (schema.messaging.inbox) resetTables.push(`"${schema.service}"."processed_events"`);
  }
  resetTables.push(`"archwright_runtime"."idempotency_keys"`);

  const useCases: UseCaseScenario[] = [];
  for (const useCase of model.useCases) {
    const stated = useCase.operation;
    if (!stated) continue;
    const resource = resources.find((r) => r.entity.name === stated.entity);
    const op = resource?.operations.find((o) => o.kind === stated.kind && o.useCases.includes(useCase.name));
    if (!resource || !op) continue;
    for (const actor of useCase.actors) {
      if (actor === SYSTEM_ACTOR) continue;
      const [status] = successStatusOf(op);
      useCases.push({
        useCase: useCase.name,
        actor: actor === ANONYMOUS_ACTOR ? "anonymous" : actor,
        operationId: op.operationId,
        entity: resource.entity.name,
        status,
        body: requestExample(inputs.openapi.get(resource.service), op.path, op.method),
      });
    }
  }
  const matrix = inputs.matrix.rows.flatMap((row) =>
    row.cells.map((cell) => ({ operationId: row.operationId, actor: cell.actor, allowed: cell.allowed })),
  );
  return { persons, tenantEntity: model.tenancy?.entity, tables, resetTables, useCases, matrix };
}
