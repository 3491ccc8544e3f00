import type { Span } from "@opentelemetry/api";
import type { Caller } from "./auth.js";
import type { Database, Row, Sql } from "./database.js";
import type { OperationSpec, PropertySpec, SagaSpec, ServiceSpec } from "./design-types.js";
import { expiredBefore } from "./idempotency.js";
import { writeOutbox } from "./outbox.js";
import { decodeCursor, encodeCursor, type SortOrder, sortOrder } from "./pagination.js";
import { HttpProblem } from "./problem.js";
import { startSaga } from "./saga.js";
import { tracedSql } from "./telemetry.js";

export interface OperationRequest {
  readonly caller: Caller | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>> | undefined;
  readonly idempotencyKey: string | undefined;
  /** The request's span: statements become its children. */
  readonly span?: Span | undefined;
}

export interface OperationResult {
  readonly status: number;
  readonly body?: unknown;
  readonly location?: string;
  /** True when the answer is the stored first response to this Idempotency-Key. */
  readonly replayed?: boolean;
}

export type OperationHandler = (request: OperationRequest) => Promise<OperationResult>;

export interface OperationContext {
  readonly db: Database;
  readonly services: ReadonlyMap<string, ServiceSpec>;
  /** The design's sagas: a `.requested` event starts its saga's state row in the same transaction. */
  readonly sagas: readonly SagaSpec[];
  /** Called after a transaction that wrote outbox events commits (wakes the relay). */
  readonly onEventsCommitted: () => void;
  /** How long an Idempotency-Key replays its first response; after that it is a fresh request. */
  readonly idempotencyWindowMs: number;
}

/** Collects positional parameters while a statement is assembled. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function selectList(properties: readonly PropertySpec[]): string {
  return properties
    .map((p) => {
      const column = q(p.column);
      if (p.read === "date") return `to_char(${column}, 'YYYY-MM-DD') AS ${q(p.name)}`;
      if (p.read === "text") return `${column}::text AS ${q(p.name)}`;
      return `${column} AS ${q(p.name)}`;
    })
    .join(", ");
}

function toJson(row: Row, properties: readonly PropertySpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    const value = row[p.name];
    if (value === undefined) continue;
    out[p.name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * The access matrix cell of this caller: 401 without a token where anonymous callers are refused,
 * 403 for a role the design does not allow. The row condition it returns is part of every query, so
 * rows outside it are never read or written (they answer 404).
 */
function rowCondition(op: OperationSpec, caller: Caller | undefined, params: Params): string {
  const condition = caller === undefined ? op.access.anonymous : op.access[caller.role];
  if (condition === undefined) {
    if (caller === undefined) throw new HttpProblem(401, "This operation needs a bearer token.");
    throw new HttpProblem(403, `The role \`${caller.role}\` may not call ${op.operationId}.`);
  }
  const parts = [`(${bindCaller(condition, caller, params)})`];
  if (op.tenantColumn !== undefined) parts.push(`${q(op.tenantColumn)} = ${params.add(tenantOf(caller))}`);
  return parts.join(" AND ");
}

function bindCaller(condition: string, caller: Caller | undefined, params: Params): string {
  return condition.replace(/(?<![:\w]):caller\b/g, () => {
    if (caller === undefined) throw new HttpProblem(401, "This operation needs a bearer token.");
    return params.add(caller.person);
  });
}

function tenantOf(caller: Caller | undefined): string {
  if (caller === undefined) throw new HttpProblem(401, "This operation needs a bearer token.");
  if (caller.tenant === undefined) throw new HttpProblem(403, "The token names no tenant.");
  return caller.tenant;
}

function keyCondition(op: OperationSpec, request: OperationRequest, params: Params): string {
  return op.pathColumns.map((c) => `${q(c.column)} = ${params.add(request.params[c.param])}`).join(" AND ");
}

function columnOf(op: OperationSpec, property: string): string {
  const found = op.properties.find((p) => p.name === property);
  if (!found) throw new HttpProblem(400, `Unknown property \`${property}\`.`);
  return found.column;
}

/** `fields=`: only the named properties, and always `id`. */
function requested(op: OperationSpec, request: OperationRequest): readonly PropertySpec[] {
  const fields = request.query.fields;
  if (!Array.isArray(fields)) return op.properties;
  return op.properties.filter((p) => p.name === "id" || fields.includes(p.name));
}

