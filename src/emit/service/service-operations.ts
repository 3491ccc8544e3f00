import type { AccessMatrix } from "../../analyze/access/access-matrix.js";
import {
  type ApiProperty,
  type Resource,
  type ResourceOperation,
  successStatusOf,
} from "../../analyze/derive-resources.js";
import type { Integration } from "../../analyze/integration.js";
import { camelCase, columnName, tableName } from "../../analyze/naming.js";
import type { Column, ServiceSchema, Table } from "../../analyze/relational-schema.js";
import type { Model } from "../../model/index.js";
import { type JsonObject, type JsonValue, type RouteSchema, routeSchema } from "./openapi-route-schema.js";

/** The data the service runtime serves one operation from (mirrors its `OperationSpec`). */
export interface OperationData {
  readonly operationId: string;
  readonly service: string;
  readonly kind: ResourceOperation["kind"] | "sign-in";
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly url: string;
  readonly table: string;
  readonly status: number;
  readonly pathColumns: readonly { readonly param: string; readonly column: string }[];
  readonly keyColumns: readonly string[];
  readonly properties: readonly { readonly name: string; readonly column: string; readonly read: string }[];
  readonly callerProperties: readonly string[];
  readonly tenantColumn: string | undefined;
  readonly access: Readonly<Record<string, string>>;
  readonly filters: readonly { readonly param: string; readonly column: string }[];
  readonly sorts: readonly string[];
  readonly feed: string | undefined;
  readonly transition:
    | {
        readonly column: string;
        readonly from: readonly string[];
        readonly to: string;
        readonly assignsCaller: string | undefined;
      }
    | undefined;
  readonly redirectColumn: string | undefined;
  readonly versionColumn: string | undefined;
  readonly serverSet: readonly {
    readonly column: string;
    readonly value: { readonly literal: string | number | boolean } | { readonly next: readonly string[] };
  }[];
  readonly idempotent: boolean;
  readonly writeRoles?: Readonly<Record<string, readonly string[]>>;
  readonly events: readonly EventWriteData[];
  readonly schema: RouteSchema;
}

export interface EventWriteData {
  readonly name: string;
  readonly saga?: string;
  readonly fields: readonly {
    readonly name: string;
    readonly from:
      | { readonly row: string }
      | { readonly now: true }
      | { readonly newId: true }
      | { readonly value: string };
  }[];
}

export interface OperationInputs {
  readonly model: Model;
  readonly resources: readonly Resource[];
  readonly matrix: AccessMatrix;
  readonly schemas: readonly ServiceSchema[];
  readonly integration: Integration;
  /** Service -> its OpenAPI document as plain data. */
  readonly openapi: ReadonlyMap<string, JsonObject>;
}

const fastifyPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ":$1");

export function entityTable(schemas: readonly ServiceSchema[], entity: string): Table | undefined {
  for (const schema of schemas)
    for (const table of schema.tables) if (table.entity.name === entity && !table.projectionOf) return table;
  return undefined;
}

/** The column a JSON property is stored in. */
export function columnOfProperty(table: Table, property: ApiProperty): Column | undefined {
  const field = property.field;
  if (field)
    return table.columns.find((c) => c.origin.kind === "field" && c.origin.field.name === field.name);
  const origin = { id: "id", createdAt: "created-at", updatedAt: "updated-at", version: "version" }[
    property.name
  ];
  return table.columns.find((c) => c.origin.kind === origin);
}

function readOf(column: Column): string {
  if (column.sqlType === "date") return "date";
  if (column.sqlType === "timestamptz") return "timestamp";
  if (/^(numeric|decimal)/.test(column.sqlType)) return "text";
  return "plain";
}

function openapiOperation(document: JsonObject | undefined, path: string, method: string): JsonObject {
  const paths = document?.paths;
  const item = paths && typeof paths === "object" && !Array.isArray(paths) ? paths[path] : undefined;
  const op = item && typeof item === "object" && !Array.isArray(item) ? item[method] : undefined;
  if (!op || typeof op !== "object" || Array.isArray(op))
    throw new Error(`no OpenAPI operation ${method} ${path}`);
  return op;
}

function hasIdempotencyKey(operation: JsonObject): boolean {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  return parameters.some(
    (p) =>
      typeof p === "object" &&
      p !== null &&
      !Array.isArray(p) &&
      (p.$ref === "#/components/parameters/IdempotencyKey" || p.name === "Idempotency-Key"),
  );
}

