import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";

export const successStatusRemoved: BreakingChangeRule = {
  meta: {
    id: "success-status-removed",
    area: "breaking-change",
    defaultSeverity: "error",
    description:
      "A success (2xx) status code of the old version is no longer returned, or the success code changed.",
    rationale:
      "Clients branch on the status code: code that checks for `201` treats a `200` as a failure, and generated SDKs lose the typed result of the removed code.",
    howToFix: "Keep returning the old success code; change it only in a new major version.",
  },
  check(context, report) {
    for (const pair of context.operations) {
      const oldResponses = pair.old.node.get("responses");
      const newResponses = pair.new.node.get("responses");
      if (oldResponses === undefined || newResponses === undefined) continue;
      const newSuccess = successCodes(newResponses);
      const covered = (code: string) =>
        newResponses.get(code) !== undefined || newSuccess.some((n) => n.key.toUpperCase() === "2XX");
      const removed = successCodes(oldResponses).filter((o) => !covered(o.key));
      if (removed.length === 0) continue;
      const oldKeys = new Set(successCodes(oldResponses).map((o) => o.key));
      const added = newSuccess.filter((n) => !oldKeys.has(n.key));
      for (const old of removed) {
        const replacement = added[0];
        report({
          message:
            replacement === undefined
              ? `success response ${old.key} of ${pair.label} was removed`
              : `success response of ${pair.label} changed from ${old.key} to ${replacement.key}`,
          location: context.new.locate(replacement ?? newResponses),
          fix: `keep returning ${old.key}`,
          related: [{ message: `${old.key} in the old version`, location: context.old.locate(old) }],
        });
      }
    }
  },
};

function successCodes(responses: OpenApiNode): OpenApiNode[] {
  return responses.children().filter((r) => /^2(\d\d|XX)$/i.test(r.key));
}
