import type { CapacityReport, LoadScenario } from "../../analyze/capacity/index.js";
import type { DeploymentPlan } from "../../analyze/stack/index.js";

/** How many pods one design service runs and what each one gets, from the capacity figures. */
export interface DeploymentSizing {
  readonly service: string;
  /**
   * The deployment plan's floor (the capacity plan's instances at today's peak, at least one per
   * availability zone): the replica count, or the autoscaler's floor. DESIGN.md states the same.
   */
  readonly replicas: number;
  /** The plan's ceiling (the instances needed at the 10x load): the autoscaler's ceiling. */
  readonly tenfoldReplicas: number;
  /** Instances the load alone needs at 1x; fewer than `replicas` when the plan's floor applies. */
  readonly loadReplicas: number;
  readonly requestsPerSecond: number;
  readonly tenfoldRequestsPerSecond: number;
  /** Requests per second one instance sustains at the target utilisation. */
  readonly requestsPerInstance: number;
  /** The CPU utilisation the plan runs each instance at, in percent: the autoscaler's target. */
  readonly targetCpuPercent: number;
  readonly cpuMillicores: number;
  readonly memoryMebibytes: number;
  /** The database pool each pod opens at 1x and at 10x; 0 when the service has no database load. */
  readonly poolPerInstance: number;
  readonly tenfoldPoolPerInstance: number;
  /** Connections the whole fleet opens at 10x, and what one primary allows. */
  readonly tenfoldConnections: number;
  readonly maxConnections: number;
  /** Multiple of today's load at which the fleet's pools pass the primary's limit, when known. */
  readonly connectionsSaturateAtMultiple: number | null;
  /** Multiple at which reads and writes fill the service's primary, when known. */
  readonly primarySaturatesAtMultiple: number | null;
  readonly tenfoldMultiple: number;
}

/** Memory per vCPU when the container's description names none (the default's 2 vCPU, 4 GiB). */
const FALLBACK_GIB_PER_VCPU = 2;

/**
 * One sizing per service, in the report's order. The figures are the capacity report's own, so the
 * manifests, DESIGN.md's scalability section and handoff.json's `performance` quote the same numbers.
 */
export function sizeDeployments(capacity: CapacityReport, plan: DeploymentPlan): DeploymentSizing[] {
  const service = capacity.assumptions.service;
  const perInstance = capacity.limits.serviceInstanceRequestsPerSecond;
  return capacity.current.services.map((now) => {
    const later = capacity.tenfold.services.find((s) => s.service === now.service);
    const database = (scenario: LoadScenario) => scenario.databases.find((d) => d.service === now.service);
    const primary = capacity.limits.postgresPrimaries.find((p) => p.service === now.service);
    const planned = plan.services.find((d) => d.service === now.service);
    const replicas = planned?.minInstances ?? now.instances;
    return {
      service: now.service,
      replicas,
      tenfoldReplicas: Math.max(replicas, planned?.maxInstances ?? later?.instances ?? now.instances),
      loadReplicas: Math.max(1, Math.ceil(now.requestsPerSecond / perInstance)),
      requestsPerSecond: now.requestsPerSecond,
      tenfoldRequestsPerSecond: later?.requestsPerSecond ?? now.requestsPerSecond,
      requestsPerInstance: perInstance,
      targetCpuPercent: Math.round(service.targetUtilisation * 100),
      cpuMillicores: Math.round(service.vcpus * 1000),
      memoryMebibytes: Math.round(memoryGib(service.instance, service.vcpus) * 1024),
      poolPerInstance: now.poolPerInstance,
      tenfoldPoolPerInstance: later?.poolPerInstance ?? now.poolPerInstance,
      tenfoldConnections: database(capacity.tenfold)?.connections ?? 0,
      maxConnections: capacity.assumptions.postgres.maxConnections,
      connectionsSaturateAtMultiple: primary?.connectionsSaturateAtMultiple ?? null,
      primarySaturatesAtMultiple: primary?.saturatesAtMultiple ?? null,
      tenfoldMultiple: capacity.tenfoldMultiple,
    };
  });
}

/**
 * The capacity assumptions state a container's memory only in its description ("2 vCPU, 4 GiB
 * container"), so it is read from there; a description without one gets the default's ratio.
 */
export function memoryGib(instance: string, vcpus: number): number {
  const stated = /(\d+(?:\.\d+)?)\s*GiB/i.exec(instance);
  return stated?.[1] !== undefined ? Number(stated[1]) : vcpus * FALLBACK_GIB_PER_VCPU;
}
