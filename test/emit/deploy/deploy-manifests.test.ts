import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { validate as validateDockerfile } from "dockerfile-utils";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import { parse, parseAllDocuments } from "yaml";
import type { CapacityReport } from "../../../src/analyze/capacity/index.js";
import { MIN_INSTANCES } from "../../../src/analyze/capacity/service-fleet.js";
import { deploymentPlan } from "../../../src/analyze/stack/index.js";
import { type DesignResult, designSystem } from "../../../src/design/design-system.js";
import {
  DEFAULT_SERVICE_RUNTIME,
  type DeploymentFile,
  emitDeployment,
  serviceManifests,
  sizeDeployments,
} from "../../../src/emit/deploy/index.js";
import { kubernetesName } from "../../../src/emit/deploy/kubernetes-name.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { generatedSpec, TENANT_UNASSIGNED } from "../../fixtures/spec-shapes.js";
import { TINY } from "./tiny-spec.js";

const SPECS: [string, string][] = [
  ["social-sharing", readFileSync("examples/social-sharing/archwright.yaml", "utf8")],
  ["e-commerce", readFileSync("examples/e-commerce/archwright.yaml", "utf8")],
  ["b2b-saas", readFileSync("examples/b2b-saas/archwright.yaml", "utf8")],
  ["tiny", TINY],
  ["tiny, named Yes", TINY.replace("name: Tiny Notes", 'name: "Yes"')],
  ["tenant-unassigned", TENANT_UNASSIGNED],
  ["generated-30-unassigned", generatedSpec(2, 30, { services: 0 })],
];

/** The Kubernetes schema of each kind the emitter may write; any other kind fails the test. */
const VALIDATORS: Record<string, (object: never) => { validate(): void }> = {
  "apps/v1 Deployment": (o) => new Deployment(o),
  "v1 Service": (o) => new Service(o),
  "v1 ConfigMap": (o) => new ConfigMap(o),
  "autoscaling/v2 HorizontalPodAutoscaler": (o) => new HorizontalPodAutoscaler(o),
  "policy/v1 PodDisruptionBudget": (o) => new PodDisruptionBudget(o),
};

/** RFC 1035 label: what a Service name must be (and so every name here). */
const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
}

/** Seconds of failed readiness checks before a pod leaves rotation. */
function readinessWindow(container: Container): number {
  return (container.readinessProbe?.periodSeconds ?? 10) * (container.readinessProbe?.failureThreshold ?? 3);
}
interface Container {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
  }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: { runAsNonRoot?: boolean; readOnlyRootFilesystem?: boolean };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: {
    replicas?: number;
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { resource?: { name: string; target: { averageUtilization?: number } } }[];
    scaleTargetRef?: { kind: string; name: string };
    ports?: { targetPort?: string | number }[];
    template?: {
      spec: {
        containers: Container[];
        terminationGracePeriodSeconds?: number;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
      };
    };
  };
  data?: Record<string, string>;
}

function manifests(files: readonly DeploymentFile[]): { path: string; object: KubeObject }[] {
  return files
    .filter((f) => f.path.startsWith("k8s/"))
    .flatMap((f) =>
      // As Kubernetes reads them: YAML 1.1, where a bare `yes` is a boolean.
      parseAllDocuments(f.content, { version: "1.1" }).map((d) => ({
        path: f.path,
        object: d.toJS() as KubeObject,
      })),
    );
}

function byKind(objects: { object: KubeObject }[], service: string, kind: string): KubeObject | undefined {
  return objects.map((o) => o.object).find((o) => o.kind === kind && o.metadata.name === service);
}

/** Instances for a request rate, recomputed from the report's own assumptions (not read back). */
function instancesFor(report: CapacityReport, requestsPerSecond: number): number {
  const s = report.assumptions.service;
  const perInstance = ((s.vcpus * 1000) / s.cpuMsPerRequest) * s.targetUtilisation;
  return Math.max(MIN_INSTANCES, Math.ceil(requestsPerSecond / perInstance));
}

function portOf(container: Container, port: string | number | undefined): number | undefined {
  return typeof port === "number" ? port : container.ports?.find((p) => p.name === port)?.containerPort;
}

