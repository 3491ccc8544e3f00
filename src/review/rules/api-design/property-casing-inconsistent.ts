import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import { type NameCasing, nameCasing } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { requestSchemas, responseSchemas } from "../../openapi/schema-walk.js";

const CONVENTIONS: readonly NameCasing[] = ["camelCase", "snake_case", "kebab-case", "PascalCase"];

/** Names a protocol fixes (SAML's HTTP-POST binding): renaming them would break the protocol. */
const PROTOCOL_NAMES = new Set(["SAMLResponse", "SAMLRequest", "RelayState", "SigAlg", "Signature"]);

export const propertyCasingInconsistent: OpenApiRule = {
  meta: {
    id: "property-casing-inconsistent",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A multi-word property name does not follow the casing most properties in the API use.",
    rationale:
      "`user_id` in one payload and `userId` in the next forces every client to map names per endpoint and makes generated models inconsistent; it usually means two teams' conventions leaked into one contract.",
    howToFix:
      "Rename the property to the API's dominant convention (shown in the message) or document why it differs.",
  },
  check(context, report) {
    const properties: { node: OpenApiNode; casing: NameCasing }[] = [];
    const seen = new Set<unknown>();
    for (const visit of [...requestSchemas(context), ...responseSchemas(context)]) {
      const list = visit.schema.get("properties");
      if (list === undefined || seen.has(list.value)) continue;
      seen.add(list.value);
      for (const property of list.children()) {
        if (PROTOCOL_NAMES.has(property.key)) continue;
        const casing = nameCasing(property.key);
        if (CONVENTIONS.includes(casing)) properties.push({ node: property, casing });
      }
    }
    const counts = new Map<NameCasing, number>();
    for (const p of properties) counts.set(p.casing, (counts.get(p.casing) ?? 0) + 1);
    const dominant = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (dominant === undefined) return;
    for (const p of properties) {
      if (p.casing === dominant[0]) continue;
      report({
        message: `property "${p.node.key}" is ${p.casing}; ${dominant[1]} of ${properties.length} multi-word properties are ${dominant[0]}`,
        location: context.locate(p.node),
        fix: `rename "${p.node.key}" to ${dominant[0]}`,
      });
    }
  },
};
