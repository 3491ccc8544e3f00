import type { Model } from "../../model/index.js";
import { analyzeIntegration, type Integration } from "../integration.js";
import { errorBudgetMinutes, SLO_WINDOW_DAYS } from "./error-budget.js";
import { chooseBroker } from "./messaging-choice.js";
import { count } from "./number-text.js";
import { isReadHeavy, stackSignals } from "./stack-signals.js";
import { traceSampleRatio } from "./trace-sampling.js";

export interface ServiceLevelObjective {
  readonly name: string;
  readonly indicator: string;
  /** Share of good events in percent. */
  readonly objectivePercent: number;
  readonly windowDays: number;
  /** Minutes of full outage the objective allows per window. */
  readonly errorBudgetMinutes: number;
  /** Bad events the objective allows per window at the spec's peak rate, as a count of requests. */
  readonly errorBudgetRequestsAtPeak: number;
}

export interface BurnRateAlert {
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly burnRate: number;
  /** Share of the window's error budget spent when the alert fires. */
  readonly budgetSpentPercent: number;
  readonly action: "page" | "ticket";
}

export interface HealthCheck {
  readonly path: string;
  readonly purpose: string;
  readonly checks: readonly string[];
}

export interface ObservabilityPlan {
  readonly slos: readonly ServiceLevelObjective[];
  readonly alerts: readonly BurnRateAlert[];
  readonly metrics: readonly string[];
  readonly traces: {
    readonly instrumentation: string;
    readonly propagation: string;
    readonly sampling: string;
    readonly successSampleRatio: number;
  };
  readonly logs: {
    readonly format: string;
    readonly fields: readonly string[];
    readonly correlation: string;
    readonly redacted: readonly string[];
  };
  readonly healthChecks: readonly HealthCheck[];
  readonly runbook: readonly { readonly symptom: string; readonly response: string }[];
}

/**
 * Multi-window burn-rate alerts from the Google SRE workbook: the first two page, the last files a
 * ticket. Burn rate b over long window w spends b*w/window of the budget.
 */
const BURN_RATE_ALERTS = [
  { longWindowHours: 1, shortWindow: "5m", burnRate: 14.4, action: "page" },
  { longWindowHours: 6, shortWindow: "30m", burnRate: 6, action: "page" },
  { longWindowHours: 72, shortWindow: "6h", burnRate: 1, action: "ticket" },
] as const;

/** Latency objective: the share of requests that must finish within the p99 target. */
const LATENCY_OBJECTIVE_PERCENT = 99;

