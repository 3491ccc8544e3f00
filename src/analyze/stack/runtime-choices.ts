import type { DeploymentPlatform } from "./deployment-platform.js";
import { count, rps } from "./number-text.js";
import type { StackSignals } from "./stack-signals.js";
import type { TechnologyChoice } from "./technology-choice.js";

/** A p99 target tighter than this leaves little room for event-loop stalls and GC pauses. */
export const GO_MAX_LATENCY_P99_MS = 100;
/** Traffic at which Go's lower CPU per request starts to show on the bill. */
export const GO_MIN_PEAK_RPS = 5_000;
/** Peak monthly requests a managed per-request gateway handles before its price overtakes a load balancer. */
const MANAGED_GATEWAY_MAX_MONTHLY_REQUESTS = 300_000_000;
/** Average traffic as a share of peak, for monthly request estimates. */
const AVERAGE_TO_PEAK = 1 / 3;
const SECONDS_PER_MONTH = 30 * 24 * 60 * 60;

export function prefersGo(s: StackSignals, latencyP99Ms: number): boolean {
  return latencyP99Ms < GO_MAX_LATENCY_P99_MS && s.peakRps >= GO_MIN_PEAK_RPS;
}

export function runtimeChoice(s: StackSignals, latencyP99Ms: number): TechnologyChoice {
  const team = s.teamSize === undefined ? "" : ` for a team of ${count(s.teamSize)}`;
  if (prefersGo(s, latencyP99Ms)) {
    return {
      concern: "API runtime",
      choice: "Go 1.22 with net/http and chi, sqlc for queries",
      rationale: `A ${count(latencyP99Ms)} ms p99 target at ${rps(s.peakRps)} leaves little slack for event-loop stalls or long GC pauses; Go serves more requests per vCPU with goroutines spread across cores.`,
      alternatives: [
        {
          name: "Node.js 20 + TypeScript (Fastify)",
          whyNot: `One event loop per process: a CPU-heavy request delays every other one, which shows directly in a ${count(latencyP99Ms)} ms p99.`,
        },
        {
          name: "Kotlin on the JVM (Spring Boot)",
          whyNot: "Higher memory per instance and slower cold starts for autoscaling.",
        },
      ],
      tradeOff:
        "The generated TypeScript scaffold is a reference only; types shared with web clients must be generated from OpenAPI instead.",
    };
  }
  return {
    concern: "API runtime",
    choice: "Node.js 20 + TypeScript with Fastify (JSON Schema validation from the emitted OpenAPI)",
    rationale:
      `A ${count(latencyP99Ms)} ms p99 target is dominated by database and network time, not CPU, at ${rps(s.peakRps)}; ` +
      `Fastify validates requests against the same schemas as the OpenAPI documents, and one language across services and web clients keeps hiring and reviews simple${team}.`,
    alternatives: [
      {
        name: "Go",
        whyNot: `Cheaper per request, but at ${rps(s.peakRps)} the saving is a few instances, and a ${count(latencyP99Ms)} ms target does not need it.`,
      },
      {
        name: "Express",
        whyNot: `No built-in schema validation or serialisation, and several times slower per request than Fastify, which at ${rps(s.peakRps)} means more instances.`,
      },
    ],
    tradeOff: `A single-threaded event loop per process: at ${rps(s.peakRps)} one CPU-heavy request (image resizing, large JSON) delays the others, so such work goes to workers or a queue.`,
  };
}

/** Requests a month at an average of a third of the peak. */
export function monthlyRequests(peakRps: number): number {
  return peakRps * AVERAGE_TO_PEAK * SECONDS_PER_MONTH;
}

/** The gateway choice below takes Amazon API Gateway (priced per request). */
export function usesManagedGateway(s: StackSignals, platform: DeploymentPlatform): boolean {
  return platform !== "kubernetes" && monthlyRequests(s.peakRps) <= MANAGED_GATEWAY_MAX_MONTHLY_REQUESTS;
}

export function gatewayChoice(s: StackSignals, platform: DeploymentPlatform): TechnologyChoice {
  const monthlyRequests = s.peakRps * AVERAGE_TO_PEAK * SECONDS_PER_MONTH;
  const monthly = `about ${count(Math.round(monthlyRequests / 1_000_000))} million requests a month`;
  if (platform === "kubernetes") {
    return {
      concern: "API gateway",
      choice: "Envoy Gateway (Kubernetes Gateway API) behind an AWS Network Load Balancer",
      rationale: `${count(s.services.length)} services on one cluster need path routing, JWT validation and per-client rate limits (backed by Redis) at the edge; at ${monthly} a per-request priced gateway costs more than the pods.`,
      alternatives: [
        {
          name: "Amazon API Gateway",
          whyNot: `Priced per request: ${monthly} is a large line item, and payloads are capped at 10 MB.`,
        },
        {
          name: "Kong",
          whyNot:
            "Capable, but its richer features sit behind the enterprise licence; Envoy Gateway is the Gateway API reference.",
        },
      ],
      tradeOff:
        "We run and upgrade the gateway ourselves; it is on every request's path and needs its own replicas and alerts.",
    };
  }
  if (monthlyRequests <= MANAGED_GATEWAY_MAX_MONTHLY_REQUESTS) {
    return {
      concern: "API gateway",
      choice: "Amazon API Gateway (HTTP API) with a JWT authorizer, routing to the services' load balancer",
      rationale: `At ${monthly}, per-request pricing stays small and buys managed TLS, JWT validation, throttling and access logs with nothing to run.`,
      alternatives: [
        {
          name: "Envoy or Kong self-hosted",
          whyNot: "A component to run on every request's path for traffic a managed gateway handles.",
        },
        {
          name: "Load balancer only",
          whyNot: "No JWT validation or throttling before requests reach the services.",
        },
      ],
      tradeOff:
        "Per-request cost grows linearly with traffic; 30-second integration timeout and 10 MB payload cap.",
    };
  }
  return {
    concern: "API gateway",
    choice:
      "AWS Application Load Balancer with AWS WAF; JWT validation and per-client rate limits in a shared Fastify plugin",
    rationale: `At ${monthly}, a per-request priced gateway would cost more than the services; the load balancer routes by path to ${count(s.services.length)} services and WAF blocks abusive IPs before they reach them.`,
    alternatives: [
      { name: "Amazon API Gateway", whyNot: `Per-request pricing at ${monthly}.` },
      {
        name: "Self-hosted Envoy on ECS",
        whyNot: "Another fleet to run when ALB routing and WAF already cover the edge.",
      },
    ],
    tradeOff:
      "Auth and rate limiting live in application code that every service must include and keep at the same version.",
  };
}
