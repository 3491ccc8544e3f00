import type { ServiceAssumptions } from "./capacity-assumptions.js";

/** Requests per second one service instance sustains at the target CPU utilisation. */
export function requestsPerInstance(service: ServiceAssumptions): number {
  return ((service.vcpus * 1000) / service.cpuMsPerRequest) * service.targetUtilisation;
}

/** Never fewer than two instances, so one can fail or be redeployed without an outage. */
export const MIN_INSTANCES = 2;

export function instancesFor(requestsPerSecond: number, service: ServiceAssumptions): number {
  return Math.max(MIN_INSTANCES, Math.ceil(requestsPerSecond / requestsPerInstance(service)));
}
