import type { EventName, OperationId, SagaParticipants } from "../generated/design.js";
import type { Extensions } from "../runtime/extensions.js";

/**
 * Your code. archwright writes this file only when it does not exist: regenerating the service
 * keeps everything under src/handlers/.
 *
 * - `handlers`: per operation id, replace or wrap the generated handler, e.g.
 *     createPost: async (request, generated) => { /* check something *\/ return generated(request); },
 * - `consumers`: per event name, what this service does when the event arrives (in the same
 *   transaction as the inbox record, so it runs once per event).
 * - `sagaSteps`: per saga, per participant, the participant's step, run in its inbox transaction
 *   when the saga's `.requested` event arrives; write through `tx.insert` / `tx.update` so the
 *   design's compensation can undo it, and throw to fail the step. Without a step the
 *   participant answers `.failed` and the saga is cancelled, e.g.
 *     CheckOutSaga: { payments: async (event, tx) => { await tx.insert("payments", { ... }); } },
 */
export const extensions: Extensions<OperationId, EventName, SagaParticipants> = {
  handlers: {},
  consumers: {},
  sagaSteps: {},
};
