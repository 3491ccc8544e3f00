import type { SourceLocation } from "../../model/source-location.js";

/**
 * What the schema and migration rules read: the catalog that a set of PostgreSQL files builds
 * when applied in order, plus every schema change made by a file that looks like a migration.
 * Tables, indexes and types are keyed by `schema.name` in lower case (`public.users`);
 * `displayName` is the name as a reader would write it (`users`, `billing.invoices`).
 */
export interface SqlReviewContext {
  readonly files: readonly SqlFile[];
  /** Every table created by CREATE TABLE, in the order the input creates them. */
  readonly tables: readonly SqlTable[];
  readonly tablesByKey: ReadonlyMap<string, SqlTable>;
  readonly enums: readonly SqlEnum[];
  readonly domains: readonly SqlDomain[];
  readonly extensions: readonly string[];
  readonly schemas: readonly string[];
  /** Schema changes in input order; rules about migration safety read those with `inMigration`. */
  readonly changes: readonly SqlChange[];
  /** Things the importer skipped on purpose, such as psql meta-commands. */
  readonly notes: readonly SqlNote[];
}

export interface SqlFile {
  readonly path: string;
  readonly isMigration: boolean;
  /** Why the file was or was not judged a migration, in words. */
  readonly migrationReason: string;
  /**
   * pg_dump output (or a Rails structure.sql): it states the schema as the server prints it, so
   * conventions show on every table at once and defaults such as ON DELETE NO ACTION are left out.
   */
  readonly isDump: boolean;
}

export interface SqlNote {
  readonly message: string;
  readonly location: SourceLocation;
}

export interface SqlType {
  /** Canonical lower-case name: `int4`, `int8`, `varchar`, `bpchar`, `timestamptz`, `serial`, or a user type. */
  readonly name: string;
  readonly schema: string | undefined;
  /** Type modifiers such as the length of `varchar(255)`. */
  readonly modifiers: readonly number[];
  readonly isArray: boolean;
  /** The type as a reader would write it: `varchar(255)`, `int4[]`. */
  readonly text: string;
}

export interface SqlDefault {
  /** The expression as written in the source. */
  readonly text: string;
  /** Lower-case names of every function the expression calls, schema stripped. */
  readonly functions: readonly string[];
}

export interface SqlColumn {
  readonly name: string;
  readonly type: SqlType;
  /** Declared NOT NULL, or part of the primary key. */
  readonly notNull: boolean;
  readonly default: SqlDefault | undefined;
  readonly identity: "always" | "by-default" | undefined;
  /** A `GENERATED ALWAYS AS (...) STORED` column. */
  readonly generated: boolean;
  readonly location: SourceLocation;
}

export type SqlConstraintKind = "primary-key" | "unique" | "foreign-key" | "check" | "exclude";
export type SqlReferentialAction = "no-action" | "restrict" | "cascade" | "set-null" | "set-default";

export interface SqlForeignKeyTarget {
  readonly table: string;
  /** Empty when the constraint references the target's primary key implicitly. */
  readonly columns: readonly string[];
}

export interface SqlConstraint {
  readonly kind: SqlConstraintKind;
  readonly name: string | undefined;
  readonly table: string;
  /** Key columns; empty for CHECK. */
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
  readonly references: SqlForeignKeyTarget | undefined;
  readonly onDelete: SqlReferentialAction | undefined;
  /** The text spells out `ON DELETE ...` (a dump omits the default NO ACTION). */
  readonly onDeleteExplicit: boolean;
  /** Added with NOT VALID. */
  readonly notValid: boolean;
  /** A later `VALIDATE CONSTRAINT` in the input validated it. */
  readonly validatedLater: boolean;
  /** `ADD CONSTRAINT ... USING INDEX name`. */
  readonly usingIndex: string | undefined;
  /** The constraint's source text, e.g. `CHECK (email IS NOT NULL) NOT VALID`. */
  readonly text: string;
  readonly location: SourceLocation;
}

export interface SqlIndexKey {
  /** The column name for a plain column key, undefined for an expression. */
  readonly column: string | undefined;
  /** Structural identity of the key: column or expression, opclass, collation and ordering. */
  readonly fingerprint: string;
}

