import type { DesignResult } from "../../design/design-system.js";
import type { ServiceFile } from "./emit-service.js";

/**
 * More files for the service folder, derived from the same design (deployment files, for
 * instance): whatever this returns is written under `service/` beside the generated service. A
 * path the service generator already writes keeps the generated content.
 */
export function serviceExtraFiles(_design: DesignResult): readonly ServiceFile[] {
  return [];
}
