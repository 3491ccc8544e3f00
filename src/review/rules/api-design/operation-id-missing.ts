import type { OpenApiRule } from "../../openapi/openapi-rule.js";

export const operationIdMissing: OpenApiRule = {
  meta: {
    id: "operation-id-missing",
    area: "api-design",
    defaultSeverity: "warning",
    description: "An operation has no `operationId`.",
    rationale:
      "Code generators name SDK methods after `operationId`; without one they invent names from the path that change whenever the path does, breaking every client build. Docs links and metrics also key on it.",
    howToFix: "Add a stable, unique `operationId` such as `listUsers` or `users/list`.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      if (typeof operation.node.object?.operationId === "string" && operation.node.object.operationId !== "")
        continue;
      report({
        message: `${operation.method.toUpperCase()} ${operation.path} has no operationId`,
        location: context.locate(operation.node),
        fix: "add a unique operationId",
      });
    }
  },
};
