import type { Entity, Field, RefField } from "../model/index.js";

/** The PostgreSQL schema of one service, derived from the Model. Emitters render it; they never re-derive it. */

export type ColumnOrigin =
  | { readonly kind: "field"; readonly field: Field }
  | { readonly kind: "id" | "created-at" | "updated-at" | "version" | "tenant" };

export interface Column {
  /** Unquoted snake_case name; quote with sqlName() when rendering. */
  readonly name: string;
  readonly sqlType: string;
  readonly nullable: boolean;
  /** SQL expression. */
  readonly default: string | undefined;
  readonly comment: string | undefined;
  readonly origin: ColumnOrigin;
}

export type ReferentialAction = "CASCADE" | "RESTRICT" | "SET NULL" | "NO ACTION";

export interface ForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly field: RefField | undefined;
  /** For SET NULL on a composite key: clear only these columns (PostgreSQL 15+), never the tenant. */
  readonly setNullColumns?: readonly string[] | undefined;
}

export interface IndexColumn {
  readonly column: string;
  readonly direction: "asc" | "desc";
  /** When set, the index is on this expression rather than the bare column (e.g. lower(email)). */
  readonly expression: string | undefined;
}

export interface Index {
  readonly name: string;
  readonly columns: readonly IndexColumn[];
  readonly unique: boolean;
  /** Why the index exists, in one line: shown in DESIGN.md and as a SQL comment. */
  readonly reason: string;
}

export interface NamedConstraint {
  readonly name: string;
  readonly expression: string;
}

export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

/** A relation to an entity owned by another service: stored as a plain id, kept consistent by events. */
export interface CrossServiceRef {
  readonly column: string;
  readonly field: RefField;
  readonly targetEntity: string;
  readonly targetService: string;
  readonly targetTable: string;
}

/**
 * A reference inside the service that PostgreSQL cannot enforce because the referenced table is
 * partitioned (a foreign key must name a unique key, which on a partitioned table includes the
 * partition column). The service enforces it: it checks the parent exists and applies `onDelete`.
 */
export interface UnenforcedRef {
  readonly column: string;
  readonly field: RefField;
  readonly refTable: string;
  readonly onDelete: ReferentialAction;
}

/** The width of one range partition. */
export type PartitionInterval = "day" | "week" | "month";

/**
 * How a big table is split: append-only rows by creation time (expired ranges are dropped whole),
 * live state by a hash of a key column (the tenant, or the first key column), which keeps every key,
 * unique constraint and foreign key as declared. See analyze/partition-plan.ts.
 */
export type Partitioning =
  | {
      readonly strategy: "range";
      readonly column: string;
      readonly interval: PartitionInterval;
      /** Why: the capacity estimate, in one line. */
      readonly reason: string;
    }
  | {
      readonly strategy: "hash";
      readonly column: string;
      readonly partitions: number;
      readonly reason: string;
    };

export interface Table {
  readonly name: string;
  readonly entity: Entity;
  readonly columns: readonly Column[];
  readonly primaryKey: UniqueConstraint;
  readonly foreignKeys: readonly ForeignKey[];
  readonly uniques: readonly UniqueConstraint[];
  readonly checks: readonly NamedConstraint[];
  readonly indexes: readonly Index[];
  readonly crossServiceRefs: readonly CrossServiceRef[];
  readonly unenforcedRefs: readonly UnenforcedRef[];
  readonly partitioning: Partitioning | undefined;
  /** Set in multi-tenant designs: row-level security filters on this column. */
  readonly tenantColumn: string | undefined;
  /** An ephemeral entity's table that nothing references and is not partitioned: no WAL. */
  readonly unlogged?: boolean;
  /** Set on a read-only copy of another service's table, kept up to date by that service's events. */
  readonly projectionOf:
    | { readonly service: string; readonly table: string; readonly useCases: readonly string[] }
    | undefined;
}

export interface EnumType {
  readonly name: string;
  readonly values: readonly string[];
}

/** Tables a service needs for reliable messaging, beyond its entities. */
export interface MessagingTables {
  /** Transactional outbox: events written in the same transaction as the change. */
  readonly outbox: boolean;
  /** Inbox of processed event ids, so redelivered events are applied once. */
  readonly inbox: boolean;
  /**
   * Idempotency keys kept in the service's own database (a small system with no Redis): set by the
   * design from its proportion plan, absent otherwise.
   */
  readonly idempotencyKeys?: boolean;
}

export interface ServiceSchema {
  readonly service: string;
  readonly enums: readonly EnumType[];
  /** In creation order: a table comes after every table it references (cycles are closed by ALTER TABLE). */
  readonly tables: readonly Table[];
  /** Foreign keys added after all tables exist, because they close a reference cycle. */
  readonly deferredForeignKeys: readonly { readonly table: string; readonly foreignKey: ForeignKey }[];
  readonly messaging: MessagingTables;
}
