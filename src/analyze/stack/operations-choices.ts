import type { Model } from "../../model/index.js";
import type { RolloutStrategy } from "./deployment-plan.js";
import { type DeploymentPlatform, platformName } from "./deployment-platform.js";
import { count, listText, rps } from "./number-text.js";
import type { StackSignals } from "./stack-signals.js";
import type { TechnologyChoice } from "./technology-choice.js";
import { traceSampleRatio } from "./trace-sampling.js";

export function observabilityChoice(model: Model, s: StackSignals): TechnologyChoice {
  const ratio = traceSampleRatio(s.peakRps);
  return {
    concern: "Observability",
    choice:
      "OpenTelemetry SDK and Collector, exporting to Grafana Cloud (Prometheus metrics, Tempo traces, Loki logs)",
    rationale:
      `SLOs of ${model.scale.availability}% availability and ${count(model.scale.latencyP99Ms)} ms p99 need RED metrics per route and traces across ${count(s.services.length)} service${s.services.length === 1 ? "" : "s"}` +
      `${s.eventCount > 0 ? " and the broker (trace context travels in event headers)" : ""}. ` +
      `At ${rps(s.peakRps)} the Collector keeps every error trace and ${Math.round(ratio * 1000) / 10}% of the rest (tail sampling). OpenTelemetry keeps the instrumentation vendor-neutral.`,
    alternatives: [
      {
        name: "Datadog",
        whyNot: `Strong product, but per-host plus custom-metric and indexed-span pricing grows with every one of the ${count(s.services.length)} service${s.services.length === 1 ? "" : "s"} and ${rps(s.peakRps)} of traffic.`,
      },
      {
        name: "Amazon CloudWatch + X-Ray",
        whyNot: `Weaker correlation between logs, metrics and traces, and the burn-rate alerts of a ${model.scale.availability}% SLO are awkward to write.`,
      },
    ],
    tradeOff: `Two hops (SDK to Collector to backend) to keep healthy; a hosted backend means telemetry about ${count(model.scale.dailyActiveUsers)} daily users leaves the account, so personal data is redacted in the Collector.`,
  };
}

export function deploymentChoice(
  model: Model,
  s: StackSignals,
  platform: DeploymentPlatform,
): TechnologyChoice {
  const scale = `${count(s.services.length)} service${s.services.length === 1 ? "" : "s"} at ${rps(s.peakRps)}`;
  const team = model.system.teamSize === undefined ? "" : ` and a team of ${count(model.system.teamSize)}`;
  const ha = model.scale.availability >= 99.9 ? "three availability zones" : "two availability zones";
  if (platform === "kubernetes") {
    return {
      concern: "Deployment",
      choice: platformName(platform),
      rationale: `${scale}${team} justify a cluster: horizontal pod autoscaling on request rate, bin-packing many services onto shared nodes, Gateway API routing and Argo Rollouts canaries. Nodes span ${ha} for ${model.scale.availability}% availability.`,
      alternatives: [
        {
          name: "Amazon ECS on Fargate",
          whyNot: `Per-task pricing and coarser autoscaling become expensive with ${scale}.`,
        },
        {
          name: "AWS Lambda",
          whyNot: "Cold starts threaten the p99 and connection storms hit PostgreSQL without RDS Proxy.",
        },
      ],
      tradeOff:
        "Cluster upgrades, node patching, network policies and RBAC become a standing platform workload.",
    };
  }
  const single = platform === "single-container";
  return {
    concern: "Deployment",
    choice: platformName(platform),
    rationale: `${scale}${team} do not need a cluster's scheduler; Fargate gives autoscaling and ${single ? "rolling updates with a circuit breaker" : "rolling, blue-green and canary deploys (CodeDeploy)"} with no nodes or control plane to patch. Tasks span ${ha} for ${model.scale.availability}% availability.`,
    alternatives: [
      {
        name: "Kubernetes (Amazon EKS)",
        whyNot: `A control plane, node groups and add-ons to run for ${scale}; it pays off with more services or much more traffic.`,
      },
      single
        ? {
            name: "AWS Lambda",
            whyNot: `Cheap when idle, but cold starts hurt a ${count(model.scale.latencyP99Ms)} ms p99 and each invocation opens its own database connection.`,
          }
        : {
            name: "Amazon EC2 Auto Scaling groups",
            whyNot: "Image baking and host patching for no gain over Fargate at this size.",
          },
    ],
    tradeOff: `Less control over scheduling and sidecars; Fargate costs more per vCPU than well-packed nodes, which matters only well past ${rps(s.peakRps)}.`,
  };
}