/** Every operation of the design, in the access matrix's order, as the runtime's data. */
export function serviceOperations(inputs: OperationInputs): OperationData[] {
  const byOperation = new Map(inputs.matrix.rows.map((r) => [r.operationId, r]));
  const out: OperationData[] = [];
  const accessOf = (operationId: string): Record<string, string> => {
    const access: Record<string, string> = {};
    for (const cell of byOperation.get(operationId)?.cells ?? [])
      if (cell.allowed) access[cell.actor] = cell.filter ?? "true";
    return access;
  };
  const resourceOps = new Set<string>();
  for (const resource of inputs.resources) {
    const table = entityTable(inputs.schemas, resource.entity.name);
    if (!table) continue;
    const document = inputs.openapi.get(resource.service);
    const columnOf = (name: string): string => {
      const property = resource.properties.find((p) => p.name === name);
      const column = property ? columnOfProperty(table, property) : undefined;
      if (!column) throw new Error(`${resource.entity.name}.${name} has no column`);
      return column.name;
    };
    const properties = resource.properties.flatMap((p) => {
      const column = columnOfProperty(table, p);
      return column && !(p.field?.secret ?? false)
        ? [{ name: p.name, column: column.name, read: readOf(column) }]
        : [];
    });
    const keyColumns = resource.pathParameters.map((p) => columnOf(p.property.name));
    for (const op of resource.operations) {
      resourceOps.add(op.operationId);
      const operation = openapiOperation(document, op.path, op.method);
      const params = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
      const pathColumns = params.map((param) => {
        const key = resource.pathParameters.find((p) => p.name === param);
        return { param, column: columnOf(key ? key.property.name : (op.lookupBy?.name ?? param)) };
      });
      out.push({
        operationId: op.operationId,
        service: resource.service,
        kind: op.kind,
        method: op.method.toUpperCase() as OperationData["method"],
        url: fastifyPath(op.path),
        table: table.name,
        status: successStatusOf(op)[0],
        pathColumns,
        keyColumns,
        properties,
        callerProperties: resource.properties.filter((p) => p.tokenSet).map((p) => p.name),
        tenantColumn: table.tenantColumn,
        access: accessOf(op.operationId),
        filters: op.filters.map((f) => ({ param: f.name, column: columnOf(f.name) })),
        sorts: op.sorts,
        feed: op.kind === "feed" ? feedCondition(inputs, resource, op, columnOf) : undefined,
        transition: op.transition
          ? {
              column: columnOf(op.transition.field),
              from: op.transition.from,
              to: op.transition.to,
              assignsCaller: op.transition.assigns ? columnOf(op.transition.assigns) : undefined,
            }
          : undefined,
        redirectColumn: op.redirectTo ? columnOf(op.redirectTo) : undefined,
        versionColumn: table.columns.find((c) => c.origin.kind === "version")?.name,
        serverSet: op.kind === "create" ? serverSetColumns(table, resource) : [],
        idempotent: hasIdempotencyKey(operation),
        ...writeRolesOf(resource, op),
        events: eventsOf(inputs, resource, op),
        schema: sparseFieldsets(routeSchema(document ?? {}, operation)),
      });
    }
  }
  // Sign-in operations belong to the identity provider: routed, validated, answered 501.
  for (const row of inputs.matrix.rows) {
    if (resourceOps.has(row.operationId)) continue;
    const operation = openapiOperation(inputs.openapi.get(row.service), row.path, row.method.toLowerCase());
    out.push({
      operationId: row.operationId,
      service: row.service,
      kind: "sign-in",
      method: row.method as OperationData["method"],
      url: fastifyPath(row.path),
      table: "",
      status: 501,
      pathColumns: [],
      keyColumns: [],
      properties: [],
      callerProperties: [],
      tenantColumn: undefined,
      access: accessOf(row.operationId),
      filters: [],
      sorts: [],
      feed: undefined,
      transition: undefined,
      redirectColumn: undefined,
      versionColumn: undefined,
      serverSet: [],
      idempotent: false,
      events: [],
      schema: routeSchema(inputs.openapi.get(row.service) ?? {}, operation),
    });
  }
  return out;
}

/**
 * With `fields=`, a representation holds only the named properties and `id`, so the response
 * schema of such an operation requires only `id`: the contract's schema lists every property as
 * required, which a sparse fieldset cannot meet. Types and formats are still checked.
 */
/** Privileged properties of a create or update: only these roles may send them. */
function writeRolesOf(
  resource: Resource,
  op: ResourceOperation,
): { writeRoles?: Record<string, readonly string[]> } {
  if (op.kind !== "create" && op.kind !== "update") return {};
  const roles = Object.fromEntries(
    resource.properties.flatMap((p) => (p.writeRoles ? [[p.name, p.writeRoles] as const] : [])),
  );
  return Object.keys(roles).length > 0 ? { writeRoles: roles } : {};
}

