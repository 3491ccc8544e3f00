import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { normalizeParameterName, PAGE_SIZE_PARAMETERS } from "../../openapi/pagination-parameters.js";

export const paginationLimitUnbounded: OpenApiRule = {
  meta: {
    id: "pagination-limit-unbounded",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A page-size parameter (`limit`, `per_page`, `page_size`...) has no `maximum`.",
    rationale:
      "Pagination only protects the server if the page size is capped. Without a declared maximum a client can ask for `limit=1000000`, and generated clients and gateways cannot validate the cap you enforce in prose.",
    howToFix: "Declare `minimum: 1`, `maximum` (e.g. 100) and a `default` on the parameter's schema.",
  },
  check(context, report) {
    const seen = new Set<unknown>();
    for (const operation of context.operations) {
      for (const parameter of operation.parameters) {
        const name = parameter.string("name") ?? "";
        if (parameter.string("in") !== "query" || !PAGE_SIZE_PARAMETERS.has(normalizeParameterName(name)))
          continue;
        const schemaEntry = parameter.get("schema");
        const schema = schemaEntry === undefined ? undefined : context.deref(schemaEntry);
        if (schema === undefined || seen.has(schema.value)) continue;
        seen.add(schema.value);
        const value = schema.object ?? {};
        if (value.maximum !== undefined || value.exclusiveMaximum !== undefined || value.enum !== undefined)
          continue;
        report({
          message: `page-size parameter "${name}" has no maximum`,
          location: context.locate(schema),
          fix: `add \`maximum\` (e.g. 100) to the schema of "${name}"`,
        });
      }
    }
  },
};
