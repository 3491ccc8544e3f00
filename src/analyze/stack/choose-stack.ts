import type { Model } from "../../model/index.js";
import type { CapacityReport } from "../capacity/capacity-report.js";
import type { Integration } from "../integration.js";
import { accessPatternChoices, accessPatterns } from "./access-pattern-stores.js";
import {
  cacheChoice,
  keyValueStoreChoice,
  objectStorageChoice,
  primaryDatabaseChoice,
  type ReplicaPlan,
  searchChoice,
} from "./data-store-choices.js";
import { rolloutStrategy } from "./deployment-plan.js";
import { chooseDeploymentPlatform } from "./deployment-platform.js";
import { identityChoice } from "./identity-choice.js";
import { messagingChoice } from "./messaging-choice.js";
import { ciCdChoice, deploymentChoice, observabilityChoice, secretsChoice } from "./operations-choices.js";
import type { Proportion } from "./proportion.js";
import { gatewayChoice, runtimeChoice } from "./runtime-choices.js";
import { stackSignals } from "./stack-signals.js";
import type { TechnologyChoice } from "./technology-choice.js";

/**
 * The technology stack for a spec, one decision per concern, in a fixed order. Concerns the spec
 * does not need (cache, search, object storage) are left out rather than filled with a default.
 */
export function chooseStack(
  model: Model,
  integration: Integration,
  replicaPlan?: ReplicaPlan,
  proportion?: Proportion,
  capacity?: CapacityReport,
): TechnologyChoice[] {
  const signals = stackSignals(
    model,
    integration,
    proportion && { reads: proportion.readRequestsPerSecond, writes: proportion.writeRequestsPerSecond },
  );
  const platform = chooseDeploymentPlatform(model, model.services);
  const searchRps = model.useCases
    .filter((u) => signals.searchUseCases.includes(u.name))
    .reduce((sum, u) => sum + u.peakRps, 0);
  const choices: (TechnologyChoice | undefined)[] = [
    primaryDatabaseChoice(signals, replicaPlan, proportion),
    keyValueStoreChoice(signals, proportion),
    cacheChoice(signals, replicaPlan?.cachedEntities),
    ...(capacity ? accessPatternChoices(model, capacity) : []),
    messagingChoice(
      signals,
      capacity ? accessPatterns(model, capacity).flatMap((p) => (p.kind === "log" ? [p.entity] : [])) : [],
    ),
    searchChoice(signals, searchRps),
    objectStorageChoice(signals),
    runtimeChoice(signals, model.scale.latencyP99Ms),
    gatewayChoice(signals, platform),
    identityChoice(model),
    observabilityChoice(model, signals),
    deploymentChoice(model, signals, platform),
    secretsChoice(model),
    ciCdChoice(platform, rolloutStrategy(model, platform), signals),
  ];
  return choices.filter((c): c is TechnologyChoice => c !== undefined);
}
