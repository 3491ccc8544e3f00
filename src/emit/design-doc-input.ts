import type { AccessMatrix } from "../analyze/access/access-matrix.js";
import type { AppliedCut, ServiceCut } from "../analyze/decompose/index.js";
import type { Resource } from "../analyze/derive-resources.js";
import type { Integration } from "../analyze/integration.js";
import type { ServiceSchema } from "../analyze/relational-schema.js";
import type {
  DeploymentPlan,
  ObservabilityPlan,
  SecurityConsiderations,
  TechnologyChoice,
} from "../analyze/stack/index.js";
import type { MonthlyCost } from "../analyze/stack/monthly-cost.js";
import type { Model } from "../model/index.js";

/** Everything DESIGN.md shows; computed elsewhere, only arranged here. handoff.json carries the same facts, so both emitters read this one shape. */
export interface DesignDocInput {
  readonly model: Model;
  readonly cut: ServiceCut | undefined;
  /** The option of the cut this design builds, when archwright chose the services. */
  readonly applied?: AppliedCut | undefined;
  readonly integration: Integration;
  readonly schemas: readonly ServiceSchema[];
  readonly resources: readonly Resource[];
  /** Role x operation with row filters, as the contracts enforce it. */
  readonly access: AccessMatrix;
  readonly architectureDiagram: string;
  readonly erDiagrams: ReadonlyMap<string, string>;
  readonly capacity: {
    readonly scalability: string;
    readonly bottlenecks: string;
    readonly headline: string;
  };
  readonly stack: readonly TechnologyChoice[];
  /** What the chosen parts cost a month at today's load. */
  readonly monthlyCost?: MonthlyCost | undefined;
  readonly security: SecurityConsiderations;
  readonly observability: ObservabilityPlan;
  readonly deployment: DeploymentPlan;
  /** Tables past the row threshold that stay whole, and why (the partition planner's decision). */
  readonly partitionSkips?: readonly {
    readonly service: string;
    readonly table: string;
    readonly reason: string;
  }[];
}

/** The `format` every handoff.json starts with; it also tells an earlier design's folder from a user's. */
export const HANDOFF_FORMAT = "archwright-handoff";
