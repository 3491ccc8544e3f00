import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { normalizeParameterName } from "../../openapi/pagination-parameters.js";
import { responseSchemas, schemaTypes } from "../../openapi/schema-walk.js";

/** Names of values a server should never send back once set. OAuth token responses are legitimate and not listed. */
const SECRET_NAMES = new Set([
  "password",
  "passwd",
  "passwordhash",
  "hashedpassword",
  "secret",
  "clientsecret",
  "apisecret",
  "secretkey",
  "privatekey",
  "secretaccesskey",
  "ssn",
  "cvv",
  "cvc",
  "pin",
]);

export const secretInResponse: OpenApiRule = {
  meta: {
    id: "secret-in-response",
    area: "api-security",
    defaultSeverity: "error",
    description:
      "A response schema has a property named like a secret (`password`, `client_secret`, `private_key`, `cvv`).",
    rationale:
      "Secrets sent back in responses end up in client caches, logs and browser storage. A password hash in a user object is an offline cracking kit; a returned client secret outlives its rotation.",
    howToFix:
      "Remove the property from response schemas, or mark it `writeOnly: true` if the same schema is used for input.",
    owasp: "API3:2023 Broken Object Property Level Authorization",
  },
  check(context, report) {
    for (const visit of responseSchemas(context)) {
      for (const property of visit.schema.get("properties")?.children() ?? []) {
        if (!SECRET_NAMES.has(normalizeParameterName(property.key))) continue;
        const schema = context.deref(property);
        if (schema.object?.writeOnly === true) continue;
        // `pin: {$ref: pinned-comment}` is an object about pinning, not a PIN.
        const types = schemaTypes(schema);
        if (types.length > 0 ? !types.includes("string") : schema.object?.properties !== undefined) continue;
        report({
          message: `response property "${property.key}" exposes a secret`,
          location: context.locate(property),
          fix: `remove "${property.key}" from the response or mark it writeOnly`,
        });
      }
    }
  },
};
