/**
 * The library API: everything the CLI does, callable from code. The CLI and any other door
 * (HTTP, MCP) are thin layers over these functions.
 */

export type { CapacityReport } from "./analyze/capacity/index.js";
export { estimateCapacity } from "./analyze/capacity/index.js";
export type { ServiceCut } from "./analyze/decompose/index.js";
export { applyServiceCut, proposeServiceCut } from "./analyze/decompose/index.js";
export type { Resource } from "./analyze/derive-resources.js";
export { deriveResources } from "./analyze/derive-resources.js";
export { deriveSchemas } from "./analyze/derive-tables.js";
export { analyzeIntegration } from "./analyze/integration.js";
export type { ServiceSchema } from "./analyze/relational-schema.js";
export type { BriefDraft, DraftItem, DraftSource } from "./brief/draft-spec-from-brief.js";
export { draftSpecFromBrief } from "./brief/draft-spec-from-brief.js";
export type { DesignOptions, DesignResult } from "./design/design-system.js";
export { designSystem } from "./design/design-system.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
export { InputError } from "./diagnostics/diagnostic.js";
export { formatDiagnostic } from "./diagnostics/format-diagnostic.js";
// Straight from the files whose declarations name no Kubernetes type: the manifest types come from a
// development dependency that a user of the library does not install.
export { type DeploymentFile, emitDeployment } from "./emit/deploy/emit-deployment.js";
export { DEFAULT_SERVICE_RUNTIME, type ServiceRuntime } from "./emit/deploy/service-runtime.js";
export { renderCapacityMarkdown } from "./emit/doc/render-capacity-markdown.js";
export { readUserOwnedFiles } from "./emit/output/user-owned-files.js";
export { writeOutputAtomically } from "./emit/output/write-output.js";
export {
  type EmitServiceOptions,
  emitService,
  type ServiceFile,
  USER_OWNED_SERVICE_PATHS,
} from "./emit/service/emit-service.js";
export { type ArchwrightServerOptions, createArchwrightServer } from "./mcp/archwright-server.js";
export type * from "./model/index.js";
export { type DiffOptions, DiffRuleCrashError, diffOpenApi } from "./review/diff/diff-openapi.js";
export { review } from "./review/review.js";
export { loadSpecFile, parseSpec } from "./spec/load-spec.js";
export { specJsonSchema } from "./spec/spec-schema.js";
export { NO_TRACE, type Stage, type StageTrace } from "./trace/stage-trace.js";
export { startTraceRun, type TraceRun, type TraceTarget } from "./trace/trace-run.js";
export { verifyMigrations } from "./verify/verify-migrations.js";
