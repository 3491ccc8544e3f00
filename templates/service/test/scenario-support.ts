import { randomUUID } from "node:crypto";
import pg from "pg";
import { pino } from "pino";
import { DESIGN } from "../src/generated/design.js";
import { MIGRATIONS } from "../src/generated/migrations.js";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { extensions } from "../src/handlers/index.js";
import { buildService, type RateLimitOptions, type Service } from "../src/runtime/app.js";
import { type Authenticator, createAuthenticator } from "../src/runtime/auth.js";
import { type Database, openPglite, openPostgres } from "../src/runtime/database.js";
import type { OperationSpec } from "../src/runtime/design-types.js";
import type { Extensions } from "../src/runtime/extensions.js";
import { migrate } from "../src/runtime/migrate.js";
import type { JsonValue, SeedTable, UseCaseScenario } from "../src/runtime/scenario-types.js";

export interface Harness {
  readonly service: Service;
  readonly db: Database;
  readonly auth: Authenticator;
  readonly seeds: Seeder;
  /** Stops the service and drops the test database, if one was created. */
  close(): Promise<void>;
}

/**
 * With DATABASE_URL, a fresh database on that server for this test file (dropped at the end);
 * without it, an in-memory PGlite.
 */
async function testDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: await openPglite(), drop: async () => undefined };
  const name = `service_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.toString(), 8);
  return {
    db,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** The service with the development issuer on a test database; the relay starts only when asked. */
export async function startHarness(
  options: {
    readonly rateLimit?: RateLimitOptions;
    readonly idempotencySweep?: { readonly everyMs: number; readonly batchSize: number };
    /** Instead of src/handlers/ (a test registering its own saga steps, for instance). */
    readonly extensions?: Extensions;
  } = {},
): Promise<Harness> {
  const { db, drop } = await testDatabase();
  await migrate(db, MIGRATIONS);
  const auth = await createAuthenticator({});
  const service = await buildService({
    design: DESIGN,
    db,
    auth,
    logger: pino({ level: "silent" }),
    extensions: options.extensions ?? extensions,
    relay: false,
    // Unless asked, tests sweep expired Idempotency-Keys themselves (IdempotencySweeper.sweep()).
    idempotencySweep: options.idempotencySweep ?? false,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  await service.app.ready();
  return {
    service,
    db,
    auth,
    seeds: new Seeder(db),
    close: async () => {
      await service.close();
      await drop();
    },
  };
}

export function operation(id: string): OperationSpec {
  const op = DESIGN.operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
}

const searchPathOf = (service: string): string[] =>
  DESIGN.services.find((s) => s.name === service)?.searchPath.slice() ?? [service];

/**
 * Seeds rows straight into the database with the design's example values: the caller's own person
 * row (P), another person (Q), the tenant, and one row per entity a request needs, each pointing at
 * rows seeded before it. The first reference to a person names P, the others Q.
 */
export class Seeder {
  readonly #rows = new Map<string, Record<string, unknown>>();
  #counter = 0;
  caller = "";
  other = "";
  tenant: string | undefined;
  #person = "";

  constructor(private readonly db: Database) {}

  async reset(personEntity: string | undefined): Promise<void> {
    const tables = SCENARIOS.resetTables.join(", ");
    await this.db.transaction({ searchPath: ["public"] }, (sql) => sql.query(`TRUNCATE ${tables} CASCADE`));
    this.#rows.clear();
    this.tenant = undefined;
    this.#person = personEntity ?? "";
    if (SCENARIOS.tenantEntity) this.tenant = String((await this.ensure(SCENARIOS.tenantEntity)).id);
    this.caller = randomUUID();
    this.other = randomUUID();
    if (personEntity) {
      const own = await this.insert(personEntity, { id: this.caller });
      this.#rows.set(personEntity, own);
      await this.insert(personEntity, { id: this.other });
    }
  }

  table(entity: string): SeedTable {
    const table = SCENARIOS.tables.find((t) => t.entity === entity);
    if (!table) throw new Error(`no seed table for ${entity}`);
    return table;
  }

  /** The seeded row of an entity, seeding it (and what it references) the first time. */
  async ensure(entity: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const existing = this.#rows.get(entity);
    if (existing && Object.keys(overrides).length === 0) return existing;
    const row = await this.insert(entity, overrides);
    this.#rows.set(entity, row);
    return row;
  }

  /** The value a reference column (or a body property that is one) gets. */
  async refValue(target: string, nth: number): Promise<unknown> {
    if (target === this.#person) return nth === 0 ? this.caller : this.other;
    if (target === SCENARIOS.tenantEntity) return this.tenant;
    const row = await this.ensure(target);
    return row[this.table(target).keyColumns[0] ?? "id"];
  }

  /** `othersRow`: the row's own person references are swapped, so it belongs to Q, not the caller. */
  async insert(
    entity: string,
    overrides: Record<string, unknown>,
    othersRow = false,
  ): Promise<Record<string, unknown>> {
    const table = this.table(entity);
    const n = ++this.#counter;
    const values: Record<string, unknown> = {};
    if (table.keyColumns.length === 1 && table.keyColumns[0] === "id") values.id = randomUUID();
    let personRefs = 0;
    for (const column of table.columns) {
      if (column.name in overrides) continue;
      if (column.ref !== undefined) {
        if (column.ref === entity) {
          if (column.nullable) values[column.name] = null;
          continue;
        }
        const nth = column.ref === this.#person ? personRefs++ : 0;
        values[column.name] = await this.refValue(column.ref, othersRow && nth < 2 ? 1 - nth : nth);
        continue;
      }
      values[column.name] = column.unique ? unique(column.value, n) : column.value;
    }
    Object.assign(values, overrides);
    const names = Object.keys(values);
    await this.db.transaction({ searchPath: searchPathOf(table.service), tenant: this.tenant }, (sql) =>
      sql.query(
        `INSERT INTO "${table.service}"."${table.table}" (${names.map((c) => `"${c}"`).join(", ")}) VALUES (${names
          .map((_, i) => `$${i + 1}`)
          .join(", ")})`,
        names.map((c) => {
          const v = values[c];
          return typeof v === "object" && v !== null ? JSON.stringify(v) : v;
        }),
      ),
    );
    return values;
  }
}

function unique(value: JsonValue, n: number): JsonValue {
  if (typeof value === "number") return value + n;
  if (typeof value === "string")
    return value.includes("@") ? `s${n}.${value}` : `s${n}${value}`.slice(0, Math.max(value.length, 8));
  return value;
}

/**
 * True when the actor's row condition limits it to rows tied to the caller and nothing else (no
 * alternative such as "or public"): a row of another person must then be out of its reach.
 */
export function limitedToCaller(op: OperationSpec, actor: string): boolean {
  const condition = op.access[actor];
  if (condition === undefined) return false;
  return condition.includes(":caller") && !/\bOR\b/i.test(condition);
}

export interface PreparedRequest {
  readonly method: OperationSpec["method"];
  readonly url: string;
  readonly payload: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;
}

/**
 * Seeds what one use case needs and builds its request as the actor: a create sends the design's
 * request example with its references pointed at seeded rows; any other operation targets a seeded
 * row (a command's row starts in the first state the command moves from).
 */
export async function prepare(
  harness: Harness,
  scenario: UseCaseScenario,
  options: { readonly othersRow?: boolean; readonly otherTenant?: boolean } = {},
): Promise<PreparedRequest> {
  const op = operation(scenario.operationId);
  const personEntity = SCENARIOS.persons[scenario.actor] ?? Object.values(SCENARIOS.persons)[0] ?? undefined;
  const seeds = harness.seeds;
  await seeds.reset(personEntity);
  const table = seeds.table(scenario.entity);
  let payload: Record<string, unknown> | undefined;
  let params: Record<string, unknown> = {};
  const example = scenario.body;
  const body =
    typeof example === "object" && example !== null && !Array.isArray(example) ? { ...example } : undefined;
  if (op.kind === "create") {
    payload = body;
    let personRefs = 1;
    for (const column of table.columns) {
      if (
        !payload ||
        column.property === undefined ||
        !(column.property in payload) ||
        column.ref === undefined
      )
        continue;
      payload[column.property] = await seeds.refValue(
        column.ref,
        column.ref === personEntity ? personRefs++ : 0,
      );
    }
  } else {
    const overrides: Record<string, unknown> = {};
    if (op.transition) overrides[op.transition.column] = op.transition.from[0];
    const row = options.othersRow
      ? scenario.entity === personEntity
        ? { id: seeds.other }
        : await seeds.insert(scenario.entity, overrides, true)
      : op.kind === "list" || op.kind === "feed"
        ? await seeds.ensure(scenario.entity)
        : await seeds.ensure(scenario.entity, overrides);
    params = Object.fromEntries(op.pathColumns.map((p) => [p.param, row[p.column]]));
    if (op.kind === "update" && body) {
      payload = body;
      if (op.versionColumn && "version" in payload) payload.version = 1;
    }
  }
  const headers: Record<string, string> = {};
  if (scenario.actor !== "anonymous" && harness.auth.issue)
    headers.authorization = `Bearer ${await harness.auth.issue({
      person: seeds.caller,
      role: scenario.actor,
      tenant: options.otherTenant ? randomUUID() : seeds.tenant,
    })}`;
  if (op.idempotent) headers["idempotency-key"] = randomUUID();
  const url = op.url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  );
  return { method: op.method, url, payload, headers };
}
