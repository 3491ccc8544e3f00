export { type CiDatabase, emitCiWorkflow } from "./ci-workflow.js";
export { type DeploymentSizing, sizeDeployments } from "./deployment-sizing.js";
export { emitDockerfile, emitDockerignore } from "./dockerfile.js";
export { type DeploymentFile, emitDeployment } from "./emit-deployment.js";
export { type KubernetesObject, type Manifest, serviceManifests } from "./kubernetes-manifests.js";
export { DEFAULT_SERVICE_RUNTIME, type ServiceRuntime } from "./service-runtime.js";
