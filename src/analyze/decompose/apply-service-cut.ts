import { deepFreeze, type Model } from "../../model/model.js";
import { analyzeIntegration } from "../integration.js";
import { buildCouplingGraph } from "./coupling-graph.js";
import { cutWarnings } from "./cut-warnings.js";
import type { AlternativeKind, CutWarning, ServiceCut } from "./service-cut.js";

/** Which option of a cut a design builds: the one the cut recommends, or its best cut into services. */
export type CutChoice = "recommended" | "proposed";

/** The option `applyServiceCut` builds and the services it maps each entity to. */
export interface AppliedCut {
  readonly kind: AlternativeKind;
  /** Service name -> sorted entity names, as built. */
  readonly services: Readonly<Record<string, readonly string[]>>;
  /** For a modular monolith: the proposed boundaries, kept as modules inside the one service. */
  readonly modules?: Readonly<Record<string, readonly string[]>>;
  /** The cut's warnings, for the services as built (none for a monolith). */
  readonly warnings: readonly CutWarning[];
}

/**
 * The option a design builds. The recommendation is followed only when the spec placed no entity
 * itself: an explicit `service:` is the author's decision to split, so the best cut into services
 * fills in the rest. A modular monolith is one service named after the system.
 */
export function chooseAppliedCut(
  model: Model,
  cut: ServiceCut,
  choice: CutChoice = "recommended",
): AppliedCut {
  const kind = cut.recommendation.choice;
  const proposed: AppliedCut = { kind: "proposed", services: cut.services, warnings: cut.warnings };
  if (choice === "proposed" || kind === "proposed" || model.entities.some((e) => e.serviceExplicit))
    return proposed;
  const alternative = cut.alternatives.find((a) => a.kind === kind);
  if (!alternative) return proposed;
  if (kind === "modular-monolith") {
    const name = monolithName(model.system.name);
    return {
      kind,
      services: { [name]: model.entities.map((e) => e.name).sort() },
      modules: alternative.services,
      warnings: [],
    };
  }
  const assignment = new Map(
    Object.entries(alternative.services).flatMap(([service, entities]) => entities.map((e) => [e, service])),
  );
  return {
    kind,
    services: alternative.services,
    warnings: cutWarnings(
      model,
      buildCouplingGraph(model),
      assignment,
      analyzeIntegration(assignServices(model, assignment)),
    ),
  };
}

/** `Social Sharing` -> `social-sharing`; a valid service name (kebab-case, starting with a letter). */
function monolithName(system: string): string {
  const words = system
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  const name = words.join("-").replace(/^[^a-z]+/, "");
  return name === "" ? "app" : name;
}

/**
 * A new frozen Model in which every entity whose service archwright chose moves to the service
 * the cut proposes. Entities the author placed stay where they are.
 */
export function applyServiceCut(model: Model, cut: Pick<ServiceCut, "services">): Model {
  const proposed = new Map<string, string>();
  for (const [service, entities] of Object.entries(cut.services)) {
    for (const entity of entities) proposed.set(entity, service);
  }
  return assignServices(model, proposed);
}

/** A new frozen Model with each entity not placed by the author in the service `assignment` gives it. */
export function assignServices(model: Model, assignment: ReadonlyMap<string, string>): Model {
  const entities = model.entities.map((entity) => {
    const service = assignment.get(entity.name);
    if (entity.serviceExplicit || service === undefined || service === entity.service) return entity;
    return { ...entity, service };
  });
  const services = [...new Set(entities.map((e) => e.service))].sort();
  return deepFreeze({ ...model, entities, services });
}
