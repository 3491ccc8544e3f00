import type { OperationHandler, OperationRequest, OperationResult } from "./operations.js";
import type { EventConsumer } from "./outbox.js";
import type { SagaStep } from "./saga.js";

/** Replaces or wraps the generated handler of one operation; call `generated` to keep its behaviour. */
export type HandlerOverride = (
  request: OperationRequest,
  generated: OperationHandler,
) => Promise<OperationResult>;

/** What a team adds by hand in src/handlers/: regeneration never touches that folder. */
export interface Extensions<
  OperationId extends string = string,
  EventName extends string = string,
  SagaParticipants extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> {
  readonly handlers?: { readonly [id in OperationId]?: HandlerOverride };
  readonly consumers?: { readonly [name in EventName]?: EventConsumer };
  /** Per saga, per participant: the participant's step, run when the saga's `.requested` arrives. */
  readonly sagaSteps?: {
    readonly [saga in keyof SagaParticipants]?: {
      readonly [participant in SagaParticipants[saga]]?: SagaStep;
    };
  };
}
