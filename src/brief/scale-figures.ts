import nlp from "compromise";
import pluralize from "pluralize";
import type { BriefSentence } from "./brief-sentences.js";

/** A load or size figure stated in a brief, with the sentence that states it. */
export type ScaleFigure =
  | {
      readonly kind:
        | "users"
        | "dailyActiveUsers"
        | "monthlyActiveUsers"
        | "peakRequestsPerSecond"
        | "teamSize"
        | "retentionYears"
        | "latencyP99Ms";
      readonly value: number;
      readonly sentence: BriefSentence;
      readonly text: string;
    }
  | {
      readonly kind: "availability";
      readonly value: string;
      readonly sentence: BriefSentence;
      readonly text: string;
    }
  | {
      /** "1M posts a month": rows of one thing per day, for that entity's growth. */
      readonly kind: "rowsPerDay";
      readonly value: number;
      /** Singular noun phrase of the thing counted ("post", "sensor reading"). */
      readonly noun: string;
      /** The figure was per second: a write rate at peak as much as a growth figure. */
      readonly perSecond: number | undefined;
      readonly sentence: BriefSentence;
      readonly text: string;
    };

/*
 * Numbers come as digits with k/M suffixes ("10k", "1.5M", "2,000") or as words ("two million").
 * compromise reads the word forms; the regular expressions below read the rest, because figures in
 * briefs follow a handful of set phrasings ("N daily users", "N requests per second", "team of N")
 * that a pattern states more plainly than a grammar.
 */
const NUMBER = String.raw`(\d+(?:,\d{3})*(?:\.\d+)?)\s*(k|m|mm|b|bn|thousand|million|billion)?\b`;
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};
const PER_DAY: Record<string, number> = {
  second: 86400,
  sec: 86400,
  s: 86400,
  minute: 1440,
  min: 1440,
  hour: 24,
  day: 1,
  week: 1 / 7,
  month: 1 / 30,
  year: 1 / 365,
};
/** Things counted per second that are API calls, not rows of an entity. */
const REQUEST_WORDS = new Set(["request", "req", "call", "api call", "query", "hit", "transaction per"]);
const PERSON_WORDS = new Set([
  "user",
  "member",
  "customer",
  "people",
  "person",
  "subscriber",
  "player",
  "student",
  "patient",
  "account",
  "visitor",
  "reader",
  "viewer",
  "employee",
  "shopper",
]);
/** Adjectives that sit between a number and the thing counted. */
const COUNT_ADJECTIVES = new Set([
  "new",
  "more",
  "active",
  "registered",
  "total",
  "unique",
  "concurrent",
  "paying",
]);
const WORD_NUMBER =
  /\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a hundred|a thousand|a million)(?:[\s-]+(?:hundred|thousand|million|billion|one|two|three|four|five|six|seven|eight|nine))*)\b/g;

export function findScaleFigures(
  sentences: readonly BriefSentence[],
  isPerson: (noun: string) => boolean,
): ScaleFigure[] {
  const figures: ScaleFigure[] = [];
  for (const sentence of sentences) figures.push(...figuresIn(sentence, isPerson));
  return figures;
}

