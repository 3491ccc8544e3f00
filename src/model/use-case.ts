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
}
