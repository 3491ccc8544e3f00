import { seededRandom } from "../src/analyze/decompose/seeded-random.js";
import type { Entity } from "../src/model/entity.js";
import type { Field } from "../src/model/field.js";
import type { Model } from "../src/model/model.js";
import { ModelParts } from "../src/model/model-parts.js";
import type { UseCase } from "../src/model/use-case.js";

export interface GeneratedModelShape {
  readonly entities: number;
  readonly useCases: number;
  /** Entities per planted domain; the cut should roughly recover these domains. */
  readonly domainSize?: number;
  readonly seed?: number;
}

const ROLES = ["member", "seller", "support", "admin", "partner"] as const;

/**
 * A synthetic Model with planted domains: references and use cases stay inside a domain 85% of
 * the time. Deterministic for a seed, so benchmark runs compare like with like.
 */
export function generateDecomposeModel(shape: GeneratedModelShape): Model {
  const random = seededRandom(shape.seed ?? 7);
  const domainSize = shape.domainSize ?? 20;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const at = { file: "generated.yaml", line: 1, column: 1 };
  const names = Array.from({ length: shape.entities }, (_, i) => `Entity${String(i).padStart(4, "0")}`);
  const domainOf = (i: number): number => Math.floor(i / domainSize);
  const inDomain = (domain: number): string[] =>
    names.slice(domain * domainSize, Math.min(names.length, (domain + 1) * domainSize));
  const near = (i: number): string => (random() < 0.85 ? pick(inDomain(domainOf(i))) : pick(names));

  const entities: Entity[] = names.map((name, i) => {
    const fields: Field[] = [];
    fields.push(
      ModelParts.scalarField("label", "string", at, {
        pii: random() < 0.1,
        secret: random() < 0.02,
        max: 200,
      }),
    );
    const refs = 1 + Math.floor(random() * 3);
    for (let r = 0; r < refs; r++) {
      const target = near(i);
      if (target === name || fields.some((f) => f.kind === "ref" && f.target === target)) continue;
      fields.push(
        ModelParts.refField(`ref${r}`, target, at, {
          onDelete: random() < 0.3 ? "cascade" : "restrict",
          onDeleteExplicit: true,
        }),
      );
    }
    return ModelParts.entity(name, fields, at);
  });

  const useCases: UseCase[] = Array.from({ length: shape.useCases }, (_, u) => {
    const anchor = Math.floor(random() * names.length);
    const touched = new Set([names[anchor] as string]);
    const size = 1 + Math.floor(random() * 5);
    while (touched.size < size) touched.add(near(anchor));
    const list = [...touched];
    const writes = list.filter(() => random() < 0.3);
    // Draw in the same order as always (actor, then rate, then transactional) so seeds keep their models.
    const actor = pick(ROLES);
    const peakRps = Math.round(10 ** (random() * 3.5));
    return ModelParts.useCase(`Use case ${u}`, peakRps, at, {
      actor,
      reads: list.filter((e) => !writes.includes(e)),
      writes,
      transactional: writes.length > 1 && random() < 0.3,
    });
  });

  return ModelParts.model({
    file: "generated.yaml",
    location: at,
    entities,
    useCases,
    system: { name: "Generated", description: "synthetic benchmark model", teamSize: 60 },
    scale: { users: 1_000_000, dailyActiveUsers: 100_000, peakRequestsPerSecond: 5000 },
    security: { roles: [...ROLES] },
  });
}
