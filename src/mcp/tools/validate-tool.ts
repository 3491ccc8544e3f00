import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { checkAccess } from "../../analyze/access/check-access.js";
import { InputError } from "../../diagnostics/diagnostic.js";
import { loadSpecInput, specInputShape } from "../spec-input.js";
import { runTool, type ToolContext } from "../tool-context.js";
import { outcomeShape, problemsText, toolResult, toProblem } from "../tool-output.js";

export function registerValidateTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    "validate",
    {
      description:
        "Check an archwright.yaml. Returns every problem with line, column and a fix hint; repeat until ok.",
      inputSchema: specInputShape,
      outputSchema: {
        ...outcomeShape,
        entities: z.number().optional(),
        useCases: z.number().optional(),
        services: z.array(z.string()).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(context, "validate", (trace) => {
        try {
          const model = loadSpecInput(args, context.folder, trace);
          // The same design-time access checks as `archwright validate`: an unusable spec is not ok.
          const access = checkAccess(model);
          if (access.errors.length > 0) throw new InputError(access.errors);
          const summary = {
            ok: true,
            entities: model.entities.length,
            useCases: model.useCases.length,
            services: [...model.services],
          };
          return toolResult(
            summary,
            `ok: ${summary.entities} entities, ${summary.useCases} use cases${summary.services.length ? `, services ${summary.services.join(", ")}` : ""}`,
          );
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          // Not a tool error: a list of located problems is the answer the agent asked for.
          const errors = error.diagnostics.map(toProblem);
          return toolResult({ ok: false, errors }, problemsText(errors));
        }
      }),
  );
}
