/** The shape of the design data in src/generated/: what the runtime reads to serve each operation. */

export type JsonSchema = { readonly [keyword: string]: unknown };

export type OperationKind =
  | "list"
  | "get"
  | "create"
  | "update"
  | "delete"
  | "command"
  | "redirect"
  | "feed"
  | "sign-in";

/** One JSON property of a resource and the column it is stored in. */
export interface PropertySpec {
  readonly name: string;
  readonly column: string;
  /**
   * How the column is selected so that it comes back as its JSON type: `date` as `YYYY-MM-DD`,
   * `numeric` and `bigint` as exact decimal text.
   */
  readonly read: "plain" | "date" | "timestamp" | "text";
}

export interface OperationSpec {
  readonly operationId: string;
  readonly service: string;
  readonly kind: OperationKind;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Fastify form of the path (`/v1/posts/:postId`). */
  readonly url: string;
  readonly table: string;
  readonly status: number;
  /** Path parameters and the columns they name (the key, or a unique lookup column). */
  readonly pathColumns: readonly { readonly param: string; readonly column: string }[];
  /** The table's key columns, in order: the tie-break of every sort and the `Location` of a create. */
  readonly keyColumns: readonly string[];
  readonly properties: readonly PropertySpec[];
  /** Properties set from the caller's token (`authorId`), never from the body. */
  readonly callerProperties: readonly string[];
  /** Multi-tenant designs: the column holding the caller's tenant. */
  readonly tenantColumn?: string | undefined;
  /**
   * The access matrix row of this operation: actor (`anonymous` or a role) -> the row condition it
   * reaches (`true` for every row, `:caller` being the caller's person id). A missing actor is refused.
   */
  readonly access: Readonly<Record<string, string>>;
  /** list/feed: query parameters compared by equality, with their columns. */
  readonly filters: readonly { readonly param: string; readonly column: string }[];
  /** list/feed: allowed `sort` values, the first is the default. */
  readonly sorts: readonly string[];
  /** feed: the rows the caller follows, as a condition with `:caller`. */
  readonly feed?: string | undefined;
  /** command: the state transition. */
  readonly transition?:
    | {
        readonly column: string;
        readonly from: readonly string[];
        readonly to: string;
        readonly assignsCaller?: string | undefined;
      }
    | undefined;
  /** redirect: the column answered in `Location`. */
  readonly redirectColumn?: string | undefined;
  /** update: the optimistic-lock column, when the table has one. */
  readonly versionColumn?: string | undefined;
  /**
   * create: NOT NULL columns the server fills when nothing else does (a read-only total starts at 0,
   * a per-parent sequence number is the next one).
   */
  readonly serverSet: readonly {
    readonly column: string;
    readonly value: { readonly literal: string | number | boolean } | { readonly next: readonly string[] };
  }[];
  /** Privileged properties: only these roles may send them (others get 403). */
  readonly writeRoles?: Readonly<Record<string, readonly string[]>>;
  /** Unsafe creates honour `Idempotency-Key`. */
  readonly idempotent: boolean;
  /** Events this write publishes through the service's outbox, in the same transaction. */
  readonly events: readonly EventWrite[];
  readonly schema: {
    readonly params?: JsonSchema;
    readonly querystring?: JsonSchema;
    readonly body?: JsonSchema;
    readonly response: Readonly<Record<string, JsonSchema>>;
  };
}

/** A projection: a read-only copy of another service's table, kept by its events. */
export interface ProjectionSpec {
  readonly service: string;
  readonly table: string;
  readonly source: { readonly service: string; readonly table: string };
  /** JSON property of the event payload -> projection column. */
  readonly columns: readonly { readonly property: string; readonly column: string }[];
  readonly keyColumns: readonly string[];
  /** Events whose payload is upserted (when newer) or whose key is deleted. */
  readonly upsertOn: readonly string[];
  readonly deleteOn: readonly string[];
}

/** How a write fills one event's payload. */
export interface EventWrite {
  readonly name: string;
  /** A saga's `.requested` event: the saga whose state row starts in the same transaction. */
  readonly saga?: string | undefined;
  /** Payload property -> where its value comes from: a property of the written row, or the moment. */
  readonly fields: readonly {
    readonly name: string;
    readonly from:
      | { readonly row: string }
      | { readonly now: true }
      | { readonly newId: true }
      | { readonly value: string };
  }[];
}

export interface EventSpec {
  readonly name: string;
  readonly producer: string;
  readonly consumers: readonly string[];
}

export interface ServiceSpec {
  readonly name: string;
  /** The service's own tables come first on its search path, then the other modules'. */
  readonly searchPath: readonly string[];
  readonly outbox: boolean;
  readonly inbox: boolean;
  /** Connections per instance, from the design's capacity figures. */
  readonly poolPerInstance: number;
}

/** How a saga step is undone, with the column it sets (see the design's `undo`). */
export type SagaUndoSpec =
  | { readonly kind: "set-status"; readonly column: string; readonly value: string }
  | { readonly kind: "reverse" }
  | { readonly kind: "reversing-row" };

/** An orchestrated saga: who starts it, which row it is for, and each participant's messages. */
export interface SagaSpec {
  readonly name: string;
  readonly useCase: string;
  readonly orchestrator: string;
  /** The orchestrator's row (the one the client created), its key column and payload property. */
  readonly table: string;
  readonly keyColumn: string;
  readonly keyProperty: string;
  /** The orchestrator's own compensation, on the first failed answer. */
  readonly undo?: { readonly column: string; readonly value: string } | undefined;
  readonly requested: string;
  readonly cancelled: string;
  readonly participants: readonly {
    readonly name: string;
    readonly completed: string;
    readonly failed: string;
    /** The tables the design says this participant writes, with how each is undone. */
    readonly steps: readonly {
      readonly table: string;
      readonly keyColumns: readonly string[];
      readonly undo: SagaUndoSpec;
    }[];
  }[];
}