function figuresIn(sentence: BriefSentence, isPerson: (noun: string) => boolean): ScaleFigure[] {
  const text = withDigits(sentence.text.toLowerCase());
  const found: ScaleFigure[] = [];
  const taken: [number, number][] = [];
  const free = (m: RegExpExecArray) => !taken.some(([a, b]) => m.index < b && a < m.index + m[0].length);
  const take = (m: RegExpExecArray) => taken.push([m.index, m.index + m[0].length]);
  const each = (pattern: string, fn: (m: RegExpExecArray) => ScaleFigure | undefined) => {
    for (const m of text.matchAll(new RegExp(pattern, "g"))) {
      if (!free(m)) continue;
      const figure = fn(m);
      if (figure !== undefined) {
        found.push(figure);
        take(m);
      }
    }
  };
  const figure = (
    kind: Exclude<ScaleFigure["kind"], "availability" | "rowsPerDay">,
    value: number,
    m: RegExpExecArray,
  ) => (Number.isFinite(value) && value > 0 ? { kind, value, sentence, text: m[0].trim() } : undefined);

  each(String.raw`${NUMBER}\s*(?:rps|qps|req/s|requests/s)\b`, (m) =>
    figure("peakRequestsPerSecond", amount(m), m),
  );
  each(
    String.raw`${NUMBER}\s+((?:[a-z-]+\s+){0,2}?[a-z-]+)\s+(?:per|a|an|each|every|/)\s*(second|sec|minute|min|hour|day|week|month|year)\b`,
    (m) => {
      const noun = countedNoun(m[3] ?? "");
      const unit = m[4] ?? "day";
      const value = amount(m);
      if (noun === "") return undefined;
      if (REQUEST_WORDS.has(noun)) {
        return unit === "second" || unit === "sec" ? figure("peakRequestsPerSecond", value, m) : undefined;
      }
      if (isPerson(noun) || PERSON_WORDS.has(noun)) {
        if (unit === "day") return figure("dailyActiveUsers", value, m);
        if (unit === "month") return figure("monthlyActiveUsers", value, m);
        return undefined;
      }
      const perDay = value * (PER_DAY[unit] ?? 1);
      const perSecond = unit === "second" || unit === "sec" ? value : undefined;
      return Number.isFinite(perDay) && perDay > 0
        ? { kind: "rowsPerDay", value: perDay, noun, perSecond, sentence, text: m[0].trim() }
        : undefined;
    },
  );
  each(String.raw`${NUMBER}\s+(?:daily active|daily|active daily)\s+[a-z]+|${NUMBER}\s*dau\b`, (m) =>
    figure("dailyActiveUsers", amount(m, m[1] === undefined ? 3 : 1), m),
  );
  each(String.raw`${NUMBER}\s+(?:monthly active|monthly)\s+[a-z]+|${NUMBER}\s*mau\b`, (m) =>
    figure("monthlyActiveUsers", amount(m, m[1] === undefined ? 3 : 1), m),
  );
  each(
    String.raw`team of ${NUMBER}|${NUMBER}[- ](?:person|people|engineer|developer|dev)s?[- ]team|${NUMBER}\s+(?:backend |software )?(?:engineers|developers|devs)\b`,
    (m) => {
      const raw = m[1] ?? m[3] ?? m[5];
      return raw === undefined ? undefined : figure("teamSize", Math.round(Number(raw.replace(/,/g, ""))), m);
    },
  );
  if (/\b(keep|kept|retain|retention|store|stored|archive|history|for)\b/.test(text)) {
    each(
      String.raw`(?:for|keep|kept|retain|retained|retention of|retention|stored for|at least)\s+(?:data\s+|records\s+|it\s+|everything\s+|them\s+)?(?:for\s+)?${NUMBER}\s*(years?|months?)\b`,
      (m) => {
        const n = amount(m);
        return figure(
          "retentionYears",
          (m[3] ?? "").startsWith("month") ? Math.round((n / 12) * 100) / 100 : n,
          m,
        );
      },
    );
  }
  if (/\b(uptime|availab\w*|sla|available)\b/.test(text)) {
    each(String.raw`(\d{2}(?:\.\d+)?)\s*%`, (m) => {
      const value = Number(m[1]);
      return value > 0 && value < 100
        ? { kind: "availability", value: m[1] ?? "", sentence, text: m[0] }
        : undefined;
    });
  }
  each(
    String.raw`(?:under|below|within|less than|p99 of|p99|p95|in under|at most)\s+${NUMBER}\s*(ms|milliseconds|seconds?)\b`,
    (m) => {
      const seconds = (m[3] ?? "").startsWith("second");
      if (seconds && !/\b(respon\w*|latency|load|fast|p99|p95)\b/.test(text)) return undefined;
      return figure("latencyP99Ms", amount(m) * (seconds ? 1000 : 1), m);
    },
  );
  each(String.raw`${NUMBER}\s+(?:registered |active |total |paying |unique )?([a-z]+)\b`, (m) => {
    const noun = pluralize.singular(m[3] ?? "");
    return isPerson(noun) || PERSON_WORDS.has(noun) ? figure("users", amount(m), m) : undefined;
  });
  return found;
}

function countedNoun(words: string): string {
  const kept = words
    .split(/\s+/)
    .filter((w) => w !== "" && !COUNT_ADJECTIVES.has(w))
    .map((w, i, all) => (i === all.length - 1 ? pluralize.singular(w) : w));
  return kept.join(" ");
}

function amount(m: RegExpExecArray, group = 1): number {
  const digits = m[group];
  if (digits === undefined) return Number.NaN;
  const multiplier = MULTIPLIERS[m[group + 1] ?? ""] ?? 1;
  return Math.round(Number(digits.replace(/,/g, "")) * multiplier * 1000) / 1000;
}

/** "two million users" -> "2000000 users", through compromise's number parser. */
function withDigits(text: string): string {
  return text.replace(WORD_NUMBER, (words) => {
    const value = (nlp(words).numbers().get() as unknown[])[0];
    return typeof value === "number" && Number.isFinite(value) ? String(value) : words;
  });
}
