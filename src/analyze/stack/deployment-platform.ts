import type { Model } from "../../model/index.js";

/**
 * Where the services run. Kubernetes pays off only with enough services or traffic to use its
 * scheduling and autoscaling, and a team large enough to keep a cluster patched; below that a
 * managed container service gives the same rolling, canary and autoscaling basics with no control
 * plane to run.
 */
export type DeploymentPlatform = "kubernetes" | "managed-containers" | "single-container";

export const KUBERNETES_MIN_SERVICES = 6;
export const KUBERNETES_MIN_PEAK_RPS = 10_000;
/** Engineers needed before one cluster's upkeep stops crowding out product work. */
export const KUBERNETES_MIN_TEAM = 6;
/** A single service below this rate needs no service discovery, mesh or per-service pipelines. */
export const SINGLE_CONTAINER_MAX_PEAK_RPS = 500;

export function chooseDeploymentPlatform(model: Model, services: readonly string[]): DeploymentPlatform {
  const peak = model.scale.peakRequestsPerSecond;
  const team = model.system.teamSize;
  const bigEnough = services.length >= KUBERNETES_MIN_SERVICES || peak >= KUBERNETES_MIN_PEAK_RPS;
  if (bigEnough && (team === undefined || team >= KUBERNETES_MIN_TEAM)) return "kubernetes";
  if (services.length <= 1 && peak < SINGLE_CONTAINER_MAX_PEAK_RPS) return "single-container";
  return "managed-containers";
}

export function platformName(platform: DeploymentPlatform): string {
  switch (platform) {
    case "kubernetes":
      return "Kubernetes (Amazon EKS), one Deployment per service";
    case "managed-containers":
      return "Amazon ECS on Fargate, one ECS service per service with Service Connect";
    case "single-container":
      return "Amazon ECS on Fargate, a single service behind an Application Load Balancer";
  }
}
