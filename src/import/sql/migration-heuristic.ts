/**
 * Decides whether a file is a migration, so that migration-safety rules (which assume the
 * tables already hold data and serve traffic) apply to it. In order:
 *
 * 1. A pg_dump or Rails structure.sql dump is never a migration: it rebuilds a schema from
 *    nothing, and dumps always ALTER and index tables after creating them.
 * 2. A file named like a migration is one: a folder called `migrations`, `migrate` or
 *    `db/migrate`; a name starting with a version or timestamp (`0003_add_email.sql`,
 *    `20240101120000_add_index.sql`); Flyway's `V3__add_email.sql`; or `up.sql` / `*.up.sql`.
 * 3. A file that ALTERs, indexes, renames or drops a table that no earlier statement of the
 *    input created is one: that table exists outside the input, so it may hold data.
 * 4. Anything else is a schema build, including a file that only alters tables created by
 *    earlier files of the same input (MusicBrainz splits one schema build across files).
 */
export interface MigrationEvidence {
  readonly path: string;
  readonly text: string;
  /** How many statements changed a table that nothing in the input created before them. */
  readonly changesToUnknownTables: number;
  /** The first such table, for the explanation. */
  readonly firstUnknownTable: string | undefined;
}

export interface MigrationJudgement {
  readonly isMigration: boolean;
  readonly reason: string;
}

const DUMP_MARKERS = /^-- PostgreSQL database dump\b|pg_catalog\.set_config\('search_path'/m;
/** pg_dump's constraint form: `ALTER TABLE ONLY <table>` alone on a line, `ADD CONSTRAINT` on the next. */
const DUMP_CONSTRAINT = /^ALTER TABLE ONLY [^\s;]+\n {4}ADD CONSTRAINT /gm;
const CREATE_TABLE = /^CREATE (?:UNLOGGED )?TABLE /m;
const CREATE_INDEX = /^CREATE (?:UNIQUE )?INDEX .*$/gm;
/** pg_dump always names the access method of an index it writes. */
const INDEX_WITH_METHOD = / USING [a-z_]+ \(/;
/** Below this many constraints in pg_dump's form, a hand-written file may just share the style. */
const DUMP_CONSTRAINT_MINIMUM = 3;
const MIGRATION_FOLDER = /(^|[/\\])(migrations?|migrate)[/\\]/i;
const MIGRATION_NAME = /^(\d{3,}[_\-.]|V\d+(\.\d+)*__|(.*[._-])?up\.sql$)/i;

/**
 * pg_dump output or a Rails structure.sql (itself written by pg_dump). Projects often commit a
 * dump with its header comments and `SET` lines stripped (synapse's full schema files), so when
 * no marker is left the layout decides: tables created, at least three constraints added in
 * pg_dump's two-line `ALTER TABLE ONLY` form, and every index naming its access method, as
 * pg_dump writes them and people rarely do.
 */
export function isDumpText(text: string): boolean {
  if (DUMP_MARKERS.test(text)) return true;
  if (!CREATE_TABLE.test(text)) return false;
  if ((text.match(DUMP_CONSTRAINT)?.length ?? 0) < DUMP_CONSTRAINT_MINIMUM) return false;
  return (text.match(CREATE_INDEX) ?? []).every((line) => INDEX_WITH_METHOD.test(line));
}

export function judgeMigration(evidence: MigrationEvidence): MigrationJudgement {
  if (isDumpText(evidence.text)) {
    return { isMigration: false, reason: "a pg_dump or structure.sql dump rebuilds a schema from nothing" };
  }
  const base = evidence.path.split(/[/\\]/).pop() ?? evidence.path;
  if (MIGRATION_FOLDER.test(evidence.path) || MIGRATION_NAME.test(base)) {
    return { isMigration: true, reason: `the file name "${base}" follows a migration naming scheme` };
  }
  if (evidence.changesToUnknownTables > 0) {
    return {
      isMigration: true,
      reason: `it changes table ${evidence.firstUnknownTable ?? "?"}, which no earlier statement of the input creates`,
    };
  }
  return { isMigration: false, reason: "it only changes tables that the input itself creates" };
}
