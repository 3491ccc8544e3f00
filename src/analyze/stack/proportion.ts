import type { Model } from "../../model/index.js";
import type { CapacityOverrides, ServiceAssumptions } from "../capacity/capacity-assumptions.js";
import type { CapacityReport } from "../capacity/capacity-report.js";
import {
  choosePrimaryInstance,
  type PrimaryInstanceChoice,
  specSizesPostgres,
} from "../capacity/primary-instance.js";
import { SINGLE_CONTAINER_MAX_PEAK_RPS } from "./deployment-platform.js";

/** A Fargate task size and its monthly price (us-east-1, on demand, 730 hours, rounded). */
export interface ContainerSize {
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly monthlyUsd: number;
}

export const CONTAINER_SIZES: readonly ContainerSize[] = [
  { vcpus: 1, memoryGiB: 2, monthlyUsd: 36 },
  { vcpus: 2, memoryGiB: 4, monthlyUsd: 70 },
];

/**
 * At or below this many writes a second, idempotency keys are one more indexed insert on the
 * service's own primary (well under 1% of even the smallest class) and need no second store.
 */
export const IN_DATABASE_KEY_VALUE_MAX_WRITE_RPS = 50;

/**
 * How big each part of the stack is, decided from the first capacity estimate so a small system
 * gets a small stack and a large one what its figures justify. `overrides` are the assumptions the
 * final estimate uses: the spec's own, with the chosen sizes filled in where the spec states none.
 */
export interface Proportion {
  /** Undefined when the spec states its PostgreSQL figures itself. */
  readonly primary: PrimaryInstanceChoice | undefined;
  /** Undefined when the spec states its service figures itself. */
  readonly container: ContainerSize | undefined;
  /** Where idempotency keys and rate-limit counters live. */
  readonly keyValueStore: "postgres" | "redis";
  /**
   * Read and write requests per second at today's peak as the capacity plan counts them (use cases
   * by kind plus the uncovered remainder), so the stack quotes the capacity table's rates.
   */
  readonly readRequestsPerSecond: number;
  readonly writeRequestsPerSecond: number;
  readonly overrides: CapacityOverrides;
}

/** Today's read and write requests per second, as the capacity report splits them. */
export function requestRates(report: CapacityReport): { reads: number; writes: number } {
  const sum = (kind: "read" | "write") =>
    report.current.useCases.filter((u) => u.kind === kind).reduce((n, u) => n + u.requestsPerSecond, 0);
  return {
    reads: sum("read") + report.current.uncoveredReadsPerSecond,
    writes: sum("write") + report.current.uncoveredWritesPerSecond,
  };
}

export function planProportion(
  model: Model,
  first: CapacityReport,
  specOverrides: CapacityOverrides | undefined,
): Proportion {
  const base: CapacityOverrides = specOverrides ?? {};
  const primary = specSizesPostgres(base)
    ? undefined
    : choosePrimaryInstance(first, model.scale.availability);
  const container = base.service && Object.keys(base.service).length > 0 ? undefined : chooseContainer(first);
  const rates = requestRates(first);
  const keyValueStore =
    rates.writes <= IN_DATABASE_KEY_VALUE_MAX_WRITE_RPS &&
    model.scale.peakRequestsPerSecond < SINGLE_CONTAINER_MAX_PEAK_RPS
      ? "postgres"
      : "redis";
  const service: Partial<ServiceAssumptions> | undefined = container && {
    instance: `${container.vcpus} vCPU, ${container.memoryGiB} GiB container`,
    vcpus: container.vcpus,
    instanceMonthlyUsd: container.monthlyUsd,
  };
  return {
    primary,
    container,
    keyValueStore,
    readRequestsPerSecond: rates.reads,
    writeRequestsPerSecond: rates.writes,
    overrides: {
      ...base,
      ...(primary ? { postgres: primary.postgres } : {}),
      ...(service ? { service } : {}),
    },
  };
}

/**
 * The smallest task size of which two instances (the minimum, so one can fail or be replaced)
 * carry the busiest service's peak at the planned CPU utilisation.
 */
function chooseContainer(first: CapacityReport): ContainerSize {
  const svc = first.assumptions.service;
  const busiest = Math.max(0, ...first.current.services.map((s) => s.requestsPerSecond));
  const fits = (c: ContainerSize) =>
    2 * ((c.vcpus * 1000) / svc.cpuMsPerRequest) * svc.targetUtilisation >= busiest;
  return CONTAINER_SIZES.find(fits) ?? (CONTAINER_SIZES[CONTAINER_SIZES.length - 1] as ContainerSize);
}
