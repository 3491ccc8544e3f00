import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Entity } from "../src/model/entity.js";
import type { RefField } from "../src/model/field.js";
import type { Model } from "../src/model/model.js";
import { ModelParts } from "../src/model/model-parts.js";
import type { UseCase } from "../src/model/use-case.js";

/** The shape of /work/shared/corpus/models/*.json (see the corpus README). */
export interface CorpusDecomposition {
  readonly name: string;
  readonly services: Readonly<Record<string, readonly string[]>>;
  readonly relationships: readonly (readonly [string, string])[];
  readonly kinds?: Readonly<Record<string, string>>;
}

export interface CorpusCase {
  readonly file: string;
  readonly title: string;
  /** No entity has an explicit service. */
  readonly model: Model;
  /** Reference service -> entities, each entity under the first service that lists it. */
  readonly reference: Readonly<Record<string, readonly string[]>>;
}

/** `ShipOrder(tracking_id)` -> `ShipOrder`: the corpus marks identifiers with their id field. */
export function entityName(raw: string): string {
  return raw.replace(/\(.*\)$/, "").trim();
}

const camel = (name: string): string => (name[0] as string).toLowerCase() + name.slice(1);

/**
 * Converts one corpus decomposition into a Model with no explicit services. Only what the file
 * states is used: entity names, the relationships (each `[A, B]` becomes a reference field on A
 * pointing at B, onDelete restrict), and, where the file has `kinds`, value objects referenced
 * from exactly one entity become part of that entity (onDelete cascade). The files describe no
 * behaviour, so by default no use case is invented; `withViewUseCases` adds one per entity with
 * references ("View X" reads X and everything X references, 10 rps, one actor) to measure how
 * much such invented behaviour moves the result.
 */
export function corpusCase(path: string, withViewUseCases = false): CorpusCase {
  const data = JSON.parse(readFileSync(path, "utf8")) as CorpusDecomposition;
  const file = basename(path);
  const at = { file, line: 1, column: 1 };

  const order: string[] = [];
  const reference: Record<string, string[]> = {};
  const owned = new Set<string>();
  for (const [service, raw] of Object.entries(data.services)) {
    for (const item of raw) {
      const name = entityName(item);
      if (!order.includes(name)) order.push(name);
      if (owned.has(name)) continue;
      owned.add(name);
      const list = reference[service] ?? [];
      list.push(name);
      reference[service] = list;
    }
  }
  const edges = data.relationships.map(([a, b]) => [entityName(a), entityName(b)] as const);
  for (const [a, b] of edges) {
    for (const name of [a, b]) if (!order.includes(name)) order.push(name);
  }

  const referrers = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    const set = referrers.get(b) ?? new Set<string>();
    set.add(a);
    referrers.set(b, set);
  }
  const composed = (a: string, b: string): boolean =>
    data.kinds?.[b] === "ValueObject" && data.kinds?.[a] !== "ValueObject" && referrers.get(b)?.size === 1;

  const entities: Entity[] = order.map((name) => {
    const fields: RefField[] = [];
    for (const [a, b] of edges) {
      if (a !== name || fields.some((f) => f.target === b)) continue;
      fields.push(
        ModelParts.refField(camel(b), b, at, { onDelete: composed(a, b) ? "cascade" : "restrict" }),
      );
    }
    return ModelParts.entity(name, fields, at);
  });

  const useCases: UseCase[] = entities
    .filter((e) => withViewUseCases && e.fields.length > 0)
    .map((e) =>
      ModelParts.useCase(`View ${e.name}`, 10, at, {
        actor: "user",
        reads: [e.name, ...e.fields.map((f) => (f as RefField).target)],
      }),
    );

  const model: Model = ModelParts.model({
    file,
    location: at,
    entities,
    useCases,
    system: { name: data.name, description: data.name },
    scale: { users: 0, dailyActiveUsers: 0, peakRequestsPerSecond: 10 },
    security: { auth: [], roles: ["user"] },
  });
  return { file, title: data.name, model, reference };
}
