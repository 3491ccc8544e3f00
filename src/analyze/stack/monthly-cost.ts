import type { Model } from "../../model/index.js";
import type { CapacityReport } from "../capacity/capacity-report.js";
import { formatBytes } from "../capacity/figure-format.js";
import { accessPatterns } from "./access-pattern-stores.js";
import type { DeploymentPlan } from "./deployment-plan.js";
import type { DeploymentPlatform } from "./deployment-platform.js";
import { sizeKeyValueStore } from "./key-value-sizing.js";
import { chooseBroker } from "./messaging-choice.js";
import { count } from "./number-text.js";
import type { Proportion } from "./proportion.js";
import { monthlyRequests, usesManagedGateway } from "./runtime-choices.js";
import type { StackSignals } from "./stack-signals.js";

/** One priced part of the stack. */
export interface CostPart {
  readonly part: string;
  /** What was bought and the figure it was sized from. */
  readonly sizing: string;
  readonly monthlyUsd: number;
}

export interface MonthlyCost {
  readonly parts: readonly CostPart[];
  readonly totalUsd: number;
}

/** Redis node classes for the idempotency store, by usable memory (on demand, us-east-1, rounded). */
const KEY_VALUE_NODES = [
  { name: "cache.t4g.small", memoryBytes: 1.37 * 2 ** 30, monthlyUsd: 24 },
  { name: "cache.t4g.medium", memoryBytes: 3.09 * 2 ** 30, monthlyUsd: 47 },
  { name: "cache.r6g.large", memoryBytes: 13.07 * 2 ** 30, monthlyUsd: 150 },
  { name: "cache.r6g.xlarge", memoryBytes: 26.32 * 2 ** 30, monthlyUsd: 300 },
  { name: "cache.r6g.2xlarge", memoryBytes: 52.82 * 2 ** 30, monthlyUsd: 600 },
  { name: "cache.r6g.4xlarge", memoryBytes: 105.81 * 2 ** 30, monthlyUsd: 1_200 },
  { name: "cache.r6g.8xlarge", memoryBytes: 209.55 * 2 ** 30, monthlyUsd: 2_400 },
] as const;
/** Three kafka.m5.large brokers (Amazon MSK), before storage. */
const KAFKA_BROKER_MONTHLY_USD = 155;
/** SNS publish plus SQS receive and delete, per million events, per consumer copy. */
const SNS_SQS_PER_MILLION_USD = 0.9;
/** An Application or Network Load Balancer with a modest number of capacity units. */
const LOAD_BALANCER_MONTHLY_USD = 25;
/** Amazon API Gateway HTTP API, per million requests. */
const HTTP_API_PER_MILLION_USD = 1;
const AVERAGE_TO_PEAK = 1 / 3;
const SECONDS_PER_MONTH = 30 * 24 * 60 * 60;

/**
 * What the chosen parts cost a month at today's load: the capacity plan's instances at the prices
 * its assumptions state, storage at the end of retention, the idempotency store, the broker and the
 * edge. Planning figures (on-demand list prices, rounded), not a quote.
 */
