import type { SourceLocation } from "./source-location.js";
import type { UseCaseOperation } from "./use-case-operation.js";

export interface SortKey {
  readonly field: string;
  readonly direction: "asc" | "desc";
}

export interface UseCase {
  readonly name: string;
  readonly description: string | undefined;
  /** The first of `actors`: a role from security.roles, `anonymous` or `system`. */
  readonly actor: string;
  /** Every role that performs this use case, in spec order. */
  readonly actors: readonly string[];
  /** What the use case does, when the spec states it. */
  readonly operation: UseCaseOperation | undefined;
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  /** Entity name -> field names used as equality filters. */
  readonly filter: Readonly<Record<string, readonly string[]>>;
  /** Entity name -> sort order (keyset pagination order). */
  readonly sort: Readonly<Record<string, readonly SortKey[]>>;
  readonly peakRps: number;
  /** The writes must commit atomically (checkout, transfers). */
  readonly transactional: boolean;
  readonly location: SourceLocation;
  /**
   * `strong`: what it reads and writes is committed state (no projection, one transaction);
   * `eventual`: it accepts projections and, for writes across services, a saga. Absent: strong for
   * a transactional use case's writes, and the reads follow the read rate.
   */
  readonly consistency?: "strong" | "eventual";
  /** Entity -> rows one call writes or reads of it (default 1): postings per transfer, deliveries per message. */
  readonly rowsPerCall?: Readonly<Record<string, number>>;
  /**
   * Entity -> rows of it that every call updates and that are the same rows on every call (the
   * system account credited with every fee): capacity flags them as hot rows.
   */
  readonly hotRows?: Readonly<Record<string, number>>;
}