for (const [name, text] of SPECS) {
  describe(`deployment files: ${name}`, () => {
    let result: DesignResult;
    let files: DeploymentFile[];
    let objects: { path: string; object: KubeObject }[];
    let performance: CapacityReport;
    before(() => {
      result = designSystem(parseSpec(text, `${name}.yaml`), { svg: false });
      files = emitDeployment(result);
      objects = manifests(files);
      performance = JSON.parse(result.files.get("handoff.json") ?? "{}").performance;
    });

    it("validates every manifest against the Kubernetes schemas", () => {
      assert.ok(objects.length >= 3 * result.model.services.length);
      for (const { path, object } of objects) {
        const make = VALIDATORS[`${object.apiVersion} ${object.kind}`];
        assert.ok(make, `${path}: unexpected ${object.apiVersion} ${object.kind}`);
        assert.doesNotThrow(() => make(object as never).validate(), `${path}`);
        // The schemas leave names free; the API server wants DNS labels.
        assert.match(object.metadata.name, DNS_LABEL, `${path}: ${object.metadata.name}`);
      }
    });

    it("validates the CI workflow with GitHub's own workflow parser and schema", () => {
      const ci = files.find((f) => f.path === ".github/workflows/ci.yml");
      assert.ok(ci);
      const parsed = parseWorkflow({ name: "ci.yml", content: ci.content }, new NoOperationTraceWriter());
      assert.deepEqual(
        parsed.context.errors.getErrors().map((e) => e.message),
        [],
      );
      const jobs = parse(ci.content).jobs as Record<string, { steps: { run?: string }[] }>;
      const runs = Object.values(jobs).flatMap((j) => j.steps.map((s) => s.run ?? ""));
      for (const step of ["npm ci", "npm run typecheck", "npm run test", "docker build"])
        assert.ok(
          runs.some((r) => r.startsWith(step)),
          `a step runs ${step}`,
        );
    });

    it("writes a Dockerfile that Docker's language service finds nothing wrong with", () => {
      const dockerfile = files.find((f) => f.path === "Dockerfile")?.content ?? "";
      assert.deepEqual(
        validateDockerfile(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
      );
      const from = dockerfile.match(/^FROM .*/gm) ?? [];
      assert.deepEqual(
        from.map((f) => f.split(" ")[1]),
        ["node:20-slim", "node:20-slim"],
        "two stages on node:20-slim",
      );
      const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
      assert.match(runtimeStage, /^RUN npm ci --omit=dev/m);
      assert.match(runtimeStage, /^HEALTHCHECK .*\/health/m);
      const user = /^USER (\d+)/m.exec(runtimeStage)?.[1];
      assert.ok(user !== undefined && Number(user) !== 0, "runs as a numeric non-root user");
      for (const { object } of objects.filter((o) => o.object.kind === "Deployment"))
        assert.equal(object.spec?.template?.spec.securityContext?.runAsUser, Number(user));
      assert.ok(files.some((f) => f.path === ".dockerignore" && /^\.env$/m.test(f.content)));
    });

    it("bounds each autoscaler by the capacity figures at 1x and 10x", () => {
      assert.deepEqual(
        performance.current.services.map((s) => s.service),
        [...result.model.services].sort(),
      );
      for (const now of performance.current.services) {
        const later = performance.tenfold.services.find((s) => s.service === now.service);
        assert.ok(later);
        const atToday = instancesFor(performance, now.requestsPerSecond);
        const atTenfold = instancesFor(performance, later.requestsPerSecond);
        // The report states the same counts the test recomputes from its rates.
        assert.equal(now.instances, atToday);
        assert.equal(later.instances, atTenfold);
        // One instance per availability zone at least (three zones from 99.9%), as DESIGN.md says.
        const zones = result.model.scale.availability >= 99.9 ? 3 : 2;
        const min = Math.max(zones, atToday);
        const max = Math.max(min, atTenfold);
        const designMd = String(result.files.get("DESIGN.md"));
        assert.match(
          designMd,
          new RegExp(
            `service: ${now.service} · peakRps: [\\d.]+ · minInstances: ${min} · maxInstances: ${max}\\n`,
          ),
          "DESIGN.md's deployment section states the same bounds",
        );
        const deployment = byKind(objects, now.service, "Deployment");
        const hpa = byKind(objects, now.service, "HorizontalPodAutoscaler");
        const pdb = byKind(objects, now.service, "PodDisruptionBudget");
        assert.ok(deployment, `${now.service} has a Deployment`);
        if (max > min) {
          assert.ok(hpa, `${now.service} scales from ${min} to ${max}`);
          assert.equal(hpa.spec?.minReplicas, min);
          assert.equal(hpa.spec?.maxReplicas, max);
          assert.deepEqual(hpa.spec?.scaleTargetRef, {
            apiVersion: "apps/v1",
            kind: "Deployment",
            name: now.service,
          });
          assert.equal(
            hpa.spec?.metrics?.[0]?.resource?.target.averageUtilization,
            Math.round(performance.assumptions.service.targetUtilisation * 100),
          );
          assert.equal(deployment.spec?.replicas, undefined, "the autoscaler owns the count");
          // A ceiling the database cannot follow is said beside it.
          const hpaText = files.find((f) => f.path === `k8s/${now.service}/hpa.yaml`)?.content ?? "";
          const primary = performance.limits.postgresPrimaries.find((p) => p.service === now.service);
          const pools =
            performance.tenfold.databases.find((d) => d.service === now.service)?.connections ?? 0;
          assert.equal(
            /past its limit/.test(hpaText),
            pools > performance.assumptions.postgres.maxConnections,
            `${now.service}: ${pools} connections at 10x`,
          );
          assert.equal(
            /primary itself fills/.test(hpaText),
            (primary?.saturatesAtMultiple ?? Number.POSITIVE_INFINITY) < performance.tenfoldMultiple,
          );
        } else {
          assert.equal(hpa, undefined, `${now.service} needs ${min} at both loads`);
          assert.equal(deployment.spec?.replicas, min);
        }
        assert.equal(
          pdb !== undefined,
          min > 1,
          `${now.service}: a disruption budget only with replicas to spare`,
        );
        const container = deployment.spec?.template?.spec.containers[0];
        assert.equal(container?.resources?.requests?.cpu, `${performance.assumptions.service.vcpus * 1000}m`);
        assert.deepEqual(container?.resources?.limits, container?.resources?.requests);
      }
    });

    it("points every probe at /health on the container port", () => {
      for (const service of result.model.services) {
        const deployment = byKind(objects, service, "Deployment");
        const config = byKind(objects, `${service}-config`, "ConfigMap");
        const container = deployment?.spec?.template?.spec.containers[0];
        assert.ok(container && config);
        assert.ok(
          container.envFrom?.some((e) => e.configMapRef?.name === `${service}-config`),
          "the container reads its ConfigMap",
        );
        const port = Number(config.data?.PORT);
        assert.equal(port, DEFAULT_SERVICE_RUNTIME.port);
        for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
          assert.equal(probe?.httpGet?.path, "/health");
          assert.equal(portOf(container, probe?.httpGet?.port), port);
        }
        const svc = byKind(objects, service, "Service");
        assert.equal(portOf(container, svc?.spec?.ports?.[0]?.targetPort), port);
        assert.equal(
          deployment?.spec?.template?.spec.terminationGracePeriodSeconds,
          DEFAULT_SERVICE_RUNTIME.shutdownDrainSeconds + DEFAULT_SERVICE_RUNTIME.shutdownCloseSeconds,
        );
        assert.ok(
          readinessWindow(container) <= DEFAULT_SERVICE_RUNTIME.shutdownDrainSeconds,
          "out of rotation within the drain",
        );
        assert.equal(container.securityContext?.runAsNonRoot, true);
        assert.equal(container.securityContext?.readOnlyRootFilesystem, true);
      }
    });

    it("writes no literal secret: credentials come from secretKeyRef only", () => {
      assert.ok(!objects.some((o) => o.object.kind === "Secret"), "no Secret object is written");
      const secretName = /URL$|PASSWORD|SECRET|TOKEN|KEY$/;
      for (const { path, object } of objects) {
        for (const container of object.spec?.template?.spec.containers ?? []) {
          for (const env of container.env ?? []) {
            if (
              env.name === "DATABASE_URL" ||
              env.name === "REDIS_URL" ||
              /PASSWORD|SECRET|TOKEN/.test(env.name)
            ) {
              assert.equal(env.value, undefined, `${path}: ${env.name} has a literal value`);
              assert.ok(env.valueFrom?.secretKeyRef, `${path}: ${env.name} comes from a Secret`);
            }
          }
          const names = (container.env ?? []).map((e) => e.name);
          assert.ok(names.includes("DATABASE_URL"), `${path}: DATABASE_URL is referenced`);
        }
        // The JWT issuer, audience and JWKS address are public facts of the identity provider.
        for (const key of Object.keys(object.data ?? {}))
          assert.ok(
            !secretName.test(key) || key.startsWith("JWT_") || key === "JWKS_URL",
            `${path}: ${key} belongs in a Secret`,
          );
      }
      for (const file of files)
        assert.doesNotMatch(file.content, /:\/\/[^/\s:@]+:[^/\s@]+@/, `${file.path}: credentials in a URL`);
    });

    it("requires REDIS_URL exactly when the design has Redis", () => {
      const cached = result.statements.capacity.current.cache.tables.length > 0;
      for (const { path, object } of objects)
        for (const container of object.spec?.template?.spec.containers ?? []) {
          const redis = (container.env ?? []).find((e) => e.name === "REDIS_URL");
          assert.ok(redis?.valueFrom?.secretKeyRef, `${path}: REDIS_URL comes from the Secret`);
          assert.equal(redis.valueFrom.secretKeyRef.optional ?? false, !cached, path);
        }
    });

    it("is byte-identical across two runs, in sorted path order", () => {
      const again = emitDeployment(designSystem(parseSpec(text, `${name}.yaml`), { svg: false }));
      assert.deepEqual(again, files);
      const paths = files.map((f) => f.path);
      assert.deepEqual(paths, [...paths].sort());
    });
  });
}

