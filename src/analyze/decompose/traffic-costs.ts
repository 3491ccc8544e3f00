import type { Model } from "../../model/model.js";
import type { Assignment } from "./partition-scores.js";

export interface TrafficCosts {
  /** Sum over use cases of peak rps x (services touched - 1). */
  readonly crossServiceCallsPerSecond: number;
  /** Use cases whose writes land in more than one service. */
  readonly multiServiceWrites: number;
  /** Peak rps summed over all use cases. */
  readonly totalRps: number;
  /** Use cases that write anything. */
  readonly writingUseCases: number;
}

/** Services a list of entities lands in, sorted. */
export function servicesTouched(assignment: Assignment, entities: readonly string[]): string[] {
  const services = new Set<string>();
  for (const entity of entities) {
    const service = assignment.get(entity);
    if (service !== undefined) services.add(service);
  }
  return [...services].sort();
}

/** What a partition costs at run time: synchronous hops on every request, and sagas for split writes. */
export function trafficCosts(model: Model, assignment: Assignment): TrafficCosts {
  let calls = 0;
  let multi = 0;
  let total = 0;
  let writing = 0;
  for (const useCase of model.useCases) {
    total += useCase.peakRps;
    const touched = servicesTouched(assignment, [...useCase.reads, ...useCase.writes]);
    calls += useCase.peakRps * Math.max(0, touched.length - 1);
    if (useCase.writes.length > 0) writing += 1;
    if (servicesTouched(assignment, useCase.writes).length > 1) multi += 1;
  }
  return {
    crossServiceCallsPerSecond: Math.round(calls * 100) / 100,
    multiServiceWrites: multi,
    totalRps: total,
    writingUseCases: writing,
  };
}
