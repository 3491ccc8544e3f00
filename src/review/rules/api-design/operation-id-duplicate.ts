import type { OpenApiRule } from "../../openapi/openapi-rule.js";

export const operationIdDuplicate: OpenApiRule = {
  meta: {
    id: "operation-id-duplicate",
    area: "api-design",
    defaultSeverity: "error",
    description: "Two operations share one `operationId`.",
    rationale:
      "The OpenAPI specification requires operationIds to be unique; generators emit two methods with the same name (a compile error) or silently drop one operation.",
    howToFix: "Rename one of them so that every operationId is unique.",
  },
  check(context, report) {
    const first = new Map<string, string>();
    for (const operation of context.operations) {
      const idNode = operation.node.get("operationId");
      const id = idNode?.value;
      if (idNode === undefined || typeof id !== "string" || id === "") continue;
      const where = `${operation.method.toUpperCase()} ${operation.path}`;
      const earlier = first.get(id);
      if (earlier === undefined) {
        first.set(id, where);
        continue;
      }
      report({
        message: `operationId "${id}" of ${where} is already used by ${earlier}`,
        location: context.locate(idNode),
        fix: `rename it, e.g. "${id}${operation.method[0]?.toUpperCase()}${operation.method.slice(1)}"`,
      });
    }
  },
};
