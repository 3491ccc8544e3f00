import pluralize from "pluralize";
import type { BriefSentence, BriefTerm } from "./brief-sentences.js";

/** "Drivers accept trips": who does what to which thing, in one sentence. */
export interface BriefAction {
  /** Singular lowercase noun phrase of the doer ("driver", "pet owner"). */
  readonly subject: string;
  /** The doer was written in the plural ("mechanics"): a group of people more often than a thing. */
  readonly subjectPlural: boolean;
  /** Infinitive ("accept"). A phrasal particle is kept ("check out"). */
  readonly verb: string;
  /** Singular lowercase noun phrase of the thing acted on ("trip"). */
  readonly object: string;
  /** The object was written in the plural ("trips"): the action is about many rows. */
  readonly plural: boolean;
  /** "their trips", "my orders", "own posts": the doer's own rows. */
  readonly own: boolean;
  /** The preposition between verb and object ("comment on posts"), if any. */
  readonly preposition: string | undefined;
  /** "add products to a cart": the thing the object goes into ("cart"). */
  readonly container: string | undefined;
  readonly sentence: BriefSentence;
}

/** "Each listing has a title, a price and photos": what a thing is made of. */
export interface BriefComposition {
  readonly whole: string;
  readonly parts: readonly { readonly noun: string; readonly plural: boolean }[];
  /** "A trip belongs to a rider": the parts are parents of the whole, not pieces of it. */
  readonly belongsTo: boolean;
  readonly sentence: BriefSentence;
}

/*
 * The mapping from tagged words to actions is written here: compromise tags parts of speech but
 * has no dependency parse, and a brief's requirements follow few shapes ("<people> [can] <verb>
 * <things>", coordinated verbs sharing a subject, "<thing> has <parts>"), which a left-to-right
 * walk over the tags reads reliably.
 */

/** Verbs that talk about the system rather than name an action a user takes. */
const NON_ACTIONS = new Set([
  "be",
  "have",
  "let",
  "allow",
  "enable",
  "need",
  "want",
  "expect",
  "use",
  "build",
  "support",
  "provide",
  "handle",
  "include",
  "require",
  "hope",
  "plan",
  "help",
  "able",
  "like to",
  "do",
  "get",
  "go",
  "come",
  "grow",
  "reach",
  "serve",
  "run",
  "keep",
  "store",
  "retain",
  "aim",
  "mean",
  "try",
  "work",
  "live",
  "belong",
  "contain",
  "consist",
  "hold",
  "own",
  "go",
  "pass",
]);
/** Nouns that name a view of something rather than a thing: "trip history" shows trips. */
export const VIEW_HEADS = new Set([
  "history",
  "list",
  "detail",
  "details",
  "info",
  "information",
  "overview",
  "summary",
  "dashboard",
  "status",
  "page",
  "feed",
  "timeline",
  "log",
  "chart",
  "map",
  "report",
  "view",
  "catalog",
  "catalogue",
]);
const CONTAINER_VERBS = new Set(["add", "attach", "assign", "move", "pin", "save", "put", "upload"]);
const COMPOSITION_VERBS = new Set(["have", "contain", "include", "hold", "carry"]);
const PARTICLES = new Set(["out", "up", "in", "off", "back", "down", "over"]);
const OWN_WORDS = new Set(["their", "my", "own", "his", "her", "your", "our"]);
/** A clause that begins with one of these has no doer we can name. */
const NOT_DOERS = new Set([
  "we",
  "i",
  "it",
  "this",
  "that",
  "they",
  "you",
  "there",
  "which",
  "who",
  "each",
  "every",
]);

