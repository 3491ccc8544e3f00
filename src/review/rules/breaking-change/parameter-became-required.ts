import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { parameterLabel } from "../../diff/parameter-label.js";

export const parameterBecameRequired: BreakingChangeRule = {
  meta: {
    id: "parameter-became-required",
    area: "breaking-change",
    defaultSeverity: "error",
    description:
      "A parameter that clients could leave out is now required, or a new required parameter appeared.",
    rationale: "Every existing call that does not send it now fails with 400.",
    howToFix:
      "Make the parameter optional with a default that reproduces the old behaviour; require it only in a new major version.",
  },
  check(context, report) {
    for (const pair of context.operations) {
      for (const { old, new: next } of pair.parameters.matched) {
        if (next.object?.required !== true || old.object?.required === true) continue;
        report({
          message: `${parameterLabel(next)} of ${pair.label} is now required`,
          location: context.new.locate(next.get("required") ?? next),
          fix: "make it optional with a default that keeps the old behaviour",
          related: [{ message: `optional in the old version`, location: context.old.locate(old) }],
        });
      }
      for (const next of pair.parameters.added) {
        if (next.object?.required !== true) continue;
        report({
          message: `new required ${parameterLabel(next)} of ${pair.label}`,
          location: context.new.locate(next),
          fix: "make it optional with a default that keeps the old behaviour",
          related: [
            { message: `${pair.label} in the old version`, location: context.old.locate(pair.old.node) },
          ],
        });
      }
    }
  },
};
