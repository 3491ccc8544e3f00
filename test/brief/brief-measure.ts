import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { draftSpecFromBrief } from "../../src/brief/draft-spec-from-brief.js";
import type { SpecDocument } from "../../src/spec/spec-schema.js";

/**
 * How much of each draft a person would keep. Each brief in test/fixtures/briefs has a JSON beside
 * it, written by hand from the brief alone: the entities a person designing that system would
 * want, and its use cases as "<actor> writes|reads <Entity>". A drafted entity is kept when its
 * name is expected; a drafted use case is kept when an expected one has its actor and names an
 * entity it writes (or, for a read, reads), each expected use case matching at most one draft.
 */

export const BRIEF_DIR = new URL("../fixtures/briefs/", import.meta.url);

/**
 * `development`: the briefs the extraction rules were written against. `held-out`: briefs written
 * (with their expectations) after the rules were settled, and never used to change them.
 */
export type BriefSet = "development" | "held-out";

function setDir(set: BriefSet): string {
  return set === "development" ? BRIEF_DIR.pathname : join(BRIEF_DIR.pathname, "held-out");
}

export interface BriefExpectation {
  readonly entities: readonly string[];
  readonly useCases: readonly string[];
}

export interface BriefMeasure {
  readonly brief: string;
  readonly domains: readonly string[];
  readonly yaml: string;
  readonly entitiesDrafted: number;
  readonly entitiesKept: number;
  readonly entitiesExpected: number;
  readonly useCasesDrafted: number;
  readonly useCasesKept: number;
  readonly useCasesExpected: number;
  readonly dropped: readonly string[];
  readonly missed: readonly string[];
}

export function briefNames(set: BriefSet): string[] {
  if (!existsSync(setDir(set))) return [];
  return readdirSync(setDir(set))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function briefText(name: string, set: BriefSet): string {
  return readFileSync(join(setDir(set), `${name}.txt`), "utf8");
}

export function measureBrief(name: string, set: BriefSet): BriefMeasure {
  const text = briefText(name, set);
  const expected = JSON.parse(readFileSync(join(setDir(set), `${name}.json`), "utf8")) as BriefExpectation;
  const draft = draftSpecFromBrief(text);
  const spec = parse(draft.yaml) as SpecDocument;
  const entities = Object.keys(spec.entities);
  const keptEntities = entities.filter((e) => expected.entities.includes(e));
  const open = expected.useCases.map((u) => {
    const [actor, verb, entity] = u.split(" ");
    return { text: u, actor, kind: verb === "reads" ? "read" : "write", entity, used: false };
  });
  const dropped: string[] = entities.filter((e) => !expected.entities.includes(e));
  let keptUseCases = 0;
  for (const u of spec.useCases ?? []) {
    const kind = (u.writes ?? []).length > 0 ? "write" : "read";
    const names = kind === "write" ? (u.writes ?? []) : (u.reads ?? []);
    // "hiring-manager" is the expected "manager": a role keeps the qualifier the brief gives it.
    const drafted = typeof u.actor === "string" ? u.actor : (u.actor[0] ?? "");
    const sameActor = (actor: string | undefined) => drafted === actor || drafted.endsWith(`-${actor}`);
    const match = open.find(
      (o) => !o.used && sameActor(o.actor) && o.kind === kind && names.includes(o.entity ?? ""),
    );
    if (match) {
      match.used = true;
      keptUseCases += 1;
    } else dropped.push(`use case "${u.name}" (${u.actor} ${kind}s ${names.join(", ")})`);
  }
  const missed = [
    ...expected.entities.filter((e) => !entities.includes(e)),
    ...open.filter((o) => !o.used).map((o) => `"${o.text}"`),
  ];
  return {
    brief: name,
    domains: draft.domains,
    yaml: draft.yaml,
    entitiesDrafted: entities.length,
    entitiesKept: keptEntities.length,
    entitiesExpected: expected.entities.length,
    useCasesDrafted: (spec.useCases ?? []).length,
    useCasesKept: keptUseCases,
    useCasesExpected: expected.useCases.length,
    dropped,
    missed,
  };
}

/** The figures table of docs/brief.md, computed from the briefs: the doc never holds a typed figure. */
export function renderFiguresTable(): string {
  const rows: string[] = [
    "| set | brief | catalog domains | entities kept / drafted | use cases kept / drafted | entities expected, found | use cases expected, found |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const set of ["development", "held-out"] as const) {
    const total = { ek: 0, ed: 0, ee: 0, uk: 0, ud: 0, ue: 0 };
    for (const name of briefNames(set)) {
      const m = measureBrief(name, set);
      total.ek += m.entitiesKept;
      total.ed += m.entitiesDrafted;
      total.ee += m.entitiesExpected;
      total.uk += m.useCasesKept;
      total.ud += m.useCasesDrafted;
      total.ue += m.useCasesExpected;
      rows.push(
        `| ${set} | ${name} | ${m.domains.join(", ") || "none"} | ${m.entitiesKept} / ${m.entitiesDrafted} | ${m.useCasesKept} / ${m.useCasesDrafted} | ${m.entitiesExpected}, ${m.entitiesKept} | ${m.useCasesExpected}, ${m.useCasesKept} |`,
      );
    }
    rows.push(
      `| **${set}** | **all ${briefNames(set).length}** | | **${total.ek} / ${total.ed} (${pct(total.ek, total.ed)})** | **${total.uk} / ${total.ud} (${pct(total.uk, total.ud)})** | **${total.ee}, ${total.ek} (${pct(total.ek, total.ee)})** | **${total.ue}, ${total.uk} (${pct(total.uk, total.ue)})** |`,
    );
  }
  return rows.join("\n");
}

function pct(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${Math.round((part / whole) * 100)}%`;
}