function sparseFieldsets(schema: RouteSchema): RouteSchema {
  // fast-json-stringify writes a property's `default` when the value is missing; in a response a
  // default only documents what the server stores, so it goes.
  for (const [status, response] of Object.entries(schema.response))
    schema.response[status] = withoutDefaults(response);
  const query = schema.querystring?.properties;
  const ok = schema.response["200"];
  if (!ok || !query || typeof query !== "object" || Array.isArray(query) || !("fields" in query))
    return schema;
  const data =
    ok.properties && typeof ok.properties === "object" && !Array.isArray(ok.properties)
      ? ok.properties.data
      : undefined;
  const items =
    data &&
    typeof data === "object" &&
    !Array.isArray(data) &&
    data.items &&
    typeof data.items === "object" &&
    !Array.isArray(data.items)
      ? data.items
      : undefined;
  if (items) items.required = ["id"];
  else ok.required = ["id"];
  return schema;
}

function withoutDefaults(schema: JsonObject): JsonObject {
  // `names`: the object maps property names (a property may be called `default`).
  const strip = (value: JsonValue, names = false): JsonValue => {
    if (Array.isArray(value)) return value.map((v) => strip(v));
    if (value === null || typeof value !== "object") return value;
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value))
      if (names || key !== "default") out[key] = strip(v, !names && key === "properties");
    return out;
  };
  return strip(schema) as JsonObject;
}

/** feed: `on IN (SELECT match FROM via WHERE caller = :caller)`, on the local projection when there is one. */
function feedCondition(
  inputs: OperationInputs,
  resource: Resource,
  op: ResourceOperation,
  columnOf: (property: string) => string,
): string | undefined {
  const stated = inputs.model.useCases
    .map((u) => u.operation)
    .find((o) => o?.kind === "feed" && o.entity === resource.entity.name && op.useCases.length > 0);
  if (stated?.kind !== "feed" || !op.feed) return undefined;
  const via = tableName(stated.via);
  const own = inputs.schemas.find((s) => s.service === resource.service);
  const projection = own?.tables.find((t) => t.projectionOf?.table === via);
  const source = projection ? projection.name : via;
  return `${columnOf(op.feed.on)} IN (SELECT ${columnName(stated.match, true)} FROM ${source} WHERE ${columnName(stated.caller, true)} = :caller)`;
}

/** NOT NULL columns without a default that no client sends: the server fills them on create. */
function serverSetColumns(table: Table, resource: Resource): OperationData["serverSet"] {
  const sent = new Set(
    resource.properties
      .filter((p) => p.creatable || p.tokenSet)
      .flatMap((p) => {
        const c = columnOfProperty(table, p);
        return c ? [c.name] : [];
      }),
  );
  return table.columns.flatMap((c): OperationData["serverSet"] => {
    if (c.nullable || c.default !== undefined || sent.has(c.name) || c.name === table.tenantColumn) return [];
    if (c.origin.kind !== "field") return [];
    const field = c.origin.field;
    if (field.kind === "scalar" && field.values.length > 0)
      return [{ column: c.name, value: { literal: field.values[0] ?? "" } }];
    if (c.sqlType === "integer" || c.sqlType === "bigint") {
      const group = table.uniques.find((u) => u.columns.includes(c.name));
      return [{ column: c.name, value: { next: (group?.columns ?? []).filter((n) => n !== c.name) } }];
    }
    if (/^(numeric|decimal|double|real)/.test(c.sqlType)) return [{ column: c.name, value: { literal: 0 } }];
    if (c.sqlType === "text") return [{ column: c.name, value: { literal: "pending" } }];
    return [];
  });
}

function eventsOf(inputs: OperationInputs, resource: Resource, op: ResourceOperation): EventWriteData[] {
  const change = { create: "created", update: "updated", command: "updated", delete: "deleted" }[
    op.kind as string
  ];
  const events = inputs.integration.events.filter(
    (e) => e.producer === resource.service && e.entity === resource.entity.name && e.change === change,
  );
  const saga = op.async ? inputs.integration.sagas.find((s) => op.useCases.includes(s.useCase)) : undefined;
  const requested = saga
    ? inputs.integration.events.filter(
        (e) => e.change === "saga" && saga.events.includes(e.name) && e.name.endsWith(".requested"),
      )
    : [];
  const ownId = `${camelCase(resource.entity.name)}Id`;
  return [...events, ...requested].map((e) => ({
    name: e.name,
    ...(saga && requested.includes(e) ? { saga: saga.name } : {}),
    fields: e.payload.map((f) => ({
      name: f.name,
      from:
        f.name === "occurredAt"
          ? { now: true as const }
          : f.name === "sagaId"
            ? { newId: true as const }
            : f.name === "useCase" && saga
              ? { value: saga.useCase }
              : f.name === ownId
                ? { row: "id" }
                : { row: f.name },
    })),
  }));
}
