import { InputError } from "../diagnostics/diagnostic.js";
import { parseSpec } from "../spec/load-spec.js";
import { type DraftItem, draftSpec } from "./draft-spec.js";
import { renderDraft } from "./render-draft.js";

export type { DraftItem, DraftSource } from "./draft-spec.js";

/** What `archwright init` produces: the draft's text and what it rests on. */
export interface BriefDraft {
  /** archwright.yaml text; it always passes `archwright validate`. */
  readonly yaml: string;
  /** What the brief leaves open, for the author to answer. */
  readonly questions: readonly string[];
  /** What the draft assumed in place of those answers. */
  readonly assumptions: readonly string[];
  /** Every drafted item with the sentence it came from. */
  readonly items: readonly DraftItem[];
  /** Catalog domains the brief matched (`social`, `commerce`, ...). */
  readonly domains: readonly string[];
}

/** A plain-English brief -> a draft archwright.yaml, offline and deterministic. */
export function draftSpecFromBrief(text: string): BriefDraft {
  const draft = draftSpec(text);
  const yaml = renderDraft(draft);
  // The draft is built to validate; checking costs a millisecond and turns a drafting bug into an
  // internal error instead of a file that `validate` rejects.
  try {
    parseSpec(yaml, "archwright.yaml");
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new Error(`the drafted spec does not validate (a bug in init): ${error.message}`);
  }
  return {
    yaml,
    questions: draft.questions,
    assumptions: draft.assumptions,
    items: draft.items,
    domains: draft.domains,
  };
}
