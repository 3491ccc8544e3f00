import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { requestBodySchemas, schemaTypes } from "../../openapi/schema-walk.js";

/**
 * `additionalProperties: true` or `{}`: any extra member accepted. A typed map (`{type: string}`) is a
 * deliberate design, and so is a free-form bag that bounds its size with `maxProperties` (a JSON
 * metadata column): it is open by intent and stored as data, not bound onto model fields.
 */
function explicitlyOpen(schema: OpenApiNode): boolean {
  const additional = schema.object?.additionalProperties;
  const open =
    additional === true ||
    (typeof additional === "object" && additional !== null && Object.keys(additional).length === 0);
  return open && typeof schema.object?.maxProperties !== "number";
}

function isObjectSchema(schema: OpenApiNode): boolean {
  return schemaTypes(schema).includes("object") || schema.object?.properties !== undefined;
}

export const writeBodyOpenProperties: OpenApiRule = {
  meta: {
    id: "write-body-open-properties",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "A request body object accepts undeclared properties: `additionalProperties` is `true`/`{}`, or missing on the body's top-level schema.",
    rationale:
      "Mass assignment: when the server binds the body onto its model, an undeclared `role`, `owner_id` or `is_admin` gets written too. A closed schema lets the validator reject what the contract does not allow.",
    howToFix:
      "Set `additionalProperties: false` (or `unevaluatedProperties: false` with allOf in 3.1) on write bodies, and mark server-owned fields `readOnly: true`.",
    owasp: "API3:2023 Broken Object Property Level Authorization",
  },
  check(context, report) {
    const tops = new Set<unknown>();
    for (const operation of context.operations) {
      if (operation.method !== "post" && operation.method !== "put" && operation.method !== "patch") continue;
      const body = operation.node.get("requestBody");
      if (body === undefined) continue;
      for (const media of context.deref(body).get("content")?.children() ?? []) {
        const schema = media.get("schema");
        if (schema === undefined) continue;
        const resolved = context.deref(schema);
        const v = resolved.object ?? {};
        if (tops.has(resolved.value) || !isObjectSchema(resolved)) continue;
        tops.add(resolved.value);
        if (v.additionalProperties !== undefined || v.unevaluatedProperties === false) continue;
        report({
          message: `the body of ${operation.method.toUpperCase()} ${operation.path} accepts undeclared properties (no additionalProperties: false)`,
          location: context.locate(resolved),
          fix: "add `additionalProperties: false` to the request body schema",
        });
      }
    }
    for (const visit of requestBodySchemas(context)) {
      if (!explicitlyOpen(visit.schema)) continue;
      const what = visit.name === undefined ? "a request body object" : `request object "${visit.name}"`;
      report({
        message: `${what} allows any additional property`,
        location: context.locate(visit.schema.get("additionalProperties") ?? visit.schema),
        fix: "set `additionalProperties: false`, give it a typed schema if it is a map, or bound a free-form bag with `maxProperties`",
      });
    }
  },
};
