import type { AccessRule } from "./access.js";
import type { SourceLocation } from "./source-location.js";

/**
 * What a use case does, as the spec states it: exactly one operation on one entity. A use case
 * that states none is mapped the documented legacy way (list and get what it reads; create,
 * update and delete what it writes).
 */
export type UseCaseOperation =
  | OperationBase<"create">
  | OperationBase<"delete">
  | (OperationBase<"get"> & {
      /** Look the row up by this unique field instead of its key. */
      readonly by: string | undefined;
    })
  | (OperationBase<"update"> & {
      /** The fields this use case may change; undefined means every client-settable field. */
      readonly fields: readonly string[] | undefined;
    })
  | (OperationBase<"list"> & {
      /** Narrows the rows to these rules (each must be one the entity's read access grants). */
      readonly whose: readonly AccessRule[] | undefined;
    })
  | (OperationBase<"command"> & {
      /** kebab-case name, the last path segment: `accept` -> POST /v1/trips/{tripId}/accept. */
      readonly name: string;
      /** The enum field holding the state. */
      readonly field: string;
      readonly from: readonly string[];
      readonly to: string;
      /** A reference this command sets to the caller's own person row (a driver accepting a trip). */
      readonly assigns: string | undefined;
      /** Rows the actors may run it on, replacing the entity's write rules; the from-states always apply. */
      readonly whose: readonly AccessRule[] | undefined;
    })
  | (OperationBase<"redirect"> & {
      /** The unique field in the path (`slug`). */
      readonly by: string;
      /** The url field the redirect answers with. */
      readonly to: string;
    })
  | (OperationBase<"feed"> & {
      /** The join entity that says whose rows the caller follows (Follow). */
      readonly via: string;
      /** The reference of `via` that is the caller (Follow.follower). */
      readonly caller: string;
      /** The reference of `via` that names whose rows appear (Follow.followee). */
      readonly match: string;
      /** The reference of the entity that `match` is compared with (Post.author). */
      readonly on: string;
    });

interface OperationBase<K extends string> {
  readonly kind: K;
  readonly entity: string;
  readonly location: SourceLocation;
}

export type UseCaseOperationKind = UseCaseOperation["kind"];

/** Operations that change rows: they follow an entity's write rules, the others its read rules. */
export const WRITING_OPERATIONS: ReadonlySet<UseCaseOperationKind> = new Set([
  "create",
  "update",
  "delete",
  "command",
]);
