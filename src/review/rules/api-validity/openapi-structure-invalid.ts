import { nodeAtPointer } from "../../openapi/node-at-pointer.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { structureErrors } from "../../openapi/openapi-structure-validator.js";
import { structureProblems } from "../../openapi/structure-problem.js";

export const openapiStructureInvalid: OpenApiRule = {
  meta: {
    id: "openapi-structure-invalid",
    area: "api-validity",
    defaultSeverity: "error",
    description:
      "The description does not conform to the official OpenAPI 3.0 or 3.1 JSON Schema: a missing required field, an unknown field, a value outside its allowed set (`in: querry`, response code `99`), a path parameter without `required: true`.",
    rationale:
      "Every other rule, and every code generator, gateway and documentation tool, reads the description as the specification defines it. A misspelt `in` or status code is silently ignored or rejected by those tools, so the contract users see differs from the one that was written.",
    howToFix:
      "Correct the field the finding points at; the message names the allowed values and the closest one when it looks like a typo.",
  },
  check(context, report) {
    const errors = structureErrors(context.version, context.root.value);
    if (errors.length === 0) return;
    for (const problem of structureProblems(errors, context.root.value)) {
      report({
        message: problem.message,
        location: context.locate(nodeAtPointer(context.root, problem.pointer)),
        fix: problem.fix,
      });
    }
  },
};
