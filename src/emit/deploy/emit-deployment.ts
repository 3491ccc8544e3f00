import { MIN_INSTANCES } from "../../analyze/capacity/service-fleet.js";
import { POSTGRES_MAJOR } from "../../analyze/stack/data-store-choices.js";
import { deploymentPlan } from "../../analyze/stack/deployment-plan.js";
import { identityChoice } from "../../analyze/stack/identity-choice.js";
import type { DesignResult } from "../../design/design-system.js";
import { emitCiWorkflow } from "./ci-workflow.js";
import { type DeploymentSizing, sizeDeployments } from "./deployment-sizing.js";
import { emitDockerfile, emitDockerignore } from "./dockerfile.js";
import { type ManifestContext, serviceManifests } from "./kubernetes-manifests.js";
import { kubernetesName } from "./kubernetes-name.js";
import { renderManifest } from "./render-manifest.js";
import { DEFAULT_SERVICE_RUNTIME, type ServiceRuntime } from "./service-runtime.js";

/** A file to write, relative to the generated service's folder. */
export interface DeploymentFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The design's deployment files: Dockerfile and .dockerignore, Kubernetes manifests per service
 * under `k8s/<service>/`, and `.github/workflows/ci.yml`. Pure: every figure comes from the design
 * (capacity report, deployment plan, identity choice), and the same design yields the same bytes,
 * in sorted path order.
 */
export function emitDeployment(
  result: Pick<DesignResult, "model" | "statements">,
  runtime: ServiceRuntime = DEFAULT_SERVICE_RUNTIME,
): DeploymentFile[] {
  const { model } = result;
  const capacity = result.statements.capacity;
  const plan = deploymentPlan(model, model.services, capacity.current.services, capacity.tenfold.services);
  const image = kubernetesName(model.system.name);
  const context: ManifestContext = {
    system: model.system.name,
    runsOn: plan.runsOn,
    onKubernetes: plan.platform === "kubernetes",
    availabilityZones: plan.availabilityZones,
    identity: identityChoice(model).choice,
    cachedTables: capacity.current.cache.tables.length,
    runtime,
  };
  const files: DeploymentFile[] = [
    {
      path: "Dockerfile",
      content: emitDockerfile(
        runtime,
        model.system.name,
        runtime.processes === "one" && model.services.length > 1 ? [image] : model.services,
      ),
    },
    { path: ".dockerignore", content: emitDockerignore() },
    {
      path: ".github/workflows/ci.yml",
      content: emitCiWorkflow(runtime, image, { postgresMajor: POSTGRES_MAJOR }),
    },
  ];
  const sizings = sizeDeployments(capacity, plan);
  const units =
    runtime.processes === "one" && sizings.length > 1
      ? [oneProcess(sizings, image, Math.max(MIN_INSTANCES, plan.availabilityZones))]
      : sizings;
  for (const sizing of units) {
    for (const manifest of serviceManifests(sizing, context)) {
      files.push({ path: manifest.path, content: renderManifest(manifest) });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * One Deployment for a process that hosts every service's module: it takes the whole design's
 * traffic, so its replicas come from the summed request rates (at least one per availability
 * zone), each pod opens every module's pool, and the database limits are the tightest of them.
 */
function oneProcess(sizings: readonly DeploymentSizing[], name: string, floor: number): DeploymentSizing {
  const [first] = sizings;
  if (first === undefined) throw new Error("a design has at least one service");
  const sum = (f: (s: DeploymentSizing) => number) => sizings.reduce((n, s) => n + f(s), 0);
  const least = (f: (s: DeploymentSizing) => number | null) =>
    sizings.map(f).reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null);
  const requestsPerSecond = sum((s) => s.requestsPerSecond);
  const tenfoldRequestsPerSecond = sum((s) => s.tenfoldRequestsPerSecond);
  const loadReplicas = Math.max(1, Math.ceil(requestsPerSecond / first.requestsPerInstance));
  const replicas = Math.max(floor, loadReplicas);
  const tenfoldReplicas = Math.max(replicas, Math.ceil(tenfoldRequestsPerSecond / first.requestsPerInstance));
  const tenfoldPoolPerInstance = sum((s) => s.tenfoldPoolPerInstance);
  return {
    ...first,
    service: name,
    replicas,
    tenfoldReplicas,
    loadReplicas,
    requestsPerSecond,
    tenfoldRequestsPerSecond,
    poolPerInstance: sum((s) => s.poolPerInstance),
    tenfoldPoolPerInstance,
    tenfoldConnections: tenfoldReplicas * tenfoldPoolPerInstance,
    connectionsSaturateAtMultiple: least((s) => s.connectionsSaturateAtMultiple),
    primarySaturatesAtMultiple: least((s) => s.primarySaturatesAtMultiple),
  };
}
