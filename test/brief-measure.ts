import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { draftSpecFromBrief } from "../src/brief/draft-spec-from-brief.js";
import type { SpecDocument } from "../src/spec/spec-schema.js";

/**
 * How much of each draft a person would keep. Each brief in test/fixtures/briefs has a JSON beside
 * it, written by hand from the brief alone: the entities a person designing that system would
 * want, and its use cases as "<actor> writes|reads <Entity>". A drafted entity is kept when its
 * name is expected; a drafted use case is kept when an expected one has its actor and names an
 * entity it writes (or, for a read, reads), each expected use case matching at most one draft.
 */

export const BRIEF_DIR = new URL("./fixtures/briefs/", import.meta.url);

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

export function briefNames(): string[] {
  return readdirSync(BRIEF_DIR)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function measureBrief(name: string): BriefMeasure {
  const text = readFileSync(join(BRIEF_DIR.pathname, `${name}.txt`), "utf8");
  const expected = JSON.parse(
    readFileSync(join(BRIEF_DIR.pathname, `${name}.json`), "utf8"),
  ) as BriefExpectation;
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
    const sameActor = (actor: string | undefined) => u.actor === actor || u.actor.endsWith(`-${actor}`);
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
