import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { flattenSchema, schemaTypeSet } from "../../diff/flat-schema.js";

export const responsePropertyRemoved: BreakingChangeRule = {
  meta: {
    id: "response-property-removed",
    area: "breaking-change",
    defaultSeverity: "error",
    description: "A property the old version returned in a response body is gone.",
    rationale:
      "Clients read it: typed SDKs fail to deserialize or compile, and untyped ones get `undefined` where they expect a value.",
    howToFix:
      "Keep returning the property (deprecated, with a description saying what replaces it) until the next major version.",
  },
  check(context, report) {
    for (const pair of context.schemaPairs("response")) {
      const newTypes = schemaTypeSet(pair.new);
      // A type change away from object is schema-type-changed's to report; alternatives may hold the properties.
      if (newTypes !== undefined && !newTypes.has("object")) continue;
      const next = flattenSchema(context.new, pair.new);
      if (next.properties.size === 0 && (pair.new.get("oneOf") ?? pair.new.get("anyOf")) !== undefined)
        continue;
      const old = flattenSchema(context.old, pair.old);
      for (const [name, property] of old.properties) {
        if (next.properties.has(name) || context.old.deref(property).object?.writeOnly === true) continue;
        report({
          message: `${pair.where}: property "${name}" was removed`,
          location: context.new.locate(next.propertiesNode ?? pair.new),
          fix: `keep returning "${name}" and mark it deprecated`,
          related: [{ message: `"${name}" in the old version`, location: context.old.locate(property) }],
        });
      }
    }
  },
};