export function observabilityPlan(
  model: Model,
  integration: Integration = analyzeIntegration(model),
  stores: { readonly redis: boolean } = { redis: true },
): ObservabilityPlan {
  const { availability, latencyP99Ms, peakRequestsPerSecond } = model.scale;
  const windowRequestsAtPeak = peakRequestsPerSecond * SLO_WINDOW_DAYS * 24 * 60 * 60;
  const slo = (name: string, indicator: string, objective: number): ServiceLevelObjective => ({
    name,
    indicator,
    objectivePercent: objective,
    windowDays: SLO_WINDOW_DAYS,
    errorBudgetMinutes: errorBudgetMinutes(objective),
    errorBudgetRequestsAtPeak: Math.round((windowRequestsAtPeak * (100 - objective)) / 100),
  });
  const broker = chooseBroker(stackSignals(model, integration));
  const cached = isReadHeavy(stackSignals(model, integration));
  const ratio = traceSampleRatio(peakRequestsPerSecond);

  const dependencies = ["PostgreSQL (SELECT 1 within 500 ms)", ...(stores.redis ? ["Redis (PING)"] : [])];
  if (broker === "kafka") dependencies.push("Kafka (metadata request)");
  if (broker === "sns-sqs") dependencies.push("outbox relay lag below 60 s");

  const metrics = [
    "RED per route and service: request rate, error rate (5xx and timeouts; 4xx tracked apart), duration histogram (http.server.request.duration)",
    "PostgreSQL: connections in use vs pool size, transaction rate, replication lag, slow queries (pg_stat_statements), table and index bloat",
    stores.redis
      ? "Redis: memory, evictions, command latency, idempotency-key conflicts, rate-limit rejections per client"
      : "Idempotency keys: rows in idempotency_keys, conflicts, expired keys swept; rate-limit rejections per client",
    "Saturation per instance: CPU, memory, event-loop delay",
  ];
  if (cached) metrics.push("Cache hit ratio per key family, with an alert when it drops below 80%");
  if (broker !== "none") {
    metrics.push(
      "Events: outbox rows pending and age, publish rate, consumer lag, dead-lettered messages, inbox duplicates skipped",
    );
  }

  const runbook = [
    {
      symptom: "Fast error-budget burn (page)",
      response:
        "Check the latest deploy and roll back first; then look at the failing route's traces and dependency dashboards.",
    },
    {
      symptom: "PostgreSQL primary failover or connection exhaustion",
      response:
        "Confirm Multi-AZ failover completed (about 60-120 s); restart pools that hold dead connections; check for long transactions and lock waits.",
    },
    ...(stores.redis
      ? [
          {
            symptom: "Redis unavailable",
            response:
              "Unsafe creates fail closed with 503 to avoid duplicates; reads bypass the cache; fail over to the replica and watch database load.",
          },
        ]
      : []),
    {
      symptom: "p99 latency above target",
      response: `Compare with the ${count(latencyP99Ms)} ms objective per route; inspect slow-query log and missing indexes; scale out if CPU or event-loop delay is high.`,
    },
    {
      symptom: "Failed or stuck migration",
      response:
        "Migrations are expand-only during deploys, so roll back the application, not the schema; fix forward with a new migration.",
    },
  ];
  if (broker !== "none") {
    runbook.push(
      {
        symptom: "Consumer lag or outbox backlog growing",
        response:
          "Scale consumers, look for a poison message in the dead-letter queue, and replay it after the fix; projections may be stale meanwhile.",
      },
      {
        symptom: "Messages in a dead-letter queue",
        response:
          "Inspect the payload and error, fix the consumer, then redrive; the inbox table makes redelivery safe.",
      },
    );
  }
  if (model.tenancy) {
    runbook.push({
      symptom: `Suspected cross-${model.tenancy.entity} data exposure`,
      response:
        "Treat as a security incident: preserve logs, identify affected tenants from audit logs, notify per contract and regulation.",
    });
  }

  return {
    slos: [
      slo(
        "Availability",
        "share of requests answered without a 5xx or timeout, measured at the gateway",
        availability,
      ),
      slo(
        "Latency",
        `share of requests answered within ${count(latencyP99Ms)} ms, measured at the gateway`,
        LATENCY_OBJECTIVE_PERCENT,
      ),
    ],
    alerts: BURN_RATE_ALERTS.map((a) => ({
      longWindow: `${a.longWindowHours}h`,
      shortWindow: a.shortWindow,
      burnRate: a.burnRate,
      budgetSpentPercent: Math.round(((a.burnRate * a.longWindowHours) / (SLO_WINDOW_DAYS * 24)) * 1000) / 10,
      action: a.action,
    })),
    metrics,
    traces: {
      instrumentation: `OpenTelemetry SDK auto-instrumentation for HTTP, PostgreSQL${stores.redis ? ", Redis" : ""}${broker === "none" ? "" : " and the broker client"}, plus a span per use case`,
      propagation: `W3C Trace Context (traceparent) on HTTP${broker === "none" ? "" : " and in event headers"}`,
      sampling:
        "Tail sampling in the OpenTelemetry Collector: keep every error and every trace slower than the p99 target, sample the rest",
      successSampleRatio: ratio,
    },
    logs: {
      format: "JSON lines to stdout, one event per line",
      fields: [
        "timestamp",
        "level",
        "service",
        "version",
        "requestId",
        "traceId",
        "spanId",
        "route",
        "status",
        "durationMs",
        "userId",
        "message",
      ],
      correlation:
        "X-Request-ID is accepted from the client or generated, echoed on every response, and logged with the trace id",
      redacted: redactedFields(model),
    },
    healthChecks: [
      {
        path: "/health/live",
        purpose:
          "liveness: the process can serve; no dependency checks, so a database outage does not restart every instance",
        checks: ["event loop responsive"],
      },
      {
        path: "/health/ready",
        purpose:
          "readiness: report each dependency's status and latency; take the instance out of rotation when a required one fails",
        checks: dependencies,
      },
    ],
    runbook,
  };
}

function redactedFields(model: Model): string[] {
  const out = ["authorization header", "cookies", "Idempotency-Key values"];
  for (const entity of model.entities) {
    for (const field of entity.fields) {
      if (field.pii || field.secret) out.push(`${entity.name}.${field.name}`);
    }
  }
  return out;
}