async function list(op: OperationSpec, request: OperationRequest, sql: Sql): Promise<OperationResult> {
  const params = new Params();
  const properties = requested(op, request);
  const where = [rowCondition(op, request.caller, params)];
  if (op.feed !== undefined) where.push(`(${bindCaller(op.feed, request.caller, params)})`);
  for (const f of op.filters) {
    const value = request.query[f.param];
    if (value !== undefined) where.push(`${q(f.column)} = ${params.add(value)}`);
  }
  const sortValue = typeof request.query.sort === "string" ? request.query.sort : (op.sorts[0] ?? "id");
  const order: SortOrder = sortOrder(
    sortValue,
    (name) => columnOf(op, name),
    op.keyColumns,
    // Key columns (a uuid, an integer, text) come back as exact strings or numbers.
    (column) =>
      op.keyColumns.includes(column) && op.properties.find((p) => p.column === column)?.read === "plain",
  );
  const cursor = typeof request.query.cursor === "string" ? decodeCursor(request.query.cursor) : undefined;
  if (cursor) where.push(order.after(cursor, (v) => params.add(v)));
  const limit = typeof request.query.limit === "number" ? request.query.limit : 20;
  const rows = await sql.query(
    `SELECT ${selectList(properties)}, ${order.cursorColumns} FROM ${q(op.table)} WHERE ${where.join(" AND ")} ORDER BY ${order.orderBy} LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(order.cursorOf(last)) : null;
  return { status: op.status, body: { data: page.map((r) => toJson(r, properties)), nextCursor } };
}

async function get(op: OperationSpec, request: OperationRequest, sql: Sql): Promise<OperationResult> {
  const params = new Params();
  const condition = rowCondition(op, request.caller, params);
  const rows = await sql.query(
    `SELECT ${selectList(op.properties)} FROM ${q(op.table)} WHERE ${keyCondition(op, request, params)} AND ${condition}`,
    params.values,
  );
  const row = rows[0];
  if (!row) throw new HttpProblem(404, "No resource exists with this id.");
  if (op.kind === "redirect") {
    const target = op.redirectColumn
      ? row[op.properties.find((p) => p.column === op.redirectColumn)?.name ?? ""]
      : undefined;
    if (typeof target !== "string") throw new HttpProblem(404, "This resource has nowhere to redirect to.");
    return { status: op.status, location: target };
  }
  return { status: op.status, body: toJson(row, requested(op, request)) };
}

async function create(
  op: OperationSpec,
  request: OperationRequest,
  sql: Sql,
  context: OperationContext,
): Promise<OperationResult> {
  // The access cell is checked first, so a refused caller learns nothing from validation.
  rowCondition(op, request.caller, new Params());
  const params = new Params();
  const columns: string[] = [];
  const values: string[] = [];
  for (const [name, value] of Object.entries(request.body ?? {})) {
    if (op.callerProperties.includes(name)) continue;
    columns.push(q(columnOf(op, name)));
    values.push(params.add(typeof value === "object" && value !== null ? JSON.stringify(value) : value));
  }
  for (const name of op.callerProperties) {
    columns.push(q(columnOf(op, name)));
    values.push(params.add(request.caller?.person));
  }
  if (op.tenantColumn !== undefined) {
    columns.push(q(op.tenantColumn));
    values.push(params.add(tenantOf(request.caller)));
  }
  for (const fill of op.serverSet) {
    const column = q(fill.column);
    if (columns.includes(column)) continue;
    if ("literal" in fill.value) {
      columns.push(column);
      values.push(params.add(fill.value.literal));
      continue;
    }
    const scope = fill.value.next.map((c) => {
      const at = columns.indexOf(q(c));
      return at < 0 ? undefined : `${q(c)} = ${values[at]}`;
    });
    if (scope.some((s) => s === undefined)) continue;
    columns.push(column);
    values.push(
      `(SELECT COALESCE(MAX(${column}), 0) + 1 FROM ${q(op.table)}${scope.length > 0 ? ` WHERE ${scope.join(" AND ")}` : ""})`,
    );
  }
  // The new row must be one the caller may write: its owner is the caller, and each reference names
  // a row the caller may read. The condition is checked on the inserted row in the same statement,
  // which fails (SQLSTATE AW403) when it does not hold, so the row is never kept: a create with no
  // event to publish is one statement and needs no BEGIN/COMMIT around it.
  const allowed = await sql.query(
    `WITH ${q(op.table)} AS (INSERT INTO ${q(op.table)} (${columns.join(", ")}) VALUES (${values.join(", ")}) RETURNING *)
     SELECT ${selectList(op.properties)}, ${op.keyColumns.map((c, i) => `${q(c)} AS "__key${i}"`).join(", ")},
       CASE WHEN ${rowCondition(op, request.caller, params)} THEN true ELSE archwright_runtime.refuse('The new row names a row the caller may not use.') END AS "__allowed"
     FROM ${q(op.table)}`,
    params.values,
  );
  const row = allowed[0];
  if (!row) throw new HttpProblem(403, "The new row names a row the caller may not use.");
  const key = Object.fromEntries(op.keyColumns.map((c, i) => [c, row[`__key${i}`]]));
  const body = toJson(row, op.properties);
  await publish(op, body, sql, context);
  const location = `${op.url.replace(/\/:.*$/, "")}/${op.keyColumns.map((c) => String(key[c])).join("/")}`;
  return { status: op.status, body, location };
}

async function change(
  op: OperationSpec,
  request: OperationRequest,
  sql: Sql,
  context: OperationContext,
): Promise<OperationResult> {
  const params = new Params();
  const condition = rowCondition(op, request.caller, params);
  const where = [keyCondition(op, request, params), condition];
  const sets: string[] = [];
  if (op.kind === "command" && op.transition) {
    const t = op.transition;
    sets.push(`${q(t.column)} = ${params.add(t.to)}`);
    if (t.assignsCaller) sets.push(`${q(t.assignsCaller)} = ${params.add(request.caller?.person)}`);
    where.push(`${q(t.column)}::text IN (${t.from.map((s) => params.add(s)).join(", ")})`);
  } else {
    for (const [name, value] of Object.entries(request.body ?? {})) {
      const column = columnOf(op, name);
      if (column === op.versionColumn) continue;
      sets.push(
        `${q(column)} = ${params.add(typeof value === "object" && value !== null ? JSON.stringify(value) : value)}`,
      );
    }
  }
  const version = op.versionColumn ? request.body?.[columnPropertyOf(op, op.versionColumn)] : undefined;
  if (op.versionColumn && (op.kind === "update" || op.kind === "command")) {
    sets.push(`${q(op.versionColumn)} = ${q(op.versionColumn)} + 1`);
    if (version !== undefined) where.push(`${q(op.versionColumn)} = ${params.add(version)}`);
  }
  const rows = await sql.query(
    `UPDATE ${q(op.table)} SET ${sets.join(", ")} WHERE ${where.join(" AND ")} RETURNING ${selectList(op.properties)}`,
    params.values,
  );
  const row = rows[0];
  if (!row) {
    // Tell a stale version or a wrong state (409) from a row the caller cannot reach (404).
    const probe = new Params();
    const reachable = await sql.query(
      `SELECT 1 FROM ${q(op.table)} WHERE ${keyCondition(op, request, probe)} AND ${rowCondition(op, request.caller, probe)}`,
      probe.values,
    );
    if (reachable.length === 0) throw new HttpProblem(404, "No resource exists with this id.");
    throw new HttpProblem(
      409,
      op.kind === "command"
        ? "The resource is not in a state this command starts from."
        : "The version is stale.",
    );
  }
  const body = toJson(row, op.properties);
  await publish(op, body, sql, context);
  return { status: op.status, body };
}

function columnPropertyOf(op: OperationSpec, column: string): string {
  return op.properties.find((p) => p.column === column)?.name ?? column;
}

async function remove(
  op: OperationSpec,
  request: OperationRequest,
  sql: Sql,
  context: OperationContext,
): Promise<OperationResult> {
  const params = new Params();
  const condition = rowCondition(op, request.caller, params);
  const rows = await sql.query(
    `DELETE FROM ${q(op.table)} WHERE ${keyCondition(op, request, params)} AND ${condition} RETURNING ${selectList(op.properties)}`,
    params.values,
  );
  const row = rows[0];
  if (!row) throw new HttpProblem(404, "No resource exists with this id.");
  await publish(op, toJson(row, op.properties), sql, context);
  return { status: op.status };
}

async function publish(
  op: OperationSpec,
  row: Record<string, unknown>,
  sql: Sql,
  context: OperationContext,
): Promise<void> {
  if (op.events.length === 0) return;
  const aggregateKey =
    op.keyColumns.length === 1
      ? String(row[columnPropertyOf(op, op.keyColumns[0] ?? "id")])
      : JSON.stringify(op.keyColumns.map((c) => row[columnPropertyOf(op, c)]));
  for (const event of op.events) {
    const payload = await writeOutbox(sql, event, aggregateKey, row);
    const saga = event.saga === undefined ? undefined : context.sagas.find((s) => s.name === event.saga);
    if (saga) await startSaga(sql, saga, String(payload.sagaId), aggregateKey);
  }
  context.onEventsCommitted();
}

/**
 * The generated implementation of one operation: one transaction (or one statement, when that is
 * all it runs), the access cell in its SQL.
 */
export function generatedHandler(op: OperationSpec, context: OperationContext): OperationHandler {
  const service = context.services.get(op.service);
  const searchPath = service?.searchPath ?? [op.service];
  return async (request) => {
    if (op.kind === "sign-in")
      throw new HttpProblem(
        501,
        "Sign-in belongs to the identity provider; this service verifies its tokens (the development issuer signs test tokens).",
      );
    const tenant = request.caller?.tenant;
    const run = (body: (sql: Sql) => Promise<OperationResult>) =>
      context.db.transaction({ searchPath, tenant }, (sql) => body(tracedSql(sql, request.span)));
    const read = (body: (sql: Sql) => Promise<OperationResult>) =>
      context.db.read({ searchPath, tenant }, (sql) => body(tracedSql(sql, request.span)));
    switch (op.kind) {
      case "list":
      case "feed":
        return read((sql) => list(op, request, sql));
      case "get":
      case "redirect":
        return read((sql) => get(op, request, sql));
      case "create":
        return withIdempotency(op, request, context, (sql) =>
          create(op, request, tracedSql(sql, request.span), context),
        );
      case "update":
      case "command":
        return run((sql) => change(op, request, sql, context));
      case "delete":
        return run((sql) => remove(op, request, sql, context));
    }
  };
}

/**
 * A create with an `Idempotency-Key` stores its response in the same transaction as its row, so a
 * retry (or a concurrent duplicate, which loses on the key's primary key) gets the first response.
 * A key stored longer ago than the replay window is not replayed: its row is replaced.
 */
async function withIdempotency(
  op: OperationSpec,
  request: OperationRequest,
  context: OperationContext,
  body: (sql: Sql) => Promise<OperationResult>,
): Promise<OperationResult> {
  const service = context.services.get(op.service);
  const searchPath = service?.searchPath ?? [op.service];
  const tenant = request.caller?.tenant;
  const key = op.idempotent ? request.idempotencyKey : undefined;
  if (key === undefined)
    return op.events.length === 0
      ? context.db.read({ searchPath, tenant }, body)
      : context.db.transaction({ searchPath, tenant }, body);
  const caller = request.caller?.person ?? "anonymous";
  const stored = (sql: Sql) =>
    sql.query<{ status: number; body: unknown; location: string | null }>(
      `SELECT status, body, location FROM archwright_runtime.idempotency_keys WHERE operation = $1 AND caller = $2 AND key = $3 AND NOT (${expiredBefore(4)})`,
      [op.operationId, caller, key, context.idempotencyWindowMs],
    );
  const replay = (rows: { status: number; body: unknown; location: string | null }[]) => {
    const first = rows[0];
    return first
      ? {
          status: first.status,
          body: first.body ?? undefined,
          ...(first.location ? { location: first.location } : {}),
          replayed: true,
        }
      : undefined;
  };
  try {
    return await context.db.transaction({ searchPath, tenant }, async (sql) => {
      const earlier = replay(await stored(sql));
      if (earlier) return earlier;
      const result = await body(sql);
      await sql.query(
        `DELETE FROM archwright_runtime.idempotency_keys WHERE operation = $1 AND caller = $2 AND key = $3 AND ${expiredBefore(4)}`,
        [op.operationId, caller, key, context.idempotencyWindowMs],
      );
      await sql.query(
        "INSERT INTO archwright_runtime.idempotency_keys (operation, caller, key, status, body, location) VALUES ($1, $2, $3, $4, $5, $6)",
        [
          op.operationId,
          caller,
          key,
          result.status,
          JSON.stringify(result.body ?? null),
          result.location ?? null,
        ],
      );
      return result;
    });
  } catch (error) {
    const earlier = replay(await context.db.transaction({ searchPath, tenant }, stored));
    if (earlier) return earlier;
    throw error;
  }
}