export function findActions(sentence: BriefSentence): BriefAction[] {
  const terms = sentence.terms;
  const actions: BriefAction[] = [];
  let subject: string | undefined;
  let subjectPlural = false;
  let last: BriefAction | undefined;
  let i = 0;
  while (i < terms.length) {
    const term = terms[i] as BriefTerm;
    if (isNoun(term)) {
      const phrase = nounPhrase(terms, i);
      const next = skipAuxiliaries(terms, phrase.end);
      // A noun inside a prepositional phrase ("in several currencies, send") is never the doer.
      if (next < terms.length && isActionVerb(terms[next] as BriefTerm) && !afterPreposition(terms, i)) {
        subject = phrase.noun;
        subjectPlural = phrase.plural || (terms[phrase.end - 1] as BriefTerm).normal.endsWith("s");
      }
      i = phrase.end;
      continue;
    }
    if (isPronoun(term) && NOT_DOERS.has(term.normal)) {
      const next = skipAuxiliaries(terms, i + 1);
      if (next < terms.length && terms[next]?.tags.has("Verb")) subject = undefined;
      i += 1;
      continue;
    }
    if (subject !== undefined && isActionVerb(term) && !NON_ACTIONS.has(term.lemma)) {
      let verb = term.lemma;
      let k = i + 1;
      const particle = terms[k];
      if (particle !== undefined && PARTICLES.has(particle.normal) && !endsClause(term)) {
        verb = `${verb} ${particle.normal}`;
        k += 1;
      }
      let own = false;
      let preposition: string | undefined;
      while (k < terms.length && isObjectPrefix(terms[k] as BriefTerm, terms[k + 1])) {
        const prefix = terms[k] as BriefTerm;
        if (OWN_WORDS.has(prefix.normal)) own = true;
        if ((prefix.tags.has("Preposition") || prefix.normal === "to") && preposition === undefined)
          preposition = prefix.normal;
        if (endsClause(terms[k] as BriefTerm)) break;
        k += 1;
      }
      const objectTerm = terms[k];
      // "assign tickets, answer them and close them": the pronoun is the last thing acted on.
      if (!endsClause(term) && objectTerm !== undefined && /^(them|it)$/.test(objectTerm.normal) && last) {
        actions.push({ ...last, verb, own, preposition, container: undefined });
        i = k + 1;
        continue;
      }
      if (!endsClause(term) && objectTerm !== undefined && isNoun(objectTerm)) {
        let phrase = nounPhrase(terms, k);
        let container: string | undefined;
        // "the maintenance history of every vehicle": the view names what it shows.
        const of = followingPhrase(terms, phrase.end, /^of$/);
        if (of && VIEW_HEADS.has(phrase.noun.split(" ").at(-1) ?? "")) {
          own ||= of.own;
          phrase = of.phrase;
        }
        // "add products to a cart": the container is what changes.
        const into = followingPhrase(terms, phrase.end, /^(to|into|onto)$/);
        if (into && CONTAINER_VERBS.has(verb)) container = into.phrase.noun;
        last = {
          subject,
          subjectPlural,
          verb,
          object: phrase.noun,
          plural: phrase.plural,
          own,
          preposition,
          container,
          sentence,
        };
        actions.push(last);
        i = phrase.end;
        continue;
      }
      i = k > i ? k : i + 1;
      continue;
    }
    if (endsSentenceClause(term)) subject = undefined;
    i += 1;
  }
  return actions;
}

export function findCompositions(sentence: BriefSentence): BriefComposition[] {
  const terms = sentence.terms;
  const found: BriefComposition[] = [];
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i] as BriefTerm;
    if (!isNoun(term)) continue;
    const phrase = nounPhrase(terms, i);
    let k = skipAuxiliaries(terms, phrase.end);
    const verb = terms[k];
    if (verb === undefined || !verb.tags.has("Verb")) {
      i = phrase.end - 1;
      continue;
    }
    const belongs = verb.lemma === "belong" && terms[k + 1]?.normal === "to";
    if (!COMPOSITION_VERBS.has(verb.lemma) && !belongs) {
      i = phrase.end - 1;
      continue;
    }
    k += belongs ? 2 : 1;
    const parts: { noun: string; plural: boolean }[] = [];
    let many = false;
    while (k < terms.length) {
      const t = terms[k] as BriefTerm;
      if (isNoun(t)) {
        const part = nounPhrase(terms, k);
        const after = terms[skipAuxiliaries(terms, part.end)];
        if (after?.tags.has("Verb") && !after.tags.has("PastTense")) break;
        parts.push({ noun: part.noun, plural: part.plural || many });
        many = false;
        k = part.end;
        const last = terms[k - 1] as BriefTerm;
        if (/[.;:]/.test(last.after)) break;
        continue;
      }
      if (/^(many|several|multiple|some|any|up|more)$/.test(t.normal) || t.tags.has("Value")) many = true;
      if (t.tags.has("Verb") && !t.tags.has("PastTense") && !t.tags.has("Gerund")) break;
      if (/[.;:]/.test(t.after)) break;
      k += 1;
    }
    if (parts.length > 0) {
      found.push({
        whole: phrase.noun,
        parts: belongs ? parts.map((p) => ({ noun: p.noun, plural: false })) : parts,
        belongsTo: belongs,
        sentence,
      });
    }
    i = k;
  }
  return found;
}

function isNoun(term: BriefTerm): boolean {
  return (
    term.tags.has("Noun") &&
    !term.tags.has("Pronoun") &&
    !term.tags.has("ProperNoun") &&
    !term.tags.has("Possessive") &&
    !term.tags.has("Value") &&
    !term.tags.has("Date") &&
    !term.tags.has("Duration") &&
    /^[a-z][a-z0-9-]*$/.test(term.normal)
  );
}

