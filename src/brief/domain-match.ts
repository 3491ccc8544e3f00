import pluralize from "pluralize";
import type { BriefSentence } from "./brief-sentences.js";
import { DOMAINS, type Domain } from "./domain-catalog.js";

export interface DomainMatch {
  readonly domain: Domain;
  /** The first sentence that names one of the domain's words. */
  readonly sentence: BriefSentence;
  /** The distinct trigger words found, in the order they appear. */
  readonly hits: readonly string[];
}

/**
 * Which catalog domains a brief describes: one distinctive word ("marketplace", "telemetry") is
 * enough, otherwise two of the domain's words must appear, so a lone "post" or "order" does not
 * pull in a whole social network or shop.
 */
export function matchDomains(sentences: readonly BriefSentence[]): DomainMatch[] {
  const matches: DomainMatch[] = [];
  for (const domain of DOMAINS) {
    const hits: string[] = [];
    let first: BriefSentence | undefined;
    for (const sentence of sentences) {
      const words = sentenceWords(sentence);
      for (const trigger of domain.triggers) {
        if (hits.includes(trigger) || !words.has(trigger)) continue;
        hits.push(trigger);
        first ??= sentence;
      }
    }
    if (first === undefined) continue;
    if (hits.length >= 2 || hits.some((h) => domain.strong.includes(h)))
      matches.push({ domain, sentence: first, hits });
  }
  return matches;
}

const wordCache = new WeakMap<BriefSentence, ReadonlySet<string>>();

/** The sentence's words singular and lowercase, plus its verbs' infinitives. */
export function sentenceWords(sentence: BriefSentence): ReadonlySet<string> {
  let words = wordCache.get(sentence);
  if (words === undefined) {
    const set = new Set<string>();
    for (const term of sentence.terms) {
      set.add(term.normal);
      set.add(term.lemma);
      set.add(pluralize.singular(term.normal));
    }
    for (let i = 0; i + 1 < sentence.terms.length; i++) {
      const a = sentence.terms[i]?.normal ?? "";
      const b = pluralize.singular(sentence.terms[i + 1]?.normal ?? "");
      set.add(`${a} ${b}`);
      set.add(`${pluralize.singular(a)} ${b}`);
    }
    words = set;
    wordCache.set(sentence, words);
  }
  return words;
}
