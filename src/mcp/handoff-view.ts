import type { Bottleneck } from "../analyze/capacity/capacity-report.js";

/**
 * The parts of handoff.json the MCP tools read. The tools summarise the emitted hand-off rather
 * than re-deriving anything, so what an agent is told and what the package says cannot drift.
 */
export interface HandoffView {
  readonly services: readonly {
    readonly name: string;
    readonly entities: readonly string[];
    readonly database: { readonly tables: readonly string[] };
    readonly publishes: readonly string[];
    readonly consumes: readonly string[];
  }[];
  readonly endpoints: readonly {
    readonly service: string;
    readonly method: string;
    readonly path: string;
    readonly operationId: string;
    readonly purpose: string;
    readonly access: "public" | readonly string[];
    readonly accessNote: string | null;
    readonly useCases: readonly string[];
  }[];
  readonly schema: readonly {
    readonly service: string;
    readonly tables: readonly {
      readonly name: string;
      readonly entity: string;
      readonly indexes: readonly {
        readonly name: string;
        readonly columns: readonly string[];
        readonly reason: string;
      }[];
      readonly partitioning: { readonly strategy: string; readonly reason?: string } | null;
      readonly rowLevelSecurity: { readonly tenantColumn: string } | null;
      readonly crossServiceReferences: readonly { readonly column: string; readonly references: string }[];
    }[];
  }[];
  readonly integrationPoints: {
    readonly events: readonly {
      readonly name: string;
      readonly producer: string;
      readonly consumers: readonly string[];
      readonly purpose: string;
    }[];
  };
  readonly technology: readonly {
    readonly concern: string;
    readonly choice: string;
    readonly rationale: string;
    readonly tradeOff: string;
    readonly alternativesConsidered: readonly { readonly name: string; readonly whyNot: string }[];
  }[];
  readonly performance: { readonly bottlenecks: readonly Bottleneck[] };
  readonly security: {
    readonly accessMatrix: {
      readonly actors: readonly string[];
      readonly rows: readonly {
        readonly method: string;
        readonly path: string;
        readonly cells: readonly {
          readonly actor: string;
          readonly allowed: boolean;
          readonly rows: string | null;
        }[];
      }[];
    };
  };
  readonly nextSteps: Readonly<Record<string, readonly string[]>>;
}

export function readHandoff(files: ReadonlyMap<string, string>): HandoffView {
  const text = files.get("handoff.json");
  if (text === undefined) throw new Error("the design package has no handoff.json");
  return JSON.parse(text) as HandoffView;
}
