import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import type { RuleReport } from "../../rule.js";

export const mediaTypeRemoved: BreakingChangeRule = {
  meta: {
    id: "media-type-removed",
    area: "breaking-change",
    defaultSeverity: "error",
    description: "A request or response body no longer offers a media type the old version did.",
    rationale:
      "Clients that send the old request media type now get 415 Unsupported Media Type; clients that ask for the old response media type get 406 Not Acceptable or a body they cannot parse.",
    howToFix: "Keep accepting and producing the old media type next to the new one.",
  },
  check(context, report) {
    const compare = (
      oldContent: OpenApiNode | undefined,
      newContent: OpenApiNode | undefined,
      where: string,
      newFallback: OpenApiNode,
    ): void => {
      if (oldContent === undefined) return;
      const offered = (newContent?.children() ?? []).map((m) => m.key.toLowerCase());
      for (const media of oldContent.children()) {
        if (covers(offered, media.key.toLowerCase())) continue;
        const finding: RuleReport = {
          message: `${where} no longer offers ${media.key}`,
          location: context.new.locate(newContent ?? newFallback),
          fix: `keep ${media.key} next to ${offered.join(", ") || "the new media types"}`,
          related: [{ message: `${media.key} in the old version`, location: context.old.locate(media) }],
        };
        report(finding);
      }
    };
    for (const pair of context.operations) {
      const oldBody = pair.old.node.get("requestBody");
      const newBody = pair.new.node.get("requestBody");
      if (oldBody !== undefined && newBody !== undefined) {
        const resolved = context.new.deref(newBody);
        compare(
          context.old.deref(oldBody).get("content"),
          resolved.get("content"),
          `request body of ${pair.label}`,
          resolved,
        );
      }
      const newResponses = pair.new.node.get("responses");
      for (const response of pair.old.node.get("responses")?.children() ?? []) {
        const counterpart = newResponses?.get(response.key);
        if (counterpart === undefined) continue;
        const resolved = context.new.deref(counterpart);
        compare(
          context.old.deref(response).get("content"),
          resolved.get("content"),
          `response ${response.key} of ${pair.label}`,
          resolved,
        );
      }
    }
  },
};

/** Whether one of `offered` (which may be `*\/*` or `type/*`) matches `media`, parameters ignored. */
function covers(offered: readonly string[], media: string): boolean {
  const base = (m: string) => m.split(";")[0]?.trim() ?? m;
  const wanted = base(media);
  return offered.some((o) => {
    const b = base(o);
    return b === wanted || b === "*/*" || (b.endsWith("/*") && wanted.startsWith(b.slice(0, -1)));
  });
}
