export { chooseStack } from "./choose-stack.js";
export {
  type DeploymentPlan,
  deploymentPlan,
  type PipelineStage,
  type RolloutStrategy,
  type ServiceDeployment,
} from "./deployment-plan.js";
export { chooseDeploymentPlatform, type DeploymentPlatform } from "./deployment-platform.js";
export { errorBudgetMinutes, SLO_WINDOW_DAYS } from "./error-budget.js";
export { type BrokerKind, chooseBroker } from "./messaging-choice.js";
export {
  type BurnRateAlert,
  type HealthCheck,
  type ObservabilityPlan,
  observabilityPlan,
  type ServiceLevelObjective,
} from "./observability-plan.js";
export { OWASP_API_2023, type OwaspApiRisk } from "./owasp-api-top10.js";
export {
  type SecurityConsiderations,
  securityConsiderations,
  type Threat,
} from "./security-considerations.js";
export { type StackSignals, stackSignals } from "./stack-signals.js";
export type { Alternative, TechnologyChoice } from "./technology-choice.js";
