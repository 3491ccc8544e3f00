/**
 * How data stays consistent where the service cut splits it. A relation across services cannot be a
 * foreign key (each service owns its database), so every such relation gets an explicit mechanism.
 * This is the one planner: `design` emits it, and `decompose` reports it for the cut it proposes.
 */

export type ConsistencyMechanism = "id-reference-with-events" | "saga" | "projection";

/** How reports name each mechanism. */
export const MECHANISM_LABEL: Readonly<Record<ConsistencyMechanism, string>> = {
  "id-reference-with-events": "id reference + events",
  projection: "read projection",
  saga: "saga",
};

export interface EventField {
  readonly name: string;
  readonly type: string;
}

export interface DomainEvent {
  /** e.g. `identity.user.deleted`. */
  readonly name: string;
  readonly producer: string;
  readonly consumers: readonly string[];
  readonly entity: string;
  /** `saga` for the messages that coordinate a multi-service write. */
  readonly change: "created" | "updated" | "deleted" | "saga";
  /** JSON properties carried by the event, with their spec types. */
  readonly payload: readonly EventField[];
  readonly purpose: string;
}

export interface CrossServiceRelation {
  readonly fromEntity: string;
  readonly field: string;
  readonly fromService: string;
  readonly toEntity: string;
  readonly toService: string;
  /**
   * `saga` when a use case writes both ends, `projection` when a hot use case of the referring
   * service reads the target (it keeps a local copy), else `id-reference-with-events`.
   */
  readonly mechanism: ConsistencyMechanism;
  /** Why this mechanism, naming the use case that decides it. */
  readonly reason: string;
  /** What the consumer does when the referenced row goes away, and why. */
  readonly onTargetDeleted: string;
  readonly events: readonly string[];
}

export interface HotCrossServiceRead {
  readonly useCase: string;
  readonly peakRps: number;
  readonly owner: string;
  readonly services: readonly string[];
  /** The other services' entities the owner keeps a local copy of. */
  readonly projected: readonly string[];
  readonly mechanism: "projection";
  readonly detail: string;
}

export interface SagaStep {
  readonly service: string;
  /** The entity this step writes, in a local transaction that also writes the outbox. */
  readonly entity: string;
  /** What undoes the step when a later one fails, in words (DESIGN.md prints it). */
  readonly compensation: string;
  /** The same compensation as data, for the generated service to run. */
  readonly undo: SagaUndo;
}

/**
 * How a saga step is undone: set a status column to its cancelled-like value (the row stays),
 * reverse the change (delete what the step inserted, restore what it changed), or insert a
 * reversing row that offsets an append-only one.
 */
export type SagaUndo =
  | { readonly kind: "set-status"; readonly field: string; readonly value: string }
  | { readonly kind: "reverse" }
  | { readonly kind: "reversing-row" };

export interface Saga {
  /** `<UseCase>Saga`, e.g. `CheckOutSaga`. */
  readonly name: string;
  readonly useCase: string;
  /** The use case asked for one transaction, which a saga replaces with compensations. */
  readonly transactional: boolean;
  /** The service that starts the saga and tracks its state: the owner of the first entity written. */
  readonly orchestrator: string;
  readonly participants: readonly string[];
  readonly steps: readonly SagaStep[];
  /**
   * The messages that coordinate it: the orchestrator's requested and cancelled, each participant's
   * completed and failed.
   */
  readonly events: readonly string[];
}

export interface Integration {
  readonly relations: readonly CrossServiceRelation[];
  readonly events: readonly DomainEvent[];
  readonly hotReads: readonly HotCrossServiceRead[];
  readonly sagas: readonly Saga[];
  /** Services that publish events (need an outbox). */
  readonly publishers: readonly string[];
  /** Services that consume events (need an inbox). */
  readonly consumers: readonly string[];
}
