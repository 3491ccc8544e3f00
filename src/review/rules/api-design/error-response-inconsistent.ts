import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { jsonSchemaOf, statusClass } from "../../openapi/operation-responses.js";

interface ErrorShape {
  readonly schema: OpenApiNode;
  readonly properties: readonly string[];
  readonly required: readonly string[];
  uses: number;
}

export const errorResponseInconsistent: OpenApiRule = {
  meta: {
    id: "error-response-inconsistent",
    area: "api-design",
    defaultSeverity: "warning",
    description: "Error responses use a body shape that shares nothing with the shape most errors use.",
    rationale:
      "Clients write one error handler. When some endpoints return `{message}` and others `{error: {code}}`, every client needs per-endpoint special cases and some errors are shown to users as `[object Object]`.",
    howToFix:
      "Give every error response one schema (ideally RFC 9457 problem details) and extend it with `allOf` where an endpoint needs extra fields.",
  },
  check(context, report) {
    const shapes = new Map<unknown, ErrorShape>();
    for (const operation of context.operations) {
      for (const entry of operation.node.get("responses")?.children() ?? []) {
        const cls = statusClass(entry.key);
        if (cls !== 4 && cls !== 5) continue;
        const schema = jsonSchemaOf(context, context.deref(entry));
        const properties =
          schema
            ?.get("properties")
            ?.children()
            .map((p) => p.key) ?? [];
        if (schema === undefined || properties.length === 0) continue;
        const known = shapes.get(schema.value);
        if (known !== undefined) {
          known.uses++;
          continue;
        }
        const requiredValue = schema.object?.required;
        const required = Array.isArray(requiredValue)
          ? requiredValue.filter((r) => typeof r === "string")
          : [];
        shapes.set(schema.value, { schema, properties, required, uses: 1 });
      }
    }
    const all = [...shapes.values()];
    const common = [...all].sort((a, b) => b.uses - a.uses)[0];
    if (common === undefined) return;
    const core = common.required.length > 0 ? common.required : common.properties;
    for (const shape of all) {
      if (shape === common) continue;
      // An extension of the common shape is consistent; a disjoint shape is a second error format.
      if (core.some((p) => shape.properties.includes(p))) continue;
      report({
        message: `error body {${shape.properties.join(", ")}} shares no field with the common error body {${common.properties.join(", ")}}`,
        location: context.locate(shape.schema),
        fix: "reuse the common error schema (extend it with allOf if this error needs more fields)",
        related: [{ message: "the error body most responses use", location: context.locate(common.schema) }],
      });
    }
  },
};
