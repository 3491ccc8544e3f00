import { type Entity, Field, Model } from "../../model/index.js";
import type { Integration } from "../integration.js";

/**
 * The facts about a spec that technology decisions turn on, computed once so every decision reads
 * the same figures and the rationales quote consistent numbers.
 */
export interface StackSignals {
  readonly peakRps: number;
  readonly readRps: number;
  readonly writeRps: number;
  readonly readWriteRatio: number;
  readonly services: readonly string[];
  readonly teamSize: number | undefined;
  /** Estimated domain events published per second at peak (writes to entities that publish events). */
  readonly eventRps: number;
  readonly eventCount: number;
  /** Projections fed by events; they must be rebuildable, which favours a replayable log. */
  readonly projections: readonly string[];
  readonly sagas: readonly string[];
  readonly transactionalUseCases: readonly string[];
  /** Relations inside one service: real foreign keys. */
  readonly foreignKeys: number;
  /** `Entity.field` for every json field. */
  readonly jsonFields: readonly string[];
  /** Use cases that search free text. */
  readonly searchUseCases: readonly string[];
  /** `Entity.field` for fields that point at uploaded files. */
  readonly fileFields: readonly string[];
  /** For sizing per-user state (rate-limit counters). */
  readonly dailyActiveUsers: number;
  readonly availability: number;
  readonly entityCount: number;
  /** The spec is multi-tenant. */
  readonly tenancy: boolean;
  /** Distinct filter and sort shapes of the use cases: each is an index, or a secondary index elsewhere. */
  readonly queryShapes: number;
}

/** Below this many reads per second a cache saves too little to pay for its invalidation logic. */
export const CACHE_MIN_READ_RPS = 100;
/** Below this many reads per write, invalidations eat most of the hits. */
export const CACHE_MIN_READ_WRITE_RATIO = 10;

/**
 * Words that ask for text search. "Find" and "look up" are not among them: "Find a book by ISBN"
 * is an equality lookup an index answers, not a reason for a search engine.
 */
const SEARCH_WORDS = /\b(search(es|ing)?|autocomplete|full[- ]text|keywords?)\b/i;
const FILE_WORDS = /(image|avatar|photo|picture|attachment|file|media|video|upload|document|thumbnail)/i;

/**
 * `rates`, when given, are the capacity plan's read and write requests per second, so the stack
 * quotes the capacity table's figures; without them the spec's read/write ratio splits the peak.
 */
export function stackSignals(
  model: Model,
  integration: Integration,
  rates?: { readonly reads: number; readonly writes: number },
): StackSignals {
  const { scale } = model;
  const ratio = scale.readWriteRatio;
  const writeRps = rates?.writes ?? scale.peakRequestsPerSecond / (ratio + 1);
  const byName = Model.entitiesByName(model);

  const writeRpsByEntity = new Map<string, number>();
  for (const useCase of model.useCases) {
    for (const written of new Set(useCase.writes)) {
      writeRpsByEntity.set(written, (writeRpsByEntity.get(written) ?? 0) + useCase.peakRps);
    }
  }
  const publishingEntities = [...new Set(integration.events.map((e) => e.entity))].sort();
  // An entity no use case writes still changes (sign-ups, follows); give it an even share of all writes.
  const evenShare = writeRps / Math.max(1, model.entities.length);
  const eventRps = publishingEntities.reduce(
    (sum, name) => sum + (writeRpsByEntity.get(name) ?? evenShare),
    0,
  );

  let foreignKeys = 0;
  const jsonFields: string[] = [];
  const fileFields: string[] = [];
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      if (Field.isRef(field)) {
        if (byName.get(field.target)?.service === entity.service) foreignKeys += 1;
        continue;
      }
      if (field.type === "json") jsonFields.push(`${entity.name}.${field.name}`);
      if ((field.type === "url" || field.type === "string") && FILE_WORDS.test(field.name)) {
        fileFields.push(`${entity.name}.${field.name}`);
      }
    }
  }

  const searchUseCases = model.useCases
    .filter(
      (u) =>
        SEARCH_WORDS.test(`${u.name} ${u.description ?? ""}`) &&
        readsText(u.reads, byName) &&
        u.operation?.kind !== "get" &&
        u.operation?.kind !== "redirect",
    )
    .map((u) => u.name);
  const listShapes = new Set(
    model.useCases.flatMap((u) => [
      ...Object.entries(u.filter).map(([e, fs]) => `${e}:${fs.join(",")}`),
      ...Object.entries(u.sort).map(([e, keys]) => `${e}:sort:${keys.map((k) => k.field).join(",")}`),
    ]),
  );

  return {
    peakRps: scale.peakRequestsPerSecond,
    readRps: rates?.reads ?? scale.peakRequestsPerSecond - writeRps,
    writeRps,
    readWriteRatio: ratio,
    services: model.services,
    teamSize: model.system.teamSize,
    eventRps,
    eventCount: integration.events.length,
    projections: integration.hotReads.map((h) => h.useCase),
    sagas: integration.sagas.map((s) => s.useCase),
    transactionalUseCases: model.useCases.filter((u) => u.transactional).map((u) => u.name),
    foreignKeys,
    jsonFields,
    searchUseCases,
    fileFields,
    dailyActiveUsers: scale.dailyActiveUsers,
    availability: scale.availability,
    entityCount: model.entities.length,
    tenancy: model.tenancy !== undefined,
    queryShapes: listShapes.size,
  };
}

export function isReadHeavy(signals: StackSignals): boolean {
  return signals.readRps >= CACHE_MIN_READ_RPS && signals.readWriteRatio >= CACHE_MIN_READ_WRITE_RATIO;
}

function readsText(names: readonly string[], byName: ReadonlyMap<string, Entity>): boolean {
  return names.some((name) =>
    byName.get(name)?.fields.some((f) => Field.isScalar(f) && (f.type === "text" || f.type === "string")),
  );
}