describe("deployment proportion", () => {
  it("runs one replica with neither autoscaler nor disruption budget when one instance is enough", () => {
    const result = designSystem(parseSpec(TINY, "tiny.yaml"), { svg: false });
    const capacity = result.statements.capacity;
    const plan = deploymentPlan(
      result.model,
      result.model.services,
      capacity.current.services,
      capacity.tenfold.services,
    );
    const [sizing] = sizeDeployments(capacity, plan);
    assert.ok(sizing);
    const single = serviceManifests(
      { ...sizing, replicas: 1, tenfoldReplicas: 1 },
      {
        system: "Tiny",
        runsOn: "one container",
        onKubernetes: false,
        availabilityZones: 2,
        identity: "none",
        cachedTables: 0,
        runtime: DEFAULT_SERVICE_RUNTIME,
      },
    );
    assert.deepEqual(
      single.map((m) => m.object.kind),
      ["Deployment", "Service", "ConfigMap"],
    );
    const deployment = single[0]?.object as KubeObject;
    assert.equal(deployment.spec?.replicas, 1);
    const why = single[0]?.notes.find((n) => n.path.join(".") === "spec.replicas")?.text ?? "";
    assert.match(why, /no HorizontalPodAutoscaler/);
    assert.match(why, /no PodDisruptionBudget/);
  });

  it("names a monolith's one service in the image", () => {
    const monolith = designSystem(parseSpec(TENANT_UNASSIGNED, "t.yaml"), { svg: false });
    assert.equal(monolith.model.services.length, 1);
    const dockerfile = emitDeployment(monolith).find((f) => f.path === "Dockerfile")?.content ?? "";
    assert.match(dockerfile, new RegExp(`^ENV .*SERVICE_NAME=${monolith.model.services[0]}`, "m"));
  });
});

