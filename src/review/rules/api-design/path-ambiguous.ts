import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { type PathSegment, pathSegments } from "../../openapi/path-segments.js";
import { pathShape } from "./path-duplicate.js";

/**
 * Both paths match some URL and neither is more specific: each has a literal where the other has a
 * template. (`/users/me` vs `/users/{id}` is fine: the literal path wins everywhere.)
 */
function ambiguous(a: PathShape, b: PathShape): boolean {
  let aMoreSpecific = false;
  let bMoreSpecific = false;
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (x === undefined || y === undefined) return false;
    if (x.isTemplate && y.isTemplate) continue;
    if (!x.isTemplate && !y.isTemplate) {
      if (x.text !== y.text) return false;
      continue;
    }
    // `{issue_number}` is an integer: it never matches the literal `comments`.
    if (x.isTemplate && !canMatch(a, x, y.text)) return false;
    if (y.isTemplate && !canMatch(b, y, x.text)) return false;
    if (x.isTemplate) bMoreSpecific = true;
    else aMoreSpecific = true;
  }
  return aMoreSpecific && bMoreSpecific;
}

interface PathShape {
  readonly path: string;
  readonly segments: readonly PathSegment[];
  /** Path parameter names declared with an integer or number schema. */
  readonly numeric: ReadonlySet<string>;
  /** See pathShape: equal for duplicates, which path-duplicate reports. */
  readonly shape: string;
}

function canMatch(shape: PathShape, template: PathSegment, literal: string): boolean {
  const name = /^\{([^}]*)\}$/.exec(template.text)?.[1];
  return name === undefined || !shape.numeric.has(name) || /^-?\d+(\.\d+)?$/.test(literal);
}

/** For each path, the names of its path parameters that are integers or numbers. */
function numericPathParameters(context: OpenApiReviewContext): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const operation of context.operations) {
    const numeric = byPath.get(operation.path) ?? new Set<string>();
    byPath.set(operation.path, numeric);
    for (const parameter of operation.parameters) {
      const schema = parameter.get("schema");
      const type = schema === undefined ? undefined : context.deref(schema).object?.type;
      if (parameter.string("in") === "path" && (type === "integer" || type === "number")) {
        numeric.add(parameter.string("name") ?? "");
      }
    }
  }
  return byPath;
}

export const pathAmbiguous: OpenApiRule = {
  meta: {
    id: "path-ambiguous",
    area: "api-design",
    defaultSeverity: "warning",
    description:
      "Two paths can match the same URL and neither is more specific (`/{a}/items` vs `/users/{b}`).",
    rationale:
      "For `/users/items` no precedence rule picks between `/{kind}/items` and `/users/{id}`: routers decide by declaration order, so a refactor silently changes which handler runs.",
    howToFix:
      "Restructure one of the paths so that literal segments disambiguate them, e.g. give both the same literal prefix.",
  },
  check(context, report) {
    const byLength = new Map<number, PathShape[]>();
    const numeric = numericPathParameters(context);
    for (const entry of context.root.get("paths")?.children() ?? []) {
      const segments = pathSegments(entry.key);
      const shape: PathShape = {
        path: entry.key,
        segments,
        numeric: numeric.get(entry.key) ?? new Set(),
        shape: pathShape(entry.key),
      };
      const group = byLength.get(segments.length) ?? [];
      const clash = group.find((other) => other.shape !== shape.shape && ambiguous(other, shape));
      if (clash !== undefined) {
        report({
          message: `path "${entry.key}" and "${clash.path}" can match the same URL and neither is more specific`,
          location: context.locate(entry),
          fix: "make a literal segment tell the two paths apart",
        });
      }
      group.push(shape);
      byLength.set(segments.length, group);
    }
  },
};
