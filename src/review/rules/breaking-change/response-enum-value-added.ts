import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { BreakingChangeRule } from "../../diff/breaking-change-rule.js";

export const responseEnumValueAdded: BreakingChangeRule = {
  meta: {
    id: "response-enum-value-added",
    area: "breaking-change",
    defaultSeverity: "warning",
    description: "A response value that was an enum can now take a value the old version did not list.",
    rationale:
      "Clients built on the old enum map each value to a case: a generated enum type fails to deserialize the new value, and exhaustive switches fall through to code nobody wrote for it. A warning, not an error: clients written to tolerate unknown values are unaffected.",
    howToFix:
      "Announce the new value before sending it, send it only to clients that opt in, or document the enum as open (`x-extensible-enum`) so clients handle unknown values.",
  },
  check(context, report) {
    for (const pair of context.schemaPairs("response")) {
      const oldValues = enumValues(pair.old);
      const newValues = enumValues(pair.new);
      if (oldValues === undefined) continue;
      if (newValues === undefined) continue; // The enum dropped altogether is schema-level widening, reported by its own rule when typed.
      const known = new Set(oldValues);
      const added = newValues.filter((v) => !known.has(v));
      if (added.length === 0) continue;
      report({
        message: `${pair.where}: enum value${added.length === 1 ? "" : "s"} ${added.slice(0, 5).join(", ")}${added.length > 5 ? ` and ${added.length - 5} more` : ""} added`,
        location: context.new.locate(pair.new.get("enum") ?? pair.new),
        fix: "tell clients before sending new values, or mark the enum as extensible",
        related: [
          {
            message: "the enum in the old version",
            location: context.old.locate(pair.old.get("enum") ?? pair.old),
          },
        ],
      });
    }
  },
};

/** Enum values as JSON text, so `1` and `"1"` stay apart. */
function enumValues(schema: OpenApiNode): string[] | undefined {
  const values = schema.object?.enum;
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)) : undefined;
}
