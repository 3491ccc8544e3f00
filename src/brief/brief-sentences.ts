import nlp from "compromise";

/** One word of a brief, as compromise tagged it. */
export interface BriefTerm {
  /** The word as written, without surrounding punctuation. */
  readonly text: string;
  /** Lowercase, punctuation-free form. */
  readonly normal: string;
  tags: ReadonlySet<string>;
  /** Punctuation written after the word (",", "." ...): clause boundaries. */
  readonly after: string;
  /** The verb's infinitive ("accepted" -> "accept"); the normal form for other words. */
  lemma: string;
}

/** One sentence of a brief with its place in the text, so every drafted item can name its source. */
export interface BriefSentence {
  /** 1-based position in the brief. */
  readonly number: number;
  readonly text: string;
  /** Character offsets into the brief (start inclusive, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly terms: readonly BriefTerm[];
}

interface CompromiseTerm {
  text: string;
  normal?: string;
  post?: string;
  tags?: string[];
}
interface CompromiseSentence {
  text: string;
  offset?: { start: number; length: number };
  terms: CompromiseTerm[];
}

/**
 * Splits a brief into tagged sentences. compromise does the sentence boundaries (abbreviations,
 * decimals such as "1.5M") and the part-of-speech tags; this file only keeps the offsets and the
 * verbs' infinitives in a shape the extraction rules can walk.
 */
export function splitBrief(text: string): BriefSentence[] {
  const doc = nlp(text);
  const sentences = doc.json({ offset: true, terms: { normal: true } }) as CompromiseSentence[];
  return sentences
    .map((sentence, index): BriefSentence => {
      const start = sentence.offset?.start ?? text.indexOf(sentence.text);
      const trimmed = sentence.text.trim();
      return {
        number: index + 1,
        text: trimmed.replace(/\s+/g, " "),
        start,
        end: start + (sentence.offset?.length ?? sentence.text.length),
        terms: retagPredicates(sentence.terms.map(toBriefTerm)),
      };
    })
    .filter((s) => s.text.length > 0);
}

const infinitives = new Map<string, string>();

function toBriefTerm(term: CompromiseTerm): BriefTerm {
  const tags = new Set(term.tags ?? []);
  const normal = (term.normal ?? term.text).toLowerCase().replace(/[^a-z0-9.%/-]/g, "");
  return {
    text: term.text,
    normal,
    tags,
    after: term.post ?? "",
    lemma: tags.has("Verb") ? infinitive(normal) : normal,
  };
}

function infinitive(word: string): string {
  let known = infinitives.get(word);
  if (known === undefined) {
    const tagged = nlp(word);
    tagged.tag("Verb");
    const verbs = tagged.verbs().json() as { verb?: { infinitive?: string } }[];
    known = verbs[0]?.verb?.infinitive || word;
    infinitives.set(word, known);
  }
  return known;
}

const NOUNISH = ["Noun", "Determiner", "Adjective", "Possessive", "Value"];

/**
 * compromise tags a verb that follows "and" or a comma as a noun when it could be one ("and log
 * time entries", "and upload images"), and a plural object as a verb after another verb ("create
 * tasks"). Requirements are lists of actions, so at the places where a predicate starts a word
 * that reads as a verb is taken as one, and a "-s" word right after a verb as its plural object.
 */
function retagPredicates(terms: BriefTerm[]): BriefTerm[] {
  for (let i = 1; i < terms.length; i++) {
    const term = terms[i] as BriefTerm;
    const prev = terms[i - 1] as BriefTerm;
    const next = terms[i + 1];
    const predicateStart =
      (prev.tags.has("Conjunction") && /^(and|or)$/.test(prev.normal)) ||
      /,/.test(prev.after) ||
      (i <= 2 && prev.tags.has("Noun") && !prev.tags.has("Pronoun") && /s$/.test(prev.normal));
    const candidate =
      (term.tags.has("Noun") && !term.tags.has("Plural") && !term.tags.has("Pronoun")) ||
      (term.tags.has("Adjective") && i <= 2);
    const objectFollows =
      next !== undefined &&
      (NOUNISH.some((t) => next.tags.has(t)) || isPluralVerbTag(next)) &&
      !/[.;:,]/.test(term.after);
    if (
      predicateStart &&
      candidate &&
      objectFollows &&
      !insidePrepositionalPhrase(terms, i) &&
      readsAsVerb(term.normal)
    ) {
      term.tags = new Set(["Verb", "PresentTense", "Infinitive"]);
      term.lemma = infinitive(term.normal);
    }
  }
  for (let i = 1; i < terms.length; i++) {
    const term = terms[i] as BriefTerm;
    const prev = terms[i - 1] as BriefTerm;
    const beforePrev = terms[i - 2];
    const afterVerb =
      (prev.tags.has("Verb") && !prev.tags.has("Modal")) ||
      (prev.tags.has("Noun") && beforePrev?.tags.has("Verb") === true && !/,/.test(prev.after));
    const afterPrefix =
      ["Preposition", "Determiner", "Adjective"].some((t) => prev.tags.has(t)) || prev.normal === "to";
    if (isPluralVerbTag(term) && (afterVerb || afterPrefix)) {
      term.tags = new Set(["Noun", "Plural"]);
      term.lemma = term.normal;
    } else if (
      prev.tags.has("Preposition") &&
      term.tags.has("Verb") &&
      !term.tags.has("Gerund") &&
      !term.tags.has("Particle")
    ) {
      // "pay by card": after a preposition a bare verb form is a noun.
      term.tags = new Set(["Noun", "Singular"]);
      term.lemma = term.normal;
    }
  }
  return terms;
}

/** "with a funding goal and reward tiers": since the last verb a preposition opened a phrase of nouns. */
function insidePrepositionalPhrase(terms: readonly BriefTerm[], i: number): boolean {
  for (let j = i - 2; j >= 0; j--) {
    const t = terms[j] as BriefTerm;
    if (/[,;]/.test(t.after) && j < i - 1) return false;
    if (t.tags.has("Verb")) return false;
    if (t.tags.has("Preposition") || /^(with|of|for|by|in|at|from)$/.test(t.normal)) return true;
  }
  return false;
}

function isPluralVerbTag(term: BriefTerm): boolean {
  return (
    term.tags.has("Verb") &&
    term.tags.has("PresentTense") &&
    !term.tags.has("Auxiliary") &&
    !term.tags.has("Copula") &&
    /[^s]s$/.test(term.normal)
  );
}

const verbReadings = new Map<string, boolean>();

function readsAsVerb(word: string): boolean {
  let known = verbReadings.get(word);
  if (known === undefined) {
    known = VERBS_COMPROMISE_MISSES.has(word) || nlp(`to ${word}`).has("#Verb");
    verbReadings.set(word, known);
  }
  return known;
}

/** Verbs that compromise does not tag after "to". */
const VERBS_COMPROMISE_MISSES = new Set(["browse", "bookmark", "upvote", "favorite", "favourite", "message"]);
