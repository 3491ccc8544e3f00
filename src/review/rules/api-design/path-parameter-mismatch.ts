import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { pathTemplateNames } from "../../openapi/path-segments.js";

export const pathParameterMismatch: OpenApiRule = {
  meta: {
    id: "path-parameter-mismatch",
    area: "api-design",
    defaultSeverity: "error",
    description:
      "A `{name}` in the path has no `in: path` parameter, or a path parameter is not in the path.",
    rationale:
      "OpenAPI requires every template variable to be declared as a required path parameter. A mismatch makes generated clients build wrong URLs and servers validate against the wrong name.",
    howToFix:
      "Declare each `{name}` as a parameter with `in: path` and `required: true`, and remove path parameters the template does not contain.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      const names = new Set(pathTemplateNames(operation.path));
      const declared = operation.parameters.filter((p) => p.string("in") === "path");
      const declaredNames = new Set(declared.map((p) => p.string("name") ?? ""));
      for (const name of names) {
        if (declaredNames.has(name)) continue;
        report({
          message: `${operation.method.toUpperCase()} ${operation.path} does not declare path parameter "${name}"`,
          location: context.locate(operation.node),
          fix: `add a parameter { name: ${name}, in: path, required: true }`,
        });
      }
      for (const parameter of declared) {
        const name = parameter.string("name") ?? "";
        if (names.has(name)) continue;
        report({
          message: `path parameter "${name}" of ${operation.method.toUpperCase()} ${operation.path} is not in the path template`,
          location: context.locate(parameter),
          fix: `remove the parameter or add {${name}} to the path`,
        });
      }
    }
  },
};
