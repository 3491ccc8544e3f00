import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { flattenSchema } from "../../diff/flat-schema.js";

export const requestPropertyBecameRequired: BreakingChangeRule = {
  meta: {
    id: "request-property-became-required",
    area: "breaking-change",
    defaultSeverity: "error",
    description:
      "A request body, or a property in one, that clients could leave out is now required, or a new required property appeared.",
    rationale: "Every existing client that does not send it gets a 400 or 422 on a call that used to work.",
    howToFix:
      "Make it optional and let the server fill a default that reproduces the old behaviour; require it only in a new major version.",
  },
  check(context, report) {
    for (const pair of context.operations) {
      const next = pair.new.node.get("requestBody");
      if (next === undefined || context.new.deref(next).object?.required !== true) continue;
      const oldBody = pair.old.node.get("requestBody");
      if (oldBody !== undefined && context.old.deref(oldBody).object?.required === true) continue;
      const newBody = context.new.deref(next);
      report({
        message: `request body of ${pair.label} is now required`,
        location: context.new.locate(newBody.get("required") ?? newBody),
        fix: "make the request body optional again",
        related: [
          oldBody === undefined
            ? {
                message: `${pair.label} took no body in the old version`,
                location: context.old.locate(pair.old.node),
              }
            : {
                message: "optional in the old version",
                location: context.old.locate(context.old.deref(oldBody)),
              },
        ],
      });
    }
    for (const pair of context.schemaPairs("request")) {
      const next = flattenSchema(context.new, pair.new);
      const old = flattenSchema(context.old, pair.old);
      for (const [name, item] of next.required) {
        if (old.required.has(name)) continue;
        const property = next.properties.get(name);
        if (property !== undefined && context.new.deref(property).object?.readOnly === true) continue;
        const before = old.properties.get(name);
        report({
          message:
            before === undefined
              ? `${pair.where}: new required property "${name}"`
              : `${pair.where}: property "${name}" is now required`,
          location: context.new.locate(item),
          fix: `make "${name}" optional with a server-side default`,
          related: [
            before === undefined
              ? {
                  message: "the schema in the old version, without it",
                  location: context.old.locate(pair.old),
                }
              : {
                  message: `"${name}" was optional in the old version`,
                  location: context.old.locate(before),
                },
          ],
        });
      }
    }
  },
};
