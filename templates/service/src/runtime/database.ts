import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type Row = Record<string, unknown>;

/** What a transaction's body may do. */
export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface TransactionScope {
  /** The service whose schema comes first on the search path. */
  readonly searchPath: readonly string[];
  /** Multi-tenant designs: sets `app.tenant_id`, which the row-level security policies read. */
  readonly tenant?: string | undefined;
}

export interface Database {
  readonly kind: "pglite" | "postgresql";
  transaction<T>(scope: TransactionScope, body: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * One statement, atomic on its own, with no BEGIN/COMMIT around it: a read, or a write that checks
   * its own access condition and publishes no event.
   */
  read<T>(scope: TransactionScope, body: (sql: Sql) => Promise<T>): Promise<T>;
  /** Runs SQL text of several statements (migrations). */
  exec(text: string): Promise<void>;
  /** Calls `onNotify` when another session sends `NOTIFY channel` (real PostgreSQL only). */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * PGlite is one connection in the process: two interleaved transactions would share it. Every
 * transaction therefore waits for the one before it (a promise chain; no pool in front of it).
 * Because nothing else uses the connection, the search path and tenant are session settings, set
 * only when they change: a round trip less per request than `SET LOCAL`.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  let tail: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  let session = "";
  const enter = async (scope: TransactionScope) => {
    const key = JSON.stringify([scope.searchPath, scope.tenant ?? ""]);
    if (key === session) return;
    const path = scope.searchPath.map((s) => `"${s.replaceAll('"', '""')}"`).join(", ");
    await db.query(`SET search_path TO ${path}`);
    await db.query("SELECT set_config('app.tenant_id', $1, false)", [scope.tenant ?? ""]);
    session = key;
  };
  const direct: Sql = {
    query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
      (await db.query<T>(text, [...params])).rows,
  };
  return {
    kind: "pglite",
    transaction: (scope, body) =>
      serialised(async () => {
        await enter(scope);
        return db.transaction(async (tx) =>
          body({
            query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
              (await tx.query<T>(text, [...params])).rows,
          }),
        );
      }),
    read: (scope, body) =>
      serialised(async () => {
        await enter(scope);
        return body(direct);
      }),
    exec: (text) =>
      serialised(async () => {
        session = "";
        await db.exec(text);
      }),
    // One process owns a PGlite database, so the writer wakes the relay directly instead.
    listen: async () => async () => undefined,
    close: () => serialised(() => db.close()),
  };
}

/**
 * Real PostgreSQL through a pool sized from the design's capacity figures. Each pooled connection
 * remembers the search path and tenant it last set (session settings, changed only when a checkout
 * needs others), so a read is one round trip, as a hand-written query is, and a transaction is
 * BEGIN, its statements and COMMIT. Every checkout goes through `enter`, so no request ever runs
 * with another request's settings.
 */
export async function openPostgres(
  connectionString: string,
  poolSize: number,
  onIdleError: (error: Error) => void = () => undefined,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle connection the server closes (a restart, a failover) must not end the process: the
  // pool drops it and opens a new one on the next checkout.
  pool.on("error", onIdleError);
  const client = await pool.connect();
  client.release();
  const sessions = new WeakMap<pg.PoolClient, string>();
  const enter = async (connection: pg.PoolClient, scope: TransactionScope) => {
    const key = JSON.stringify([scope.searchPath, scope.tenant ?? ""]);
    if (sessions.get(connection) === key) return;
    // Forgotten first: if setting fails half-way, the next checkout sets both again.
    sessions.delete(connection);
    const path = scope.searchPath.map((s) => `"${s.replaceAll('"', '""')}"`).join(", ");
    await connection.query(`SET search_path TO ${path}`);
    await connection.query("SELECT set_config('app.tenant_id', $1, false)", [scope.tenant ?? ""]);
    sessions.set(connection, key);
  };
  const sqlOf = (connection: pg.PoolClient): Sql => ({
    query: async <T extends Row>(text: string, params: readonly unknown[] = []) =>
      (await connection.query<T>(text, [...params])).rows,
  });
  const database: Database = {
    kind: "postgresql",
    async read(scope, body) {
      const connection = await pool.connect();
      try {
        await enter(connection, scope);
        return await body(sqlOf(connection));
      } finally {
        connection.release();
      }
    },
    async transaction(scope, body) {
      const connection = await pool.connect();
      try {
        await enter(connection, scope);
        await connection.query("BEGIN");
        const result = await body(sqlOf(connection));
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    async exec(text) {
      const connection = await pool.connect();
      try {
        await connection.query(text);
      } finally {
        // The text may change session settings: the next checkout sets its own again.
        sessions.delete(connection);
        connection.release();
      }
    },
    async listen(channel, onNotify) {
      const listener = await pool.connect();
      listener.on("notification", onNotify);
      await listener.query(`LISTEN "${channel}"`);
      return async () => {
        await listener.query(`UNLISTEN "${channel}"`).catch(() => undefined);
        listener.release();
      };
    },
    close: () => pool.end(),
  };
  return database;
}
