import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { schemaTypes } from "../../openapi/schema-walk.js";

const ID_NAME = /^id$|[_-]id$|[a-z]Id$|ID$/;

export const sequentialIdInPath: OpenApiRule = {
  meta: {
    id: "sequential-id-in-path",
    area: "api-security",
    defaultSeverity: "warning",
    description: "A path parameter that identifies an object (`{id}`, `{user_id}`) is an integer.",
    rationale:
      "Sequential integer ids are enumerable: a client that is allowed `/orders/41` tries `/orders/42`. Any missed object-level authorization check becomes a data breach, and ids leak business volumes.",
    howToFix:
      "Expose opaque identifiers (UUIDv7, ULID or prefixed random ids) in URLs, and check object-level authorization on every access regardless.",
    owasp: "API1:2023 Broken Object Level Authorization",
  },
  check(context, report) {
    const seen = new Set<unknown>();
    for (const operation of context.operations) {
      for (const parameter of operation.parameters) {
        const name = parameter.string("name") ?? "";
        if (parameter.string("in") !== "path" || !ID_NAME.test(name) || seen.has(parameter.value)) continue;
        seen.add(parameter.value);
        const schemaEntry = parameter.get("schema");
        const schema = schemaEntry === undefined ? undefined : context.deref(schemaEntry);
        if (schema === undefined || !schemaTypes(schema).includes("integer")) continue;
        report({
          message: `path parameter "${name}" is a sequential integer id`,
          location: context.locate(parameter),
          fix: "use an opaque string id (UUIDv7 or ULID) in the path",
        });
      }
    }
  },
};
