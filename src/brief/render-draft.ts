import { Document, isMap, isPair, isScalar, isSeq, type Node, visit } from "yaml";
import type { DraftItem, SpecDraft } from "./draft-spec.js";

/** Paths whose values read best on one line: a field's properties, lists of names, small maps. */
const FLOW_PARENTS = new Set(["fields", "growth", "filter", "sort"]);

/**
 * The draft as archwright.yaml text. Built through the yaml Document API so comments sit on the
 * nodes they explain and the text is valid YAML whatever a sentence contains; the same draft always
 * renders to the same bytes.
 */
export function renderDraft(draft: SpecDraft): string {
  const doc = new Document(draft.spec);
  visit(doc, {
    Seq(_, node) {
      node.flow = node.items.every((item) => isScalar(item));
    },
    Pair(_, pair, path) {
      const parent = path.at(-2);
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const grand = parent && isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : "";
      if (isMap(pair.value) && (FLOW_PARENTS.has(grand) || (FLOW_PARENTS.has(key) && key !== "fields")))
        pair.value.flow = true;
      if (key === "tenancy" && isMap(pair.value)) pair.value.flow = true;
    },
  });
  const notes = new Map<Node, string[]>();
  for (const item of draft.items) {
    const node = nodeAt(doc, item);
    if (!node) continue;
    const lines = notes.get(node) ?? [];
    if (!lines.includes(item.note)) lines.push(item.note);
    notes.set(node, lines);
  }
  for (const [node, lines] of notes) node.commentBefore = lines.map((l) => ` ${oneLine(l)}`).join("\n");
  doc.commentBefore = header(draft);
  return doc.toString({ lineWidth: 0 });
}

/** The node a comment goes on: the key of a mapping entry, or the item of a list. */
function nodeAt(doc: Document, item: DraftItem): Node | undefined {
  const parent = doc.getIn(item.path.slice(0, -1), true);
  const last = item.path.at(-1);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    return pair && isScalar(pair.key) ? pair.key : undefined;
  }
  if (isSeq(parent) && typeof last === "number") {
    const node = parent.items[last];
    return node && (isMap(node) || isScalar(node)) ? node : undefined;
  }
  return undefined;
}

function header(draft: SpecDraft): string {
  const lines = [
    " yaml-language-server: $schema=./node_modules/archwright/schema/archwright.schema.json",
    "",
    " Draft written by `archwright init` from a brief. Every item names the sentence it came from;",
    " check each one, answer the questions, then run `archwright validate` and `archwright design`.",
  ];
  if (draft.domains.length > 0) lines.push(` Catalog domains matched: ${draft.domains.join(", ")}.`);
  if (draft.questions.length > 0) {
    lines.push("", " Questions the brief leaves open:");
    for (const [i, q] of draft.questions.entries()) lines.push(`   ${i + 1}. ${oneLine(q)}`);
  }
  if (draft.assumptions.length > 0) {
    lines.push("", " Assumptions made in their place:");
    for (const a of draft.assumptions) lines.push(`   - ${oneLine(a)}`);
  }
  return lines.join("\n");
}

/** A comment never spans lines: a newline in a sentence would end the comment early. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