export function monthlyCost(
  model: Model,
  report: CapacityReport,
  proportion: Proportion,
  s: StackSignals,
  platform: DeploymentPlatform,
  deployment?: DeploymentPlan,
): MonthlyCost {
  const a = report.assumptions;
  const now = report.current.instances;
  const parts: CostPart[] = [];
  const push = (part: string, sizing: string, usd: number) =>
    parts.push({ part, sizing, monthlyUsd: Math.round(usd) });
  const busiest = Math.max(0, ...report.current.services.map((x) => x.requestsPerSecond));
  // What runs: the capacity plan's instances, or the deployment's minimum (one per zone) when higher.
  const running = deployment
    ? report.current.services.reduce(
        (n, x) =>
          n +
          Math.max(x.instances, deployment.services.find((d) => d.service === x.service)?.minInstances ?? 0),
        0,
      )
    : now.serviceInstances;
  push(
    "Service instances",
    `${count(running)} × ${a.service.instance} (busiest service ${count(busiest)} requests/s${running > now.serviceInstances ? `; at least one per availability zone` : ""})`,
    running * a.service.instanceMonthlyUsd,
  );
  const primary = proportion.primary;
  push(
    "PostgreSQL primaries",
    `${count(now.postgresPrimaries)} × ${a.postgres.instance}${primary ? `, ${primary.multiAz ? "Multi-AZ" : "Single-AZ"}` : ""}`,
    now.postgresPrimaries * a.postgres.primaryMonthlyUsd,
  );
  if (now.readReplicas > 0)
    push(
      "Read replicas",
      `${count(now.readReplicas)} from the capacity plan`,
      now.readReplicas * a.postgres.replicaMonthlyUsd,
    );
  const bytes = report.storage.reduce((sum, t) => sum + (t.current.totalBytes ?? 0), 0);
  push(
    "Database storage",
    `${formatBytes(bytes)} at the end of ${count(report.retentionYears)} years' retention (gp3)`,
    (bytes / 2 ** 30) * a.postgres.storageGbMonthlyUsd,
  );
  if (now.redisNodes > 0)
    push("Cache", `${count(now.redisNodes)} × ${a.cache.instance}`, now.redisNodes * a.cache.nodeMonthlyUsd);
  if (proportion.keyValueStore === "redis") {
    const need = 2 * sizeKeyValueStore(s.writeRps, s.dailyActiveUsers).bytes;
    const node =
      KEY_VALUE_NODES.find((n) => n.memoryBytes >= need) ?? KEY_VALUE_NODES[KEY_VALUE_NODES.length - 1];
    if (node)
      push(
        "Idempotency and rate-limit store",
        `${node.name} primary + replica for a maxmemory of ${formatBytes(need)}`,
        2 * node.monthlyUsd,
      );
  } else {
    push("Idempotency and rate-limit store", "a table in the service's database, counters in process", 0);
  }
  for (const p of accessPatterns(model, report)) {
    if (p.kind === "log")
      push(
        "Event log",
        `3 × kafka.m5.large brokers for ${p.entity} at ${count(Math.round(p.writesPerSecond))} writes/s`,
        3 * KAFKA_BROKER_MONTHLY_USD,
      );
    if (p.kind === "geo" || p.kind === "counters" || p.kind === "latest") {
      const nodes = Math.ceil(p.writesPerSecond / a.cache.opsPerSecond);
      push(
        p.kind === "geo" ? "Location store" : p.kind === "latest" ? "Latest-value store" : "Counters",
        `${count(nodes)} × ${a.cache.instance} for ${p.entity} at ${count(Math.round(p.writesPerSecond))} writes/s`,
        nodes * a.cache.nodeMonthlyUsd,
      );
    }
  }
  const broker = chooseBroker(s);
  if (broker === "kafka")
    push("Messaging", "3 × kafka.m5.large brokers (Amazon MSK)", 3 * KAFKA_BROKER_MONTHLY_USD);
  if (broker === "sns-sqs") {
    const millions = (s.eventRps * AVERAGE_TO_PEAK * SECONDS_PER_MONTH) / 1_000_000;
    push(
      "Messaging",
      `SNS + SQS for about ${count(Math.round(millions))} million events a month`,
      millions * SNS_SQS_PER_MILLION_USD,
    );
  }
  const requests = monthlyRequests(s.peakRps) / 1_000_000;
  if (usesManagedGateway(s, platform)) {
    push(
      "API gateway and load balancer",
      `HTTP API for about ${count(Math.round(requests))} million requests a month, one load balancer`,
      requests * HTTP_API_PER_MILLION_USD + LOAD_BALANCER_MONTHLY_USD,
    );
  } else {
    push("Load balancer", "one load balancer in front of the services", LOAD_BALANCER_MONTHLY_USD);
  }
  return { parts, totalUsd: parts.reduce((sum, p) => sum + p.monthlyUsd, 0) };
}
