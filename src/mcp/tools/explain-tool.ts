import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { designSystem } from "../../design/design-system.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import { ruleMetas } from "../../review/rule-catalog.js";
import { type Decision, designDecisions, findDecisions, ruleDecisions } from "../design-decisions.js";
import { readHandoff } from "../handoff-view.js";
import { loadSpecInput, specInputShape } from "../spec-input.js";
import { runTool, type ToolContext } from "../tool-context.js";
import { outcomeShape, toolResult } from "../tool-output.js";

export function registerExplainTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    "explain",
    {
      description:
        "Explain a review rule (by id), or with a spec a design decision: why an index, table, service, technology, event or endpoint is as it is.",
      inputSchema: {
        topic: z.string().describe("a rule id, or a name from the design, or a question naming one"),
        ...specInputShape,
      },
      outputSchema: {
        ...outcomeShape,
        matches: z
          .array(z.object({ kind: z.string(), name: z.string(), explanation: z.string() }))
          .optional(),
        suggestion: z.string().optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(context, "explain", (trace) => {
        const decisions: Decision[] = ruleDecisions(ruleMetas());
        if (args.path !== undefined || args.text !== undefined) {
          const model = loadSpecInput(args, context.folder, trace);
          const design = designSystem(model, { svg: false, trace });
          decisions.push(...designDecisions(readHandoff(design.files), design.cut));
        }
        const found = findDecisions(args.topic, decisions);
        const matches = found.map((d) => ({
          kind: d.kind,
          name: d.names[0] ?? "",
          explanation: d.explanation,
        }));
        if (matches.length > 0) {
          return toolResult(
            { ok: true, matches },
            matches.map((m) => `${m.kind} ${m.name}: ${m.explanation}`).join("\n"),
          );
        }
        const suggestion = didYouMean(
          args.topic.trim(),
          decisions.flatMap((d) => d.names),
        );
        const hint =
          args.path === undefined && args.text === undefined
            ? " Pass the spec (path or text) to ask about a design decision."
            : "";
        return toolResult(
          { ok: true, matches: [], ...(suggestion ? { suggestion } : {}) },
          `nothing named \`${args.topic}\`${suggestion ? `; did you mean \`${suggestion}\`?` : "."}${hint}`,
        );
      }),
  );
}
