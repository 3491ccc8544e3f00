import { didYouMean } from "../../../diagnostics/did-you-mean.js";
import { isJsonObject, type OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { referenceIndex } from "../../openapi/reference-index.js";

const COMBINATORS = ["allOf", "anyOf", "oneOf"] as const;

export const requiredPropertyUndeclared: OpenApiRule = {
  meta: {
    id: "required-property-undeclared",
    area: "api-validity",
    defaultSeverity: "error",
    description:
      "A schema's `required` names a property its `properties` (and those of its `allOf`, `anyOf`, `oneOf` members) do not declare, or sits on an array schema instead of its `items`.",
    rationale:
      "Usually a typo (`required: [nme]` beside `name`): the property meant to be mandatory is optional, and every valid object must now carry an undeclared one, so generated clients cannot build a valid request. Schemas whose extra members are open (`additionalProperties`, `patternProperties`) and schemas used as `allOf` mixins, whose properties come from their siblings, are left alone.",
    howToFix: "Correct the name in `required`, or declare the property under `properties`.",
  },
  check(context, report) {
    const { requiredLists, allOfMembers } = referenceIndex(context);
    for (const schema of requiredLists) {
      const value = schema.value;
      if (!isJsonObject(value) || !Array.isArray(value.required) || allOfMembers.has(value)) continue;
      if (isArraySchema(value)) {
        const names = value.required.filter((n): n is string => typeof n === "string");
        report({
          message: `\`required\` (${names.join(", ")}) sits on an array schema, where it has no effect: it belongs in \`items\``,
          location: context.locate(schema.get("required") ?? schema),
          fix: "move `required` into the `items` schema beside the properties it names",
        });
        continue;
      }
      if (!isJsonObject(value.properties) && !COMBINATORS.some((c) => Array.isArray(value[c]))) continue;
      if (isOpen(value)) continue;
      const declared = declaredProperties(context, schema, new Set());
      if (declared === undefined) continue;
      for (const item of schema.get("required")?.children() ?? []) {
        const name = item.value;
        if (typeof name !== "string" || declared.has(name)) continue;
        const guess = didYouMean(name, declared);
        const owner = schemaName(schema);
        report({
          message: `required property "${name}"${owner === undefined ? "" : ` of ${owner}`} is not declared under \`properties\`${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`,
          location: context.locate(item),
          fix: guess === undefined ? `declare "${name}" under \`properties\`` : `write "${guess}"`,
        });
      }
    }
  },
};

/** An array schema with an object `items`: `required` beside `items` is the usual misplacement. */
function isArraySchema(value: { readonly [key: string]: unknown }): boolean {
  return value.type === "array" && isJsonObject(value.items) && value.properties === undefined;
}

function isOpen(value: { readonly [key: string]: unknown }): boolean {
  return (
    value.patternProperties !== undefined ||
    (value.additionalProperties !== undefined && value.additionalProperties !== false)
  );
}

/**
 * Property names a schema declares itself or through its combinators; undefined when one of them is
 * open or cannot be followed, since then any name may be declared.
 */
function declaredProperties(
  context: OpenApiReviewContext,
  schema: OpenApiNode,
  seen: Set<unknown>,
): Set<string> | undefined {
  const value = schema.value;
  if (!isJsonObject(value)) return undefined;
  if (seen.has(value)) return new Set();
  seen.add(value);
  if (isOpen(value)) return undefined;
  const names = new Set(isJsonObject(value.properties) ? Object.keys(value.properties) : []);
  for (const combinator of COMBINATORS) {
    for (const member of schema.get(combinator)?.children() ?? []) {
      const target = context.deref(member);
      if (isJsonObject(target.value) && typeof target.value.$ref === "string") return undefined;
      const inner = declaredProperties(context, target, seen);
      if (inner === undefined) return undefined;
      for (const name of inner) names.add(name);
    }
  }
  return names;
}

function schemaName(schema: OpenApiNode): string | undefined {
  return schema.parent?.key === "schemas" && schema.parent.parent?.key === "components"
    ? schema.key
    : undefined;
}
