import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import { matchParameters } from "./match-parameters.js";
import type { OperationPair } from "./openapi-diff-context.js";
import { pathShape } from "./path-template.js";

/** Pairs operations by method and path shape; what the old version has and the new lacks is removed. */
export function matchOperations(
  old: OpenApiReviewContext,
  next: OpenApiReviewContext,
): { pairs: OperationPair[]; removed: OpenApiOperation[] } {
  const byKey = new Map<string, OpenApiOperation>();
  for (const operation of next.operations) {
    const key = `${operation.method} ${pathShape(operation.path)}`;
    if (!byKey.has(key)) byKey.set(key, operation);
  }
  const pairs: OperationPair[] = [];
  const removed: OpenApiOperation[] = [];
  for (const operation of old.operations) {
    const counterpart = byKey.get(`${operation.method} ${pathShape(operation.path)}`);
    if (counterpart === undefined) {
      removed.push(operation);
      continue;
    }
    pairs.push({
      label: `${counterpart.method.toUpperCase()} ${counterpart.path}`,
      old: operation,
      new: counterpart,
      parameters: matchParameters(operation, counterpart),
    });
  }
  return { pairs, removed };
}
