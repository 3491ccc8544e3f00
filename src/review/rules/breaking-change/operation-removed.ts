import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";

export const operationRemoved: BreakingChangeRule = {
  meta: {
    id: "operation-removed",
    area: "breaking-change",
    defaultSeverity: "error",
    description: "An operation (path and method) of the old version is gone from the new one.",
    rationale:
      "Every client that calls it starts getting 404 or 405 the moment the new version ships; generated SDKs lose the method and stop compiling.",
    howToFix:
      "Keep the operation, mark it `deprecated: true` with a `Sunset` date, and remove it only in a new major version (`/v2`).",
  },
  check(context, report) {
    for (const operation of context.removedOperations) {
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      report({
        message: `${label} was removed`,
        location: context.new.locate(context.newAnchor(operation.path)),
        fix: `restore ${label} and deprecate it instead of removing it`,
        related: [{ message: `${label} in the old version`, location: context.old.locate(operation.node) }],
      });
    }
  },
};
