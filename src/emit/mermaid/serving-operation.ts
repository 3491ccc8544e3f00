import { type Resource, successStatusOf } from "../../analyze/derive-resources.js";
import type { UseCase } from "../../model/index.js";

/** The operation a use case's request lands on, when the use case states what it does. */
export function servingOperation(resources: readonly Resource[], useCase: UseCase) {
  const stated = useCase.operation;
  if (!stated) return undefined;
  const op = resources
    .filter((r) => r.entity.name === stated.entity)
    .flatMap((r) => r.operations)
    .find((o) => o.kind === stated.kind && o.useCases.includes(useCase.name));
  if (!op) return undefined;
  const [status, statusText] = successStatusOf(op);
  return { method: op.method, path: op.path, status, statusText };
}
