import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IService } from "kubernetes-models/v1/Service";
import { formatRate } from "../../analyze/capacity/figure-format.js";
import type { DeploymentSizing } from "./deployment-sizing.js";
import { kubernetesName } from "./kubernetes-name.js";
import type { ServiceRuntime } from "./service-runtime.js";

export type KubernetesObject =
  | IDeployment
  | IService
  | IHorizontalPodAutoscaler
  | IConfigMap
  | IPodDisruptionBudget;

/** A comment above the key at `path` (object keys and list indexes from the document root). */
export interface FieldNote {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

/** One object, its file and the reasons printed beside its figures. */
export interface Manifest {
  readonly path: string;
  readonly object: KubernetesObject;
  readonly header: readonly string[];
  readonly notes: readonly FieldNote[];
}

/** What every service's manifests share: the system, its platform and its identity provider. */
export interface ManifestContext {
  readonly system: string;
  /** The design's own deployment target, e.g. "Amazon ECS on Fargate ...". */
  readonly runsOn: string;
  readonly onKubernetes: boolean;
  readonly availabilityZones: number;
  readonly identity: string;
  readonly cachedTables: number;
  readonly runtime: ServiceRuntime;
}

/** Readiness is checked at most this far apart; the drain time decides how many failures take a pod out. */
const READINESS_PERIOD_SECONDS = 5;
/** Liveness tolerates a minute of failures: /health also reports dependencies, and a database outage must not restart every pod. */
const LIVENESS_PERIOD_SECONDS = 10;
const LIVENESS_FAILURES = 6;
/** Startup (migrations, first connections) may take up to a minute before liveness applies. */
const STARTUP_PERIOD_SECONDS = 2;
const STARTUP_FAILURES = 30;
/** Share of the container's memory given to V8's old generation; the rest is stack, buffers and native code. */
const HEAP_SHARE = 0.75;
const SERVICE_PORT = 80;

/**
 * The Kubernetes objects for one design service: Deployment, Service and ConfigMap always; a
 * HorizontalPodAutoscaler when the capacity plan needs more instances at 10x than today; a
 * PodDisruptionBudget when more than one replica runs. Secrets are referenced, never written.
 */
export function serviceManifests(sizing: DeploymentSizing, context: ManifestContext): Manifest[] {
  const { runtime } = context;
  const name = kubernetesName(sizing.service);
  const system = kubernetesName(context.system);
  const configName = kubernetesName(sizing.service, "config");
  const secretName = kubernetesName(sizing.service, "secrets");
  const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": system };
  const folder = `k8s/${name}`;
  const autoscaled = sizing.tenfoldReplicas > sizing.replicas;
  const disruptable = sizing.replicas > 1;
  // Readiness must fail within the drain, while the pod still answers: the window is at most the drain.
  const readinessPeriod = Math.max(1, Math.min(READINESS_PERIOD_SECONDS, runtime.shutdownDrainSeconds));
  const readinessFailures = Math.max(1, Math.floor(runtime.shutdownDrainSeconds / readinessPeriod));
  const grace = runtime.shutdownDrainSeconds + runtime.shutdownCloseSeconds;
  const floor =
    sizing.loadReplicas < sizing.replicas
      ? ` (the load needs ${sizing.loadReplicas}; the capacity plan never runs fewer than ${sizing.replicas}, so one can fail or be redeployed without an outage)`
      : "";
  const capacityLine = `${formatRate(sizing.requestsPerSecond)} requests/s today needs ${instances(sizing.replicas)}${floor}, ${formatRate(sizing.tenfoldRequestsPerSecond)} requests/s at ${sizing.tenfoldMultiple}x needs ${sizing.tenfoldReplicas}; one instance serves ${formatRate(sizing.requestsPerInstance)} requests/s at ${sizing.targetCpuPercent}% CPU`;

  const probe = (periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path: runtime.healthPath, port: "http" },
    periodSeconds,
    failureThreshold,
    timeoutSeconds: 2,
  });

  const deployment: IDeployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels },
    spec: {
      ...(autoscaled ? {} : { replicas: sizing.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: labels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: grace,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: runtime.uid,
            runAsGroup: runtime.uid,
            seccompProfile: { type: "RuntimeDefault" },
          },
          ...(disruptable
            ? {
                topologySpreadConstraints: [
                  {
                    maxSkew: 1,
                    topologyKey: "topology.kubernetes.io/zone",
                    whenUnsatisfiable: "ScheduleAnyway",
                    labelSelector: { matchLabels: labels },
                  },
                ],
              }
            : {}),
          containers: [
            {
              name,
              image: system,
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "http", containerPort: runtime.port, protocol: "TCP" }],
              envFrom: [{ configMapRef: { name: configName } }],
              env: [
                {
                  name: "DATABASE_URL",
                  valueFrom: { secretKeyRef: { name: secretName, key: "DATABASE_URL" } },
                },
                {
                  name: "REDIS_URL",
                  // Required when the design has Redis (its capacity plan caches tables there).
                  valueFrom: {
                    secretKeyRef: {
                      name: secretName,
                      key: "REDIS_URL",
                      ...(context.cachedTables > 0 ? {} : { optional: true }),
                    },
                  },
                },
              ],
              resources: {
                requests: { cpu: `${sizing.cpuMillicores}m`, memory: `${sizing.memoryMebibytes}Mi` },
                limits: { cpu: `${sizing.cpuMillicores}m`, memory: `${sizing.memoryMebibytes}Mi` },
              },
              startupProbe: probe(STARTUP_PERIOD_SECONDS, STARTUP_FAILURES),
              readinessProbe: probe(readinessPeriod, readinessFailures),
              livenessProbe: probe(LIVENESS_PERIOD_SECONDS, LIVENESS_FAILURES),
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
        },
      },
    },
  };
  const podSpec = ["spec", "template", "spec"];
  const container = [...podSpec, "containers", 0];
  const deploymentNotes: FieldNote[] = [
    autoscaled
      ? {
          path: ["spec", "revisionHistoryLimit"],
          text: `No replicas here: the HorizontalPodAutoscaler (hpa.yaml) owns the count, from ${sizing.replicas} to ${sizing.tenfoldReplicas}.`,
        }
      : {
          path: ["spec", "replicas"],
          text: `Capacity: ${capacityLine}. The same count at both loads, so no HorizontalPodAutoscaler.${disruptable ? "" : " One replica, so no PodDisruptionBudget either: it would block every node drain."}`,
        },
    {
      path: ["spec", "strategy"],
      text: "A new pod must be ready before an old one stops, so a rollout never runs below the planned count.",
    },
    {
      path: [...podSpec, "terminationGracePeriodSeconds"],
      text: `Graceful shutdown: ${runtime.shutdownDrainSeconds} s answering 503 on ${runtime.healthPath} while readiness takes the pod out of rotation, then ${runtime.shutdownCloseSeconds} s to finish requests and close pools.`,
    },
    {
      path: [...container, "image"],
      text: `CI builds ${system}:<commit>; pin that tag (or its digest) when deploying.`,
    },
    {
      path: [...container, "env"],
      text: `Secrets come from the Secret ${secretName} (fill it from the secret manager; nothing secret is written here). DATABASE_URL is this service's own database; the pool per pod is ${sizing.poolPerInstance} connections today and ${sizing.tenfoldPoolPerInstance} at ${sizing.tenfoldMultiple}x.${disruptable || autoscaled ? " REDIS_URL puts the rate-limit counters in Redis, so the pods share one budget per client; without it each pod counts on its own, so a client gets its limit once per pod." : ""}${context.cachedTables > 0 ? ` The capacity plan caches ${context.cachedTables} table(s) in Redis: set REDIS_URL.` : ""}`,
    },
    {
      path: [...container, "resources"],
      text: `One capacity instance: ${sizing.cpuMillicores / 1000} vCPU and ${sizing.memoryMebibytes} MiB (capacity.service). Limits equal requests, so each pod has the CPU the per-instance figure assumes and memory is never overcommitted.`,
    },
    {
      path: [...container, "startupProbe"],
      text: `Up to ${STARTUP_PERIOD_SECONDS * STARTUP_FAILURES} s to start (migrations, first connections) before the other probes apply.`,
    },
    {
      path: [...container, "readinessProbe"],
      text: `${readinessFailures} failures ${readinessPeriod} s apart (${readinessFailures * readinessPeriod} s) take the pod out of rotation: within the shutdown drain of ${runtime.shutdownDrainSeconds} s.`,
    },
    {
      path: [...container, "livenessProbe"],
      text: `Restarts only after ${LIVENESS_FAILURES * LIVENESS_PERIOD_SECONDS} s of failures: ${runtime.healthPath} also reports dependencies, and an outage of the database must not restart every pod.`,
    },
  ];
  if (disruptable)
    deploymentNotes.push({
      path: [...podSpec, "topologySpreadConstraints"],
      text: `Spread across zones (the design plans ${context.availabilityZones}), so losing one keeps the others serving.`,
    });
  const secretHelp = `kubectl create secret generic ${secretName} --from-literal=DATABASE_URL=... [--from-literal=REDIS_URL=...]`;
  const manifests: Manifest[] = [
    {
      path: `${folder}/deployment.yaml`,
      object: deployment,
      header: [
        `${sizing.service}: the ${sizing.service} service of ${context.system}, one process per pod.`,
        ...(context.onKubernetes
          ? []
          : [
              `The design runs on ${context.runsOn} (DESIGN.md, Deployment); these manifests carry the same figures for a Kubernetes cluster.`,
            ]),
        `Needs the Secret ${secretName}, e.g. from the secret manager or: ${secretHelp}`,
      ],
      notes: deploymentNotes,
    },
    {
      path: `${folder}/service.yaml`,
      object: {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, labels },
        spec: {
          type: "ClusterIP",
          selector: labels,
          ports: [{ name: "http", port: SERVICE_PORT, targetPort: "http", protocol: "TCP" }],
        },
      } satisfies IService,
      header: [`${sizing.service}: the stable in-cluster address of its pods.`],
      notes: [],
    },
    {
      path: `${folder}/configmap.yaml`,
      object: {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: configName, labels },
        data: {
          ...(runtime.processes === "one" ? {} : { [runtime.serviceVariable]: sizing.service }),
          HOST: runtime.host,
          PORT: String(runtime.port),
          LOG_LEVEL: "info",
          NODE_OPTIONS: `--max-old-space-size=${Math.floor(sizing.memoryMebibytes * HEAP_SHARE)}`,
          JWT_ISSUER: `https://auth.${system}.example/`,
          JWT_AUDIENCE: system,
          JWKS_URL: `https://auth.${system}.example/.well-known/jwks.json`,
          SHUTDOWN_DRAIN_SECONDS: String(runtime.shutdownDrainSeconds),
        },
      } satisfies IConfigMap,
      header: [`${sizing.service}: configuration that is not secret.`],
      notes: [
        {
          path: ["data", "HOST"],
          text: "Listen on every interface: probes and the Service reach the pod from outside it.",
        },
        {
          path: ["data", "NODE_OPTIONS"],
          text: `V8's heap sized to ${Math.round(HEAP_SHARE * 100)}% of the container's ${sizing.memoryMebibytes} MiB, so the process fails over a full heap before the kernel kills it.`,
        },
        {
          path: ["data", "JWT_ISSUER"],
          text: `Placeholders under the reserved .example domain: set the issuer, audience and JWKS of the identity provider, ${context.identity}.`,
        },
      ],
    },
  ];

  if (autoscaled) {
    const overConnections = sizing.tenfoldConnections > sizing.maxConnections;
    const primaryFull =
      sizing.primarySaturatesAtMultiple !== null && sizing.primarySaturatesAtMultiple < sizing.tenfoldMultiple
        ? ` The database primary itself fills at ${formatRate(sizing.primarySaturatesAtMultiple)}x today's load: more pods do not carry ${sizing.tenfoldMultiple}x without read replicas or a cache (DESIGN.md, bottlenecks).`
        : "";
    manifests.push({
      path: `${folder}/hpa.yaml`,
      object: {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name, labels },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
          minReplicas: sizing.replicas,
          maxReplicas: sizing.tenfoldReplicas,
          metrics: [
            {
              type: "Resource",
              resource: {
                name: "cpu",
                target: { type: "Utilization", averageUtilization: sizing.targetCpuPercent },
              },
            },
          ],
        },
      } satisfies IHorizontalPodAutoscaler,
      header: [`${sizing.service}: ${capacityLine}.`],
      notes: [
        {
          path: ["spec", "minReplicas"],
          text: `Today's peak: ${instances(sizing.replicas)} for ${formatRate(sizing.requestsPerSecond)} requests/s.`,
        },
        {
          path: ["spec", "maxReplicas"],
          text: `${sizing.tenfoldMultiple}x today's peak: ${sizing.tenfoldReplicas} instances for ${formatRate(sizing.tenfoldRequestsPerSecond)} requests/s. Their pools open ${sizing.tenfoldConnections} connections against the primary's ${sizing.maxConnections}${overConnections ? `: past its limit (from ${formatRate(sizing.connectionsSaturateAtMultiple ?? 0)}x), so put a transaction pooler in front of the database before scaling this far (DESIGN.md, bottlenecks)` : ""}.${primaryFull}`,
        },
        {
          path: ["spec", "metrics"],
          text: `Target ${sizing.targetCpuPercent}% CPU: the utilisation the capacity plan sizes each instance at (capacity.service.targetUtilisation), which leaves room for a spike and for a lost instance while new pods start.`,
        },
      ],
    });
  }
  if (disruptable) {
    manifests.push({
      path: `${folder}/pdb.yaml`,
      object: {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name, labels },
        spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
      } satisfies IPodDisruptionBudget,
      header: [
        `${sizing.service}: node drains and upgrades evict one pod at a time; the ${sizing.targetCpuPercent}% CPU target leaves room for the others to carry its load.`,
      ],
      notes: [],
    });
  }
  return manifests;
}

function instances(n: number): string {
  return `${n} instance${n === 1 ? "" : "s"}`;
}
