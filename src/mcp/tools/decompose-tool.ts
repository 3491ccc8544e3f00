import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { proposeServiceCut } from "../../analyze/decompose/propose-service-cut.js";
import { loadSpecInput, specInputShape } from "../spec-input.js";
import { runTool, type ToolContext } from "../tool-context.js";
import { outcomeShape, toolResult } from "../tool-output.js";

/** The strongest couplings that hold a service together, each as one line. */
const REASONS_PER_SERVICE = 3;

export function registerDecomposeTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    "decompose",
    {
      description:
        "Propose service boundaries for a spec, with the evidence for each and the recommended option.",
      inputSchema: {
        ...specInputShape,
        seed: z.number().int().positive().optional(),
        teamSize: z.number().int().positive().optional(),
      },
      outputSchema: {
        ...outcomeShape,
        services: z
          .array(
            z.object({
              name: z.string(),
              entities: z.array(z.string()),
              cohesion: z.number(),
              reasons: z.array(z.string()),
            }),
          )
          .optional(),
        recommendation: z.object({ choice: z.string(), reason: z.string() }).optional(),
        alternatives: z
          .array(z.object({ kind: z.string(), services: z.number(), summary: z.string() }))
          .optional(),
        warnings: z.array(z.object({ code: z.string(), message: z.string(), line: z.number() })).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(context, "decompose", (trace) => {
        const model = loadSpecInput(args, context.folder, trace);
        const cut = trace.stage(
          "decompose",
          { "archwright.input.entities": model.entities.length },
          () => proposeServiceCut(model, { seed: args.seed, teamSize: args.teamSize }),
          (c) => ({ "archwright.output.services": c.details.length }),
        );
        const services = cut.details.map((s) => ({
          name: s.name,
          entities: [...s.entities],
          cohesion: s.cohesion,
          reasons: s.heldTogetherBy
            .slice(0, REASONS_PER_SERVICE)
            .map(
              (c) => `${c.entities.join(" + ")}: ${c.evidence.map((e) => e.sources[0] ?? e.kind).join("; ")}`,
            ),
        }));
        return toolResult(
          {
            ok: true,
            services,
            recommendation: { ...cut.recommendation },
            alternatives: cut.alternatives.map((a) => ({
              kind: a.kind,
              services: a.serviceCount,
              summary: a.summary,
            })),
            warnings: cut.warnings.map((w) => ({ code: w.code, message: w.message, line: w.location.line })),
          },
          `${services.length} services: ${services.map((s) => `${s.name} (${s.entities.join(", ")})`).join("; ")}. Recommended: ${cut.recommendation.choice}: ${cut.recommendation.reason}`,
        );
      }),
  );
}
