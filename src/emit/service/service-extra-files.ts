import type { DesignResult } from "../../design/design-system.js";
import { emitDeployment } from "../deploy/emit-deployment.js";
import { DEFAULT_SERVICE_RUNTIME, type ServiceRuntime } from "../deploy/service-runtime.js";
import type { ServiceFile } from "./emit-service.js";

/**
 * What the generated service is, as the deployment files must know it: `npm run build` compiles
 * `src/` and `test/` into `dist/`, so the entry point is `dist/src/main.js`; the one process hosts
 * every service's module; it reads HOST, PORT and SHUTDOWN_DRAIN_SECONDS and answers `/health`.
 */
export const GENERATED_SERVICE_RUNTIME: ServiceRuntime = Object.freeze({
  ...DEFAULT_SERVICE_RUNTIME,
  command: Object.freeze(["node", "dist/src/main.js"]),
  processes: "one",
});

/**
 * More files for the service folder, derived from the same design: the Dockerfile, the Kubernetes
 * manifests and the CI workflow (docs/deploy.md). A path the service generator already writes keeps
 * the generated content.
 */
export function serviceExtraFiles(design: DesignResult): readonly ServiceFile[] {
  return emitDeployment(design, GENERATED_SERVICE_RUNTIME);
}
