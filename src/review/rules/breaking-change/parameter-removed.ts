import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { parameterLabel } from "../../diff/parameter-label.js";

export const parameterRemoved: BreakingChangeRule = {
  meta: {
    id: "parameter-removed",
    area: "breaking-change",
    defaultSeverity: "error",
    description: "A query, header or cookie parameter of the old version is gone or was renamed.",
    rationale:
      "Clients keep sending the old name: the server now ignores it, so a filter, page size or option silently stops applying, and a renamed required parameter turns every old call into a 400.",
    howToFix:
      "Keep accepting the old parameter (deprecated, documented as an alias of the new one) until the next major version.",
  },
  check(context, report) {
    for (const pair of context.operations) {
      const { removed, renamed } = pair.parameters;
      for (const { old, new: next } of renamed) {
        report({
          message: `${parameterLabel(old)} of ${pair.label} was renamed to "${next.string("name") ?? ""}"`,
          location: context.new.locate(next),
          fix: `accept "${old.string("name") ?? ""}" as a deprecated alias of "${next.string("name") ?? ""}"`,
          related: [
            { message: `${parameterLabel(old)} in the old version`, location: context.old.locate(old) },
          ],
        });
      }
      for (const old of removed) {
        report({
          message: `${parameterLabel(old)} of ${pair.label} was removed`,
          location: context.new.locate(pair.new.node.get("parameters") ?? pair.new.node),
          fix: `keep accepting ${parameterLabel(old)} until the next major version`,
          related: [
            { message: `${parameterLabel(old)} in the old version`, location: context.old.locate(old) },
          ],
        });
      }
    }
  },
};
