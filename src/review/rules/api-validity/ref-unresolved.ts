import { didYouMean } from "../../../diagnostics/did-you-mean.js";
import { formatPointer, parsePointer } from "../../../import/openapi/json-pointer.js";
import { isJsonObject, type OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { referenceIndex } from "../../openapi/reference-index.js";

export const refUnresolved: OpenApiRule = {
  meta: {
    id: "ref-unresolved",
    area: "api-validity",
    defaultSeverity: "error",
    description:
      "A `$ref` points to nothing: no such component in this file, or no such pointer in the file it names.",
    rationale:
      "An unresolved reference leaves a hole in the contract: generators fail or emit an untyped value, documentation shows an empty schema, and every rule that follows the reference sees nothing to check.",
    howToFix:
      "Correct the pointer (the message suggests the closest existing name) or add the component it names.",
  },
  check(context, report) {
    // Large descriptions repeat the same few thousand references tens of thousands of times.
    const resolved = new Map<string, boolean>();
    for (const node of referenceIndex(context).refs) {
      const ref = node.string("$ref") ?? "";
      // Remote references are out of reach offline; files that cannot be read stop the import.
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) continue;
      const key = `${node.file.path}\u0000${ref}`;
      let found = resolved.get(key);
      if (found === undefined) {
        found = context.refTarget(node, ref) !== undefined;
        resolved.set(key, found);
      }
      if (found) continue;
      const guess = closestTarget(context, node, ref);
      report({
        message: `$ref "${ref}" points to nothing${guess === undefined ? "" : ` (did you mean "${guess}"?)`}`,
        location: context.locate(node.get("$ref") ?? node),
        fix: guess === undefined ? "point it at an existing definition" : `write "${guess}"`,
      });
    }
  },
};

/** The same reference with its last segment replaced by the closest existing member, if any is close. */
function closestTarget(context: OpenApiReviewContext, from: OpenApiNode, ref: string): string | undefined {
  const hash = ref.indexOf("#");
  if (hash === -1) return undefined;
  const segments = parsePointer(ref.slice(hash));
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  const parent = context.refTarget(from, `${ref.slice(0, hash)}#${formatPointer(segments.slice(0, -1))}`);
  if (parent === undefined || !isJsonObject(parent.value)) return undefined;
  const guess = didYouMean(last, Object.keys(parent.value));
  return guess === undefined ? undefined : `${ref.slice(0, ref.lastIndexOf("/") + 1)}${guess}`;
}
