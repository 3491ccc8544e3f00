import { POSTGRES_MAJOR } from "../../analyze/stack/data-store-choices.js";
import { deploymentPlan } from "../../analyze/stack/deployment-plan.js";
import { identityChoice } from "../../analyze/stack/identity-choice.js";
import type { DesignResult } from "../../design/design-system.js";
import { emitCiWorkflow } from "./ci-workflow.js";
import { sizeDeployments } from "./deployment-sizing.js";
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
    { path: "Dockerfile", content: emitDockerfile(runtime, model.system.name, model.services) },
    { path: ".dockerignore", content: emitDockerignore() },
    {
      path: ".github/workflows/ci.yml",
      content: emitCiWorkflow(runtime, image, { postgresMajor: POSTGRES_MAJOR }),
    },
  ];
  for (const sizing of sizeDeployments(capacity, plan)) {
    for (const manifest of serviceManifests(sizing, context)) {
      files.push({ path: manifest.path, content: renderManifest(manifest) });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