function afterPreposition(terms: readonly BriefTerm[], start: number): boolean {
  let k = start - 1;
  while (
    k >= 0 &&
    (terms[k]?.tags.has("Determiner") || terms[k]?.tags.has("Adjective") || terms[k]?.tags.has("Value"))
  )
    k -= 1;
  const before = terms[k];
  return (
    before !== undefined && (before.tags.has("Preposition") || /^(to|for|of|in|with)$/.test(before.normal))
  );
}

function isPronoun(term: BriefTerm): boolean {
  return term.tags.has("Pronoun") || NOT_DOERS.has(term.normal);
}

function isActionVerb(term: BriefTerm): boolean {
  return (
    term.tags.has("Verb") &&
    !term.tags.has("Preposition") &&
    !term.tags.has("Particle") &&
    /^[a-z-]+$/.test(term.normal) &&
    !term.tags.has("Auxiliary") &&
    !term.tags.has("Modal") &&
    !term.tags.has("Copula") &&
    !term.tags.has("Gerund") &&
    !(term.tags.has("PastTense") && term.tags.has("Participle"))
  );
}

/** "can", "will be able to", "should", "often": words between a doer and its verb. */
function skipAuxiliaries(terms: readonly BriefTerm[], from: number): number {
  let k = from;
  while (k < terms.length) {
    const t = terms[k] as BriefTerm;
    if (
      t.tags.has("Modal") ||
      t.tags.has("Auxiliary") ||
      t.tags.has("Adverb") ||
      t.tags.has("Negative") ||
      /^(be|able|to|also|then|need|needs|want|wants|must|should|can|may|will)$/.test(t.normal)
    ) {
      k += 1;
      continue;
    }
    break;
  }
  return k;
}

/** Determiners, adjectives, possessives and prepositions before an object ("on other posts"). */
function isObjectPrefix(term: BriefTerm, next: BriefTerm | undefined): boolean {
  if (isNoun(term)) return false;
  if (OWN_WORDS.has(term.normal)) return true;
  if (term.tags.has("Determiner") || term.tags.has("Adjective") || term.tags.has("Preposition")) return true;
  if (/^(to|into|onto|for|with|from|about)$/.test(term.normal)) return true;
  if (term.tags.has("Value") || term.tags.has("Adverb")) return true;
  // "reported posts", "shared photos": a participle used as an adjective.
  if (
    term.tags.has("Verb") &&
    (term.tags.has("PastTense") || term.tags.has("Gerund")) &&
    next &&
    isNoun(next)
  )
    return true;
  return false;
}

function endsClause(term: BriefTerm): boolean {
  return /[.;:!?]/.test(term.after);
}

function endsSentenceClause(term: BriefTerm): boolean {
  return /[;:]/.test(term.after);
}

/** "of their vehicles" after a noun phrase: the phrase after a preposition matching `word`. */
function followingPhrase(
  terms: readonly BriefTerm[],
  from: number,
  word: RegExp,
): { phrase: ReturnType<typeof nounPhrase>; own: boolean } | undefined {
  const at = terms[from];
  if (at === undefined || !word.test(at.normal) || endsClause(terms[from - 1] as BriefTerm)) return undefined;
  let k = from + 1;
  let own = false;
  while (
    k < terms.length &&
    !isNoun(terms[k] as BriefTerm) &&
    isObjectPrefix(terms[k] as BriefTerm, terms[k + 1])
  ) {
    if (OWN_WORDS.has((terms[k] as BriefTerm).normal)) own = true;
    k += 1;
  }
  const t = terms[k];
  return t !== undefined && isNoun(t) ? { phrase: nounPhrase(terms, k), own } : undefined;
}

/** Consecutive nouns, at most three, singularised at the head: "shopping carts" -> "shopping cart". */
function nounPhrase(
  terms: readonly BriefTerm[],
  start: number,
): { noun: string; plural: boolean; end: number } {
  let end = start;
  while (end < terms.length && end - start < 3 && isNoun(terms[end] as BriefTerm)) {
    end += 1;
    if (/[,.;:!?()]/.test((terms[end - 1] as BriefTerm).after)) break;
  }
  const words = terms.slice(start, end).map((t) => t.normal);
  const head = words[words.length - 1] ?? "";
  const headTerm = terms[end - 1] as BriefTerm;
  const plural =
    headTerm.tags.has("Plural") || (pluralize.isPlural(head) && pluralize.singular(head) !== head);
  words[words.length - 1] = pluralize.singular(head);
  return { noun: words.join(" "), plural, end };
}
