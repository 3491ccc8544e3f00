import type { EntityAccess } from "./access.js";
import type { Field } from "./field.js";
import type { SourceLocation } from "./source-location.js";

export interface Growth {
  /** New rows per daily active user per day. */
  readonly perActiveUserPerDay: number | undefined;
  /** New rows per day, independent of users. */
  readonly perDay: number | undefined;
  /** A fixed row count (reference data). */
  readonly rows: number | undefined;
}

export interface Entity {
  /** PascalCase name as written in the spec. */
  readonly name: string;
  readonly description: string | undefined;
  /** Owning service; always set in a built Model (defaults are applied by the loader). */
  readonly service: string;
  /** true when the spec said `service:`; false when archwright assigned it. */
  readonly serviceExplicit: boolean;
  /** Names of the fields that form the primary key; empty means a generated `id` uuid key. */
  readonly key: readonly string[];
  /** Groups of fields whose values are unique together (e.g. product + warehouse). */
  readonly uniqueTogether: readonly (readonly string[])[];
  readonly fields: readonly Field[];
  readonly growth: Growth | undefined;
  /** Rows belong to one person: the least privileged role reads only its own. */
  readonly private: boolean;
  /** Optimistic locking with a `version` column. */
  readonly versioned: boolean;
  /** Who may read and write which rows; undefined: the documented defaults. */
  readonly access: EntityAccess | undefined;
  readonly location: SourceLocation;
  /**
   * Rows are facts that are never changed or removed once written (ledger postings, audit events):
   * the API has no update or delete, the database refuses UPDATE and DELETE, and a saga undoes a
   * step by recording a reversal. Absent means false.
   */
  readonly appendOnly?: boolean;
  /**
   * The rows sharing one value of `per` (a ref) have `field` values that sum to zero: the postings
   * of one journal entry. Checked by a deferred constraint trigger at commit.
   */
  /** Days a row is kept, when the spec states it for this entity (`retention: 30d`). */
  readonly retentionDays?: number;
  /**
   * Latest-value state that can be rebuilt from its writers: no WAL (an UNLOGGED table) or a Redis
   * key with a TTL; lost on a crash.
   */
  readonly ephemeral?: boolean;
  readonly sumsToZero?: { readonly field: string; readonly per: string; readonly location: SourceLocation };
}