describe("kubernetes names", () => {
  it("turns any system or service name into a DNS label, keeping long names apart", () => {
    const long = "An Extraordinarily Long System Name That Keeps Going Well Past Sixty Three Characters";
    const names = [
      kubernetesName("Social Sharing!"),
      kubernetesName("42 Things"),
      kubernetesName("###"),
      kubernetesName(long, "secrets"),
      kubernetesName(`${long} Two`, "secrets"),
    ];
    assert.deepEqual(names.slice(0, 3), ["social-sharing", "things", "app"]);
    for (const name of names) assert.match(name, DNS_LABEL, name);
    assert.notEqual(names[3], names[4]);
    assert.ok(names[3]?.endsWith("-secrets"));
  });
});

describe("service runtime", () => {
  it("takes every fact about the service from one value, so the generator can pass its own", () => {
    const result = designSystem(parseSpec(TINY, "tiny.yaml"), { svg: false });
    const runtime = {
      ...DEFAULT_SERVICE_RUNTIME,
      port: 8080,
      healthPath: "/healthz",
      command: ["node", "build/server.js"],
      buildOutput: ["build"],
      shutdownDrainSeconds: 15,
      shutdownCloseSeconds: 5,
    };
    const files = emitDeployment(result, runtime);
    const dockerfile = files.find((f) => f.path === "Dockerfile")?.content ?? "";
    assert.match(dockerfile, /^EXPOSE 8080$/m);
    assert.match(dockerfile, /^COPY --from=build \/app\/build \.\/build$/m);
    assert.match(dockerfile, /^CMD \["node","build\/server\.js"\]$/m);
    assert.match(dockerfile, /^HEALTHCHECK .*\/healthz/m);
    const objects = manifests(files);
    const deployment = byKind(objects, "notes", "Deployment");
    const container = deployment?.spec?.template?.spec.containers[0];
    assert.ok(container);
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      assert.equal(probe?.httpGet?.path, "/healthz");
      assert.equal(portOf(container, probe?.httpGet?.port), 8080);
    }
    assert.equal(byKind(objects, "notes-config", "ConfigMap")?.data?.PORT, "8080");
    assert.equal(deployment?.spec?.template?.spec.terminationGracePeriodSeconds, 20);
    for (const drain of [15, 12, 3, 1]) {
      const shorter = emitDeployment(result, { ...runtime, shutdownDrainSeconds: drain });
      const c = byKind(manifests(shorter), "notes", "Deployment")?.spec?.template?.spec.containers[0];
      assert.ok(
        c && readinessWindow(c) <= drain,
        `drain ${drain} s: readiness window ${c && readinessWindow(c)} s`,
      );
    }
  });
});
