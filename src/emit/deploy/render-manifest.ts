import { Document, isMap, isScalar, isSeq, type Node } from "yaml";
import type { Manifest } from "./kubernetes-manifests.js";

/**
 * A manifest as YAML with its reasons as comments: the header above the document, each note above
 * its key. A note whose key is missing is a bug in the emitter, so it throws rather than vanish.
 */
export function renderManifest(manifest: Manifest): string {
  // Kubernetes reads manifests with a YAML 1.1 parser, where a bare yes, on or y is a boolean:
  // writing 1.1 quotes such strings. Shared label objects are written out each time: anchors and
  // aliases would obscure a manifest.
  const doc = new Document(manifest.object, { aliasDuplicateObjects: false, version: "1.1" });
  if (manifest.header.length > 0) doc.commentBefore = manifest.header.map(commentText).join("\n");
  for (const note of manifest.notes) {
    const key = keyNode(doc, note.path);
    if (key === undefined) throw new Error(`${manifest.path}: no key at ${note.path.join(".")}`);
    key.commentBefore = commentText(note.text);
  }
  return doc.toString({ lineWidth: 0 });
}

/** The key node of a mapping entry, or for a list index the item itself. */
function keyNode(doc: Document, path: readonly (string | number)[]): Node | undefined {
  const last = path.at(-1);
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (typeof last === "number") {
    const item = isSeq(parent) ? parent.items[last] : undefined;
    return isMap(item) || isScalar(item) ? item : undefined;
  }
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/** Comment width in characters, so a reason reads without scrolling. */
const COMMENT_WIDTH = 100;

/**
 * A reason wrapped at word boundaries into comment lines (each with the space after `#`). A few
 * lines: the yaml package folds scalars but leaves comments as given.
 */
export function commentText(text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > COMMENT_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => ` ${l}`).join("\n");
}
