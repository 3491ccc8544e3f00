import { Model } from "../../model/index.js";
import { DEFAULT_CAPACITY_ASSUMPTIONS } from "../capacity/capacity-assumptions.js";
import { instancesFor } from "../capacity/service-fleet.js";
import { primaryService } from "../integration.js";
import { chooseDeploymentPlatform, type DeploymentPlatform, platformName } from "./deployment-platform.js";

export type RolloutStrategy = "canary" | "blue-green" | "rolling";

export interface ServiceDeployment {
  readonly service: string;
  /** Peak requests per second the service answers, from the use cases it owns. */
  readonly peakRps: number;
  readonly minInstances: number;
  readonly maxInstances: number;
}

export interface PipelineStage {
  readonly stage: string;
  readonly gate: string;
}

export interface DeploymentPlan {
  readonly platform: DeploymentPlatform;
  readonly runsOn: string;
  readonly availabilityZones: number;
  readonly environments: readonly string[];
  readonly services: readonly ServiceDeployment[];
  readonly strategy: RolloutStrategy;
  readonly rollout: readonly string[];
  readonly rollback: string;
  readonly pipeline: readonly PipelineStage[];
  readonly migrationPolicy: { readonly pattern: "expand/contract"; readonly rules: readonly string[] };
}

/** Canaries need enough traffic to judge a small slice in minutes; below this, blue-green is clearer. */
export const CANARY_MIN_PEAK_RPS = 1_000;
/** Headroom for a lost availability zone and for 10x growth is bought by autoscaling, not idle instances. */
const MAX_INSTANCE_MULTIPLIER = 4;

/**
 * A single service at low traffic gets a rolling update: two or three tasks, a health check and a
 * circuit breaker are a complete deployment story, and a second fleet (blue-green) or traffic
 * splitting (canary) buys nothing a few requests a second can show.
 */
export function rolloutStrategy(model: Model, platform: DeploymentPlatform): RolloutStrategy {
  const { availability, peakRequestsPerSecond } = model.scale;
  if (peakRequestsPerSecond >= CANARY_MIN_PEAK_RPS || availability >= 99.95) return "canary";
  if (platform === "single-container") return "rolling";
  return "blue-green";
}

function needsText(deployments: readonly ServiceDeployment[]): string {
  const tasks = deployments.reduce((n, d) => n + d.minInstances, 0);
  return `${tasks} task${tasks === 1 ? "" : "s"}`;
}

function listServices(deployments: readonly ServiceDeployment[]): string {
  return deployments.map((d) => `\`${d.service}\``).join(", ");
}

/**
 * `serviceLoad`, when given, is the capacity estimate's requests and instances per service, so the
 * deployment section and the scalability section quote the same figures; without it the plan sizes
 * services from the use cases they answer. `tenfoldLoad` is the same at 10x: the autoscaler's
 * ceiling, which the Kubernetes manifests state too. The floor is one instance per availability
 * zone, so losing a zone leaves the others serving.
 */
export function deploymentPlan(
  model: Model,
  services: readonly string[],
  serviceLoad?: readonly {
    readonly service: string;
    readonly requestsPerSecond: number;
    readonly instances: number;
  }[],
  tenfoldLoad?: readonly { readonly service: string; readonly instances: number }[],
): DeploymentPlan {
  const platform = chooseDeploymentPlatform(model, services);
  const { availability } = model.scale;
  const strategy = rolloutStrategy(model, platform);
  const zones = availability >= 99.9 ? 3 : 2;
  const minimum = Math.max(zones, 2);

  const byName = Model.entitiesByName(model);
  const rpsByService = new Map<string, number>(services.map((s) => [s, 0]));
  for (const useCase of model.useCases) {
    const owner = primaryService(useCase, byName);
    if (rpsByService.has(owner)) rpsByService.set(owner, (rpsByService.get(owner) ?? 0) + useCase.peakRps);
  }
  const deployments = [...services].sort().map((service) => {
    const estimated = serviceLoad?.find((s) => s.service === service);
    const peakRps = estimated?.requestsPerSecond ?? rpsByService.get(service) ?? 0;
    const needed = Math.max(
      minimum,
      estimated?.instances ?? instancesFor(peakRps, DEFAULT_CAPACITY_ASSUMPTIONS.service),
    );
    const tenfold = tenfoldLoad?.find((s) => s.service === service)?.instances;
    const maxInstances = tenfold === undefined ? needed * MAX_INSTANCE_MULTIPLIER : Math.max(needed, tenfold);
    return { service, peakRps, minInstances: needed, maxInstances };
  });

  const rollout =
    strategy === "rolling"
      ? [
          `Start one task of the new version beside the running ${needsText(deployments)} (minimum healthy 100%)`,
          "Replace the old tasks one at a time, each once the new one passes /health/ready",
          "The ECS deployment circuit breaker stops and rolls back a version whose tasks fail to become healthy",
        ]
      : strategy === "canary"
        ? [
            "Deploy the new version beside the old and send it 5% of traffic",
            "Hold 10 minutes while comparing its error rate and p99 with the stable version",
            "Step to 25%, 50%, then 100%, holding and checking at each step",
          ]
        : [
            "Start the new version (green) beside the old (blue) with production configuration",
            "Run smoke tests against green through a test listener",
            "Shift all traffic to green; keep blue running for 30 minutes",
          ];

  const pipeline: PipelineStage[] = [
    { stage: "lint", gate: "Biome check and type-check pass" },
    { stage: "test", gate: "unit and integration tests pass against PostgreSQL" },
    {
      stage: "migration safety check",
      gate: "squawk finds no locking or breaking change; every migration has a down step",
    },
    {
      stage: "contract tests",
      gate: "OpenAPI diff shows no breaking change to /v1; consumer contract tests pass",
    },
    {
      stage: "security scan",
      gate: "no critical vulnerabilities in dependencies or the container image; no secrets in the diff",
    },
    { stage: "build", gate: "one immutable image per service, tagged with the commit" },
    { stage: "staging", gate: "migrations applied, smoke tests green" },
    {
      stage: strategy,
      gate: "automatic promotion only while SLO burn and error rate stay within limits",
    },
  ];

  return {
    platform,
    runsOn: platformName(platform),
    availabilityZones: zones,
    environments:
      platform === "single-container" ? ["staging", "production"] : ["development", "staging", "production"],
    services: deployments,
    strategy,
    rollout,
    rollback:
      strategy === "rolling"
        ? `Automatic: the circuit breaker returns ${listServices(deployments)} to the last healthy task definition; schema changes stay because they are backward compatible.`
        : strategy === "canary"
          ? "Automatic: traffic returns to the stable version when the canary's error rate or p99 exceeds the stable version's by the analysis threshold; schema changes stay because they are backward compatible."
          : "Automatic: traffic switches back to blue when green's alarms fire within the bake time; schema changes stay because they are backward compatible.",
    pipeline,
    migrationPolicy: {
      pattern: "expand/contract",
      rules: [
        "Expand: add nullable columns, new tables and indexes (CREATE INDEX CONCURRENTLY) before the code that uses them ships",
        "Migrate: backfill in batches outside the request path; dual-write while old and new shapes coexist",
        "Contract: drop old columns only in a later release, once no running version reads them",
        "Never rename or change a column's type in place; add a new column and move to it",
        "Set lock_timeout on every migration so a blocked ALTER fails fast instead of queueing traffic behind it",
      ],
    },
  };
}
