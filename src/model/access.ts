import type { SourceLocation } from "./source-location.js";

/** The caller of a public operation: no token. */
export const ANONYMOUS_ACTOR = "anonymous";
/**
 * The service itself: a scheduled job or an event consumer inside the service. It calls no HTTP
 * operation, so a use case it performs opens no endpoint.
 */
export const SYSTEM_ACTOR = "system";

/** A role callers hold, as declared in `security.roles`. */
export interface Role {
  readonly name: string;
  /**
   * The entity whose row is the signed-in person holding this role (`User`, `Driver`); null for a
   * role that is no person (a partner system); undefined when the spec does not say, so
   * `security.person` (or, in specs that declare no person at all, the documented guess) applies.
   */
  readonly person: string | null | undefined;
  /** Roles whose permissions this role also has, transitively closed, nearest first. */
  readonly inherits: readonly string[];
  /** Never granted a write, not even one inherited from another role. */
  readonly readOnly: boolean;
  /** A machine client (partner callback, integration) that authenticates with client credentials. */
  readonly system: boolean;
  readonly description: string | undefined;
  /** Declared as a plain name: part of the ladder of plain names (see `inherits`). */
  readonly plain: boolean;
  readonly location: SourceLocation;
}

/**
 * Which rows of an entity a caller may reach, in terms of the model. A rule grants rows to the
 * roles it applies to; a caller reaches the union of the rows its applicable rules grant.
 */
/** Rows in these states only: field -> allowed values (an enum field). */
export type RowStates = Readonly<Record<string, readonly string[]>>;

export type AccessRule = AccessRuleShape & {
  /** The rule grants only rows whose enum fields hold these values (a post's `visibility: public`). */
  readonly when: RowStates | undefined;
};

export type AccessRuleShape =
  /** Anyone, signed in or not (reads only). */
  | { readonly kind: "public"; readonly location: SourceLocation }
  /** Every row, to every role the operation admits. */
  | { readonly kind: "any"; readonly roles: readonly string[] | undefined; readonly location: SourceLocation }
  /**
   * Rows whose reference path ends at the caller's own person row: `[author]` on Post, or
   * `[account, owner]` on Posting (Posting.account -> Account.owner -> the caller).
   */
  | {
      readonly kind: "owner";
      readonly path: readonly string[];
      readonly roles: readonly string[] | undefined;
      readonly location: SourceLocation;
    }
  /**
   * Rows the caller is a member of: a row of `via` joins the caller's person row to this row (`of`
   * empty) or to the row this row's `of` reference points at (Message.conversation ← Membership).
   */
  | {
      readonly kind: "member";
      readonly via: string;
      readonly of: readonly string[];
      /** The join entity's reference that is the caller, when it has several to the person entity. */
      readonly caller: string | undefined;
      readonly roles: readonly string[] | undefined;
      readonly location: SourceLocation;
    }
  /** Every row, to these roles only (and the roles that inherit them). */
  | { readonly kind: "role"; readonly roles: readonly string[]; readonly location: SourceLocation };

export interface EntityAccess {
  /** undefined: the documented default (docs/spec.md, "Access"). */
  readonly read: readonly AccessRule[] | undefined;
  readonly write: readonly AccessRule[] | undefined;
  readonly location: SourceLocation;
}
