import { PGlite } from "@electric-sql/pglite";

export interface MigrationCheck {
  readonly service: string;
  readonly ok: boolean;
  readonly problem: string | undefined;
}

/**
 * Applies each service's up migration to an embedded PostgreSQL (PGlite), then its down migration,
 * and checks that nothing is left behind. One database instance is reused: starting PGlite costs
 * far more than the migrations.
 */
export async function verifyMigrations(
  migrations: ReadonlyMap<string, { up: string; down: string }>,
): Promise<MigrationCheck[]> {
  const db = new PGlite();
  const results: MigrationCheck[] = [];
  try {
    for (const [service, migration] of migrations) {
      try {
        await db.exec(migration.up);
        await db.exec(migration.down);
        const leftovers = await remainingObjects(db);
        results.push({
          service,
          ok: leftovers.length === 0,
          problem: leftovers.length ? `down migration left ${leftovers.join(", ")}` : undefined,
        });
      } catch (error) {
        results.push({ service, ok: false, problem: (error as Error).message });
        await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      }
    }
  } finally {
    await db.close();
  }
  return results;
}

/** Tables, views, sequences, types and functions still in the public schema. */
export async function remainingObjects(db: PGlite): Promise<string[]> {
  const result = await db.query<{ name: string }>(`
    SELECT 'relation ' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
    UNION ALL
    SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    ORDER BY 1`);
  return result.rows.map((r) => r.name);
}
