import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";
import { schemaTypeSet } from "../../diff/flat-schema.js";

/** Format changes that only widen what a value may be: fine in a request, breaking in a response. */
const WIDER_FORMAT: Readonly<Record<string, string>> = { int32: "int64", float: "double" };

export const schemaTypeChanged: BreakingChangeRule = {
  meta: {
    id: "schema-type-changed",
    area: "breaking-change",
    defaultSeverity: "error",
    description:
      "A schema's `type` or `format` changed in a way old clients cannot handle: a request accepts fewer types, a response returns new ones.",
    rationale:
      "A client built against the old type sends values the server now rejects, or fails to parse values it now receives (a string id where it expects an integer, a date-time where it expects a date).",
    howToFix:
      "Keep the old type; add a new property with the new type and deprecate the old one, or change the type only in a new major version.",
  },
  check(context, report) {
    for (const direction of ["request", "response"] as const) {
      for (const pair of context.schemaPairs(direction)) {
        const oldTypes = schemaTypeSet(pair.old);
        const newTypes = schemaTypeSet(pair.new);
        if (oldTypes !== undefined && newTypes !== undefined) {
          const [narrow, wide] = direction === "request" ? [oldTypes, newTypes] : [newTypes, oldTypes];
          if ([...narrow].some((t) => !accepts(wide, t))) {
            report({
              message: `${pair.where}: type changed from ${show(oldTypes)} to ${show(newTypes)}`,
              location: context.new.locate(pair.new.get("type") ?? pair.new),
              fix: `keep type ${show(oldTypes)}, or add a new property with the new type`,
              related: [
                {
                  message: `type ${show(oldTypes)} in the old version`,
                  location: context.old.locate(pair.old.get("type") ?? pair.old),
                },
              ],
            });
            continue;
          }
        }
        const oldFormat = pair.old.string("format");
        const newFormat = pair.new.string("format");
        if (newFormat === undefined || oldFormat === newFormat) continue;
        if (oldFormat === undefined && direction === "response") continue;
        if (oldFormat !== undefined) {
          const widened =
            direction === "request"
              ? WIDER_FORMAT[oldFormat] === newFormat
              : WIDER_FORMAT[newFormat] === oldFormat;
          if (widened) continue;
        }
        report({
          message:
            oldFormat === undefined
              ? `${pair.where}: now requires format ${newFormat}`
              : `${pair.where}: format changed from ${oldFormat} to ${newFormat}`,
          location: context.new.locate(pair.new.get("format") ?? pair.new),
          fix:
            oldFormat === undefined
              ? "drop the new format, or accept any value as before"
              : `keep format ${oldFormat}`,
          related: [
            {
              message:
                oldFormat === undefined
                  ? "no format in the old version"
                  : `format ${oldFormat} in the old version`,
              location: context.old.locate(pair.old.get("format") ?? pair.old),
            },
          ],
        });
      }
    }
  },
};

/** Whether a schema of `types` accepts every value of type `type` (every integer is a number). */
function accepts(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

function show(types: ReadonlySet<string>): string {
  return [...types].sort().join(" | ");
}
