import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import type { Rule } from "../../rule.js";
import { entityWrittenBySeveralServices } from "./entity-written-by-several-services.js";
import { fanOutExceedsLatencyBudget } from "./fan-out-exceeds-latency-budget.js";
import { foreignKeyAcrossServices } from "./foreign-key-across-services.js";
import { largeTableWithoutPartitioning } from "./large-table-without-partitioning.js";
import { multiServiceWriteWithoutSaga } from "./multi-service-write-without-saga.js";
import { synchronousCallCycle } from "./synchronous-call-cycle.js";

/** Rules that compare the reviewed artifacts with the services, use cases and scale of a spec. */
export const architectureRules: readonly Rule<ArchitectureContext>[] = Object.freeze([
  foreignKeyAcrossServices,
  entityWrittenBySeveralServices,
  synchronousCallCycle,
  multiServiceWriteWithoutSaga,
  fanOutExceedsLatencyBudget,
  largeTableWithoutPartitioning,
]);
