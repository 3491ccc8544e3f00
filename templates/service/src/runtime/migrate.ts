import type { Database } from "./database.js";

export interface Migration {
  readonly service: string;
  readonly name: string;
  readonly up: string;
}

const RUNTIME_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS archwright_runtime;
CREATE TABLE IF NOT EXISTS archwright_runtime.migrations (
  service text NOT NULL,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service, name)
);
-- The first response to each Idempotency-Key, per operation and caller, replayed on a retry.
CREATE TABLE IF NOT EXISTS archwright_runtime.idempotency_keys (
  operation text NOT NULL,
  caller text NOT NULL,
  key text NOT NULL,
  status integer NOT NULL,
  body jsonb,
  location text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (operation, caller, key)
);
-- Each saga's state, written with the orchestrator's row and its .requested event.
CREATE TABLE IF NOT EXISTS archwright_runtime.sagas (
  saga_id text PRIMARY KEY,
  saga text NOT NULL,
  use_case text NOT NULL,
  orchestrator text NOT NULL,
  orchestrator_key text NOT NULL,
  -- participant -> pending | completed | failed
  participants jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('started', 'completed', 'cancelled')),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Each participant's step: its outcome and what it wrote (inserted keys, before-images) to undo it.
CREATE TABLE IF NOT EXISTS archwright_runtime.saga_steps (
  saga_id text NOT NULL,
  participant text NOT NULL,
  status text NOT NULL CHECK (status IN ('completed', 'failed', 'compensated')),
  writes jsonb NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saga_id, participant)
);
-- Keys past the replay window are swept in created_at order.
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON archwright_runtime.idempotency_keys (created_at);
-- Fails the statement that calls it: a write checks its access condition on the row it wrote, in
-- the same statement, and a refused row is never kept, with or without a transaction around it.
CREATE OR REPLACE FUNCTION archwright_runtime.refuse(detail text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'AW403', MESSAGE = detail;
END
$$;`;

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * Applies each module's migrations into a PostgreSQL schema of its own (one database, a schema per
 * service), each in one transaction, and only once.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  await db.exec(RUNTIME_SCHEMA);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction({ searchPath: ["archwright_runtime"] }, (sql) =>
      sql.query("SELECT 1 FROM migrations WHERE service = $1 AND name = $2", [m.service, m.name]),
    );
    if (done.length > 0) continue;
    await db.exec(
      [
        "BEGIN",
        `CREATE SCHEMA IF NOT EXISTS "${m.service}"`,
        `SET LOCAL search_path TO "${m.service}"`,
        m.up,
        `INSERT INTO archwright_runtime.migrations (service, name) VALUES (${quote(m.service)}, ${quote(m.name)})`,
        "COMMIT",
      ].join(";\n"),
    );
    applied.push(`${m.service}/${m.name}`);
  }
  return applied;
}
