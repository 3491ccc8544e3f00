import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import type { RuleReport } from "../../rule.js";

/** Upper bounds: lowering one, or adding one, rejects values the old version accepted. */
const UPPER = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"] as const;
/** Lower bounds: raising one, or adding one, rejects values the old version accepted. */
const LOWER = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"] as const;

export const requestValueNarrowed: BreakingChangeRule = {
  meta: {
    id: "request-value-narrowed",
    area: "breaking-change",
    defaultSeverity: "error",
    description:
      "A request parameter or body value accepts less than before: enum values removed, a max lowered, a min raised, a pattern added or changed.",
    rationale:
      "Values that old clients send, and that used to work, are now rejected with 400 or 422; nothing in their code changed.",
    howToFix:
      "Keep accepting the old values (map removed enum values to their replacement on the server); tighten validation only in a new major version.",
  },
  check(context, report) {
    for (const pair of context.schemaPairs("request")) {
      const at = (keyword: string, message: string, fix: string): RuleReport => ({
        message: `${pair.where}: ${message}`,
        location: context.new.locate(pair.new.get(keyword) ?? pair.new),
        fix,
        related: [
          {
            message:
              pair.old.get(keyword) === undefined
                ? `no ${keyword} in the old version`
                : `${keyword} in the old version`,
            location: context.old.locate(pair.old.get(keyword) ?? pair.old),
          },
        ],
      });
      const oldEnum = enumValues(pair.old);
      const newEnum = enumValues(pair.new);
      if (newEnum !== undefined) {
        if (oldEnum === undefined) {
          report(
            at(
              "enum",
              `now only accepts ${list(newEnum)}`,
              "accept any value as before, or add the enum in a new major version",
            ),
          );
        } else {
          const kept = new Set(newEnum);
          const removed = oldEnum.filter((v) => !kept.has(v));
          if (removed.length > 0) {
            report(
              at(
                "enum",
                `enum value${removed.length === 1 ? "" : "s"} ${list(removed)} removed`,
                `keep accepting ${list(removed)}`,
              ),
            );
          }
        }
      }
      for (const keyword of UPPER) {
        const before = numeric(pair.old, keyword);
        const after = numeric(pair.new, keyword);
        if (after === undefined || (before !== undefined && after >= before)) continue;
        report(
          at(
            keyword,
            before === undefined
              ? `new ${keyword} ${after}`
              : `${keyword} lowered from ${before} to ${after}`,
            before === undefined ? `drop ${keyword}` : `keep ${keyword} at ${before}`,
          ),
        );
      }
      for (const keyword of LOWER) {
        const before = numeric(pair.old, keyword);
        const after = numeric(pair.new, keyword);
        if (after === undefined || (before !== undefined && after <= before)) continue;
        if (before === undefined && after === 0 && keyword !== "minimum" && keyword !== "exclusiveMinimum")
          continue;
        report(
          at(
            keyword,
            before === undefined ? `new ${keyword} ${after}` : `${keyword} raised from ${before} to ${after}`,
            before === undefined ? `drop ${keyword}` : `keep ${keyword} at ${before}`,
          ),
        );
      }
      const oldPattern = pair.old.string("pattern");
      const newPattern = pair.new.string("pattern");
      if (newPattern !== undefined && newPattern !== oldPattern) {
        report(
          at(
            "pattern",
            oldPattern === undefined
              ? `new pattern ${newPattern}`
              : `pattern changed from ${oldPattern} to ${newPattern}`,
            oldPattern === undefined ? "drop the pattern" : "keep the old pattern",
          ),
        );
      }
    }
  },
};

/** Enum values as JSON text, so `1` and `"1"` stay apart and objects compare by content. */
function enumValues(schema: OpenApiNode): string[] | undefined {
  const values = schema.object?.enum;
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)) : undefined;
}

function numeric(schema: OpenApiNode, keyword: string): number | undefined {
  const value = schema.object?.[keyword];
  return typeof value === "number" ? value : undefined;
}

function list(values: readonly string[]): string {
  const shown = values.slice(0, 5).join(", ");
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