export interface SqlIndex {
  readonly name: string | undefined;
  readonly table: string;
  readonly method: string;
  readonly unique: boolean;
  /** `UNIQUE NULLS NOT DISTINCT` (PostgreSQL 15+). */
  readonly nullsNotDistinct: boolean;
  readonly keys: readonly SqlIndexKey[];
  readonly include: readonly string[];
  /** Structural identity of the WHERE clause of a partial index. */
  readonly predicate: string | undefined;
  readonly concurrently: boolean;
  /** `index` for CREATE INDEX; otherwise the constraint that implies the index. */
  readonly origin: "index" | "primary-key" | "unique" | "exclude";
  readonly location: SourceLocation;
}

export interface SqlTable {
  readonly key: string;
  readonly schema: string;
  readonly name: string;
  readonly displayName: string;
  readonly file: string;
  readonly location: SourceLocation;
  readonly columns: readonly SqlColumn[];
  readonly constraints: readonly SqlConstraint[];
  /** Explicit indexes plus the indexes that primary-key, unique and exclusion constraints create. */
  readonly indexes: readonly SqlIndex[];
  readonly primaryKey: SqlConstraint | undefined;
  /** Key of the partitioned table this table is a partition of. */
  readonly partitionOf: string | undefined;
  readonly partitionBy: { readonly strategy: string; readonly columns: readonly string[] } | undefined;
  readonly inherits: readonly string[];
  /** Columns that row-level-security policies compare with a session setting: the tenant column. */
  readonly policyColumns: readonly string[];
}

export interface SqlEnum {
  readonly key: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly location: SourceLocation;
}

export interface SqlDomain {
  readonly key: string;
  readonly name: string;
  readonly baseType: SqlType;
  readonly notNull: boolean;
  readonly location: SourceLocation;
}

export interface SqlChangeBase {
  readonly file: string;
  readonly location: SourceLocation;
  /** Key of the table the change touches; empty when unknown (an index dropped by a name never created). */
  readonly table: string;
  readonly tableDisplayName: string;
  /** The table was created earlier in the same file, so it is empty and nobody else holds locks on it. */
  readonly tableIsNew: boolean;
  /** A `SET lock_timeout` with a non-zero value came earlier in the same file. */
  readonly lockTimeoutSet: boolean;
  /** A `SET statement_timeout` with a non-zero value came earlier in the same file. */
  readonly statementTimeoutSet: boolean;
  /** Inside an explicit BEGIN ... COMMIT block of the same file. */
  readonly inTransaction: boolean;
  /** The file was judged a migration (see migration-heuristic.ts). */
  readonly inMigration: boolean;
}

/** What one change did, by kind; `SqlChange` adds where and in which circumstances it happened. */
export type SqlChangeDetail =
  | { readonly kind: "create-index"; readonly index: SqlIndex }
  | { readonly kind: "drop-index"; readonly indexName: string; readonly concurrently: boolean }
  | { readonly kind: "add-constraint"; readonly constraint: SqlConstraint }
  | { readonly kind: "validate-constraint"; readonly constraintName: string }
  | { readonly kind: "add-column"; readonly column: SqlColumn }
  | { readonly kind: "drop-column"; readonly column: string }
  | {
      readonly kind: "alter-column-type";
      readonly column: string;
      readonly type: SqlType;
      readonly previousType: SqlType | undefined;
      /** Where an earlier file (or statement) declared the column with `previousType`. */
      readonly previousLocation: SourceLocation | undefined;
      readonly hasUsing: boolean;
    }
  | {
      /** `ALTER COLUMN ... SET DEFAULT` or `DROP DEFAULT`: a catalog-only change under ACCESS EXCLUSIVE. */
      readonly kind: "set-default";
      readonly column: string;
      /** The new default; undefined for DROP DEFAULT. */
      readonly default: SqlDefault | undefined;
      /** `SET DEFAULT NOT NULL`: parsed as the expression NOT (NULL), so the default becomes NULL. */
      readonly defaultIsNotNull: boolean;
    }
  | { readonly kind: "set-not-null"; readonly column: string }
  | { readonly kind: "rename-column"; readonly column: string; readonly newName: string }
  | { readonly kind: "rename-table"; readonly newName: string }
  | { readonly kind: "drop-table" };

export type SqlChange = SqlChangeBase & SqlChangeDetail;

export type SqlChangeKind = SqlChange["kind"];
