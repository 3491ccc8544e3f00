import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { flattenSchema, schemaTypeSet } from "../../diff/flat-schema.js";

export const responsePropertyBecameOptional: BreakingChangeRule = {
  meta: {
    id: "response-property-became-optional",
    area: "breaking-change",
    defaultSeverity: "error",
    description: "A property the old version listed as `required` in a response body no longer is.",
    rationale:
      "`required` in a response is a promise that the property is always there. Typed clients generated from the old version read it without a check, so a response that now omits it fails to deserialize or crashes on a missing value.",
    howToFix:
      "Keep the property required and always return it (null where the type allows); drop the promise only in a new major version.",
  },
  check(context, report) {
    for (const pair of context.schemaPairs("response")) {
      const newTypes = schemaTypeSet(pair.new);
      if (newTypes !== undefined && !newTypes.has("object")) continue;
      const old = flattenSchema(context.old, pair.old);
      const next = flattenSchema(context.new, pair.new);
      for (const [name, item] of old.required) {
        // Gone altogether is response-property-removed's finding.
        if (next.required.has(name) || !next.properties.has(name) || !old.properties.has(name)) continue;
        report({
          message: `${pair.where}: property "${name}" is no longer required`,
          location: context.new.locate(next.properties.get(name) ?? pair.new),
          fix: `list "${name}" under required again`,
          related: [{ message: `"${name}" required in the old version`, location: context.old.locate(item) }],
        });
      }
    }
  },
};