export function secretsChoice(model: Model): TechnologyChoice {
  const regulated = model.security.compliance.filter((c) => c === "pci-dss" || c === "hipaa" || c === "soc2");
  return {
    concern: "Secrets",
    choice: "AWS Secrets Manager with automatic rotation, encrypted by a customer-managed KMS key",
    rationale:
      "Database passwords, IdP client secrets and signing keys are fetched at start-up by the task's IAM role, never baked into images or plain environment variables; RDS credentials rotate without redeploys." +
      (regulated.length > 0
        ? ` ${listText(regulated)} audits need the access trail CloudTrail records for every read.`
        : ""),
    alternatives: [
      {
        name: "HashiCorp Vault",
        whyNot: `Dynamic secrets are powerful but Vault is a highly available cluster to run and unseal${model.system.teamSize === undefined ? ` beside ${count(model.services.length)} service${model.services.length === 1 ? "" : "s"}` : ` for a team of ${count(model.system.teamSize)}`}.`,
      },
      {
        name: "Environment variables in task definitions",
        whyNot: `Readable by anyone who can describe the task of ${listText(model.services.map((x) => `\`${x}\``))}, and leak into crash dumps and logs.`,
      },
    ],
    tradeOff: `Per-secret and per-call pricing (cache secrets in memory); rotation of ${model.services.length === 1 ? "the database password" : `${count(model.services.length)} database passwords`} must be tested so it does not break live connections.`,
  };
}

export function ciCdChoice(
  platform: DeploymentPlatform,
  strategy: RolloutStrategy,
  s: StackSignals,
): TechnologyChoice {
  const deployer =
    platform === "kubernetes"
      ? "Argo CD with Argo Rollouts for canaries"
      : strategy === "rolling"
        ? "ECS rolling updates with the deployment circuit breaker"
        : strategy === "canary"
          ? "AWS CodeDeploy canary for ECS"
          : "AWS CodeDeploy blue-green for ECS";
  const services = `${count(s.services.length)} service${s.services.length === 1 ? "" : "s"}`;
  const pipelines = s.services.length === 1 ? "one pipeline" : `${services}' pipelines`;
  const rollout =
    strategy === "rolling"
      ? "a rolling update that rolls back automatically when new tasks fail their health checks"
      : `a ${strategy} rollout that rolls back automatically on SLO burn`;
  return {
    concern: "CI/CD",
    choice: `GitHub Actions for build and test; ${deployer}`,
    rationale: `Every change to the ${services} passes lint, type-check, unit and contract tests, a migration safety check (squawk) and a container image scan before ${rollout}.`,
    alternatives: [
      {
        name: "GitLab CI",
        whyNot: `Equivalent pipelines, but the code lives on GitHub and a second platform splits permissions and audit for ${pipelines}.`,
      },
      {
        name: "Jenkins",
        whyNot: `Servers and plugins to maintain${s.teamSize === undefined ? "" : ` by a team of ${count(s.teamSize)}`} for ${pipelines} a hosted runner does out of the box.`,
      },
    ],
    tradeOff: `Deploy credentials for ${services} live in CI (short-lived OIDC role assumption, no long-lived keys); hosted runner minutes cost money.`,
  };
}
