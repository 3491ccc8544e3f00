import type { EventName, OperationId } from "../generated/design.js";
import type { Extensions } from "../runtime/extensions.js";

/**
 * Your code. archwright writes this file only when it does not exist: regenerating the service
 * keeps everything under src/handlers/.
 *
 * - `handlers`: per operation id, replace or wrap the generated handler, e.g.
 *     createPost: async (request, generated) => { /* check something *\/ return generated(request); },
 * - `consumers`: per event name, what this service does when the event arrives (in the same
 *   transaction as the inbox record, so it runs once per event).
 */
export const extensions: Extensions<OperationId, EventName> = {
  handlers: {},
  consumers: {},
};
