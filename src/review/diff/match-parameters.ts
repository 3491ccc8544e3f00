import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation } from "../../import/openapi/openapi-review-context.js";
import { nameWords } from "../openapi/name-words.js";
import type { ParameterMatch } from "./openapi-diff-context.js";
import { pathParameterNames } from "./path-template.js";

/**
 * Pairs the parameters of two versions of one operation. Header names compare case-insensitively
 * (HTTP does); path parameters pair by their position in the template, since a client never sends
 * their names. A parameter gone while a new one of the same `in` appeared (the only one, or at the
 * same position in the list) is taken as renamed, unless their schemas' types differ; a lone newcomer
 * elsewhere in the list must also share a word with the old name (`user` in `userId` and `user_id`).
 * Without that evidence the old one is reported as removed: `page` gone while `relationship`
 * appeared is two changes, not a rename.
 */
export function matchParameters(old: OpenApiOperation, next: OpenApiOperation): ParameterMatch {
  const oldKeys = keyed(old);
  const newKeys = keyed(next);
  const matched: { old: OpenApiNode; new: OpenApiNode }[] = [];
  const removed: OpenApiNode[] = [];
  for (const [key, node] of oldKeys) {
    const counterpart = newKeys.get(key);
    if (counterpart === undefined) removed.push(node);
    else matched.push({ old: node, new: counterpart });
  }
  const added = [...newKeys].filter(([key]) => !oldKeys.has(key)).map(([, node]) => node);
  const renamed: { old: OpenApiNode; new: OpenApiNode }[] = [];
  const taken = new Set<OpenApiNode>();
  for (const from of removed) {
    const came = added.filter((p) => p.string("in") === from.string("in") && !taken.has(p));
    // A lone newcomer of the same kind, or the one standing where the old parameter stood.
    const samePlace = came.find((p) => next.parameters.indexOf(p) === old.parameters.indexOf(from));
    const lone =
      came.length === 1 && removed.filter((p) => p.string("in") === from.string("in")).length === 1
        ? came[0]
        : undefined;
    const to =
      samePlace !== undefined && sameKind(from, samePlace)
        ? samePlace
        : lone !== undefined && sameKind(from, lone) && namesAlike(from, lone)
          ? lone
          : undefined;
    if (to === undefined) continue;
    taken.add(to);
    renamed.push({ old: from, new: to });
  }
  const renamedOld = new Set(renamed.map((r) => r.old));
  const renamedNew = new Set(renamed.map((r) => r.new));
  return {
    matched,
    renamed,
    removed: removed.filter((p) => !renamedOld.has(p)),
    added: added.filter((p) => !renamedNew.has(p)),
  };
}

/** Neither schema says a type the other does not: `page` (integer) is no rename of `relationship` (string). */
function sameKind(a: OpenApiNode, b: OpenApiNode): boolean {
  const type = (p: OpenApiNode) => {
    const schema = p.get("schema")?.object;
    return typeof schema?.type === "string" ? schema.type : undefined;
  };
  const [ta, tb] = [type(a), type(b)];
  return ta === undefined || tb === undefined || ta === tb;
}

/** The names share a word, or one holds the other (`per_page` and `page`, `userId` and `user_id`). */
function namesAlike(a: OpenApiNode, b: OpenApiNode): boolean {
  const [na, nb] = [(a.string("name") ?? "").toLowerCase(), (b.string("name") ?? "").toLowerCase()];
  if (na.includes(nb) || nb.includes(na)) return true;
  const words = new Set(nameWords(a.string("name") ?? ""));
  return nameWords(b.string("name") ?? "").some((w) => words.has(w));
}

function keyed(operation: OpenApiOperation): Map<string, OpenApiNode> {
  const positions = new Map(pathParameterNames(operation.path).map((name, i) => [name, i]));
  const out = new Map<string, OpenApiNode>();
  for (const parameter of operation.parameters) {
    const location = parameter.string("in") ?? "";
    const name = parameter.string("name") ?? "";
    const key =
      location === "path"
        ? `path:#${positions.get(name) ?? name}`
        : `${location}:${location === "header" ? name.toLowerCase() : name}`;
    if (!out.has(key)) out.set(key, parameter);
  }
  return out;
}
