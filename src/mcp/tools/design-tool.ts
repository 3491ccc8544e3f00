import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { bottleneckTiming } from "../../design/bottleneck-timing.js";
import { designSystem } from "../../design/design-system.js";
import { UsageError } from "../../diagnostics/usage-error.js";
import { writeOutputAtomically } from "../../emit/output/write-output.js";
import { verifyDesign } from "../../verify/verify-design.js";
import { readHandoff } from "../handoff-view.js";
import { loadSpecInput, specInputShape } from "../spec-input.js";
import { runTool, type ToolContext } from "../tool-context.js";
import { outcomeShape, toolResult } from "../tool-output.js";
import type { WorkingFolder } from "../working-folder.js";

/** Bottlenecks in the summary: the ones that bite first. */
const TOP_BOTTLENECKS = 3;

export function registerDesignTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    "design",
    {
      description:
        "Design the backend from a valid spec. Writes DESIGN.md, OpenAPI, SQL migrations, Mermaid diagrams and handoff.json to `out`; returns services, endpoints with access, bottlenecks, next steps per specialist, files.",
      inputSchema: {
        ...specInputShape,
        out: z.string().optional().describe("folder to (re)write, default design"),
        cut: z.enum(["recommended", "proposed"]).optional(),
        verify: z.boolean().optional().describe("apply migrations on PostgreSQL and lint OpenAPI first"),
      },
      outputSchema: {
        ...outcomeShape,
        out: z.string().optional(),
        files: z.array(z.string()).optional(),
        services: z
          .array(
            z.object({
              name: z.string(),
              entities: z.array(z.string()),
              tables: z.array(z.string()),
              publishes: z.array(z.string()),
              consumes: z.array(z.string()),
            }),
          )
          .optional(),
        endpoints: z
          .array(
            z.object({
              service: z.string(),
              method: z.string(),
              path: z.string(),
              access: z.array(z.string()),
              rows: z.record(z.string(), z.string()).describe("caller -> rows it reaches").optional(),
            }),
          )
          .optional(),
        bottlenecks: z
          .array(z.object({ resource: z.string(), when: z.string(), mitigation: z.string() }))
          .optional(),
        architecture: z.string().optional().describe("Mermaid"),
        nextSteps: z.record(z.string(), z.array(z.string())).optional(),
        warnings: z.array(z.string()).optional(),
        verification: z.array(z.string()).optional(),
      },
      annotations: { destructiveHint: true, idempotentHint: true },
    },
    (args) =>
      runTool(context, "design", async (trace) => {
        const out = outputFolder(context.folder, args.out ?? "design");
        const model = loadSpecInput(args, context.folder, trace);
        // Mermaid text is what an agent can read and a person can render; SVG is left to the CLI.
        const result = designSystem(model, { svg: false, cut: args.cut ?? "recommended", trace });
        if (args.verify) {
          const failures = await trace.stageAsync(
            "verify",
            { "archwright.input.migrations": result.migrations.size },
            () => verifyDesign(result.migrations, result.files),
            (f) => ({ "archwright.output.failures": f.length }),
          );
          if (failures.length > 0) {
            return toolResult(
              { ok: false, verification: failures },
              `verification failed, nothing was written (a bug in archwright):\n${failures.join("\n")}`,
              true,
            );
          }
        }
        await writeOutputAtomically(out.absolute, result.files);
        const handoff = readHandoff(result.files);
        const services = handoff.services.map((s) => ({
          name: s.name,
          entities: [...s.entities],
          tables: [...s.database.tables],
          publishes: [...s.publishes],
          consumes: [...s.consumes],
        }));
        const bottlenecks = handoff.performance.bottlenecks.slice(0, TOP_BOTTLENECKS).map((b) => ({
          resource: b.resource,
          when: bottleneckTiming(b),
          mitigation: b.mitigation,
        }));
        const summary = {
          ok: true,
          out: out.relative,
          files: [...result.files.keys()],
          services,
          endpoints: handoff.endpoints.map((e) => ({
            service: e.service,
            method: e.method,
            path: e.path,
            access: e.access === "public" ? ["public"] : [...e.access],
            // The access matrix's cells for this endpoint: the rows each allowed caller reaches.
            rows: Object.fromEntries(
              (
                handoff.security.accessMatrix.rows.find((r) => r.method === e.method && r.path === e.path)
                  ?.cells ?? []
              )
                .filter((c) => c.allowed)
                .map((c) => [c.actor, c.rows ?? "allowed"]),
            ),
          })),
          bottlenecks,
          architecture: result.files.get("diagrams/architecture.mmd") ?? "",
          nextSteps: Object.fromEntries(
            Object.entries(handoff.nextSteps).map(([who, steps]) => [who, [...steps]]),
          ),
          warnings: [...(result.applied?.warnings ?? []), ...result.warnings].map((w) => w.message),
        };
        const top = bottlenecks[0];
        return toolResult(
          summary,
          `wrote ${summary.files.length} files to ${out.relative}/: ${services.length} service(s) (${services.map((s) => s.name).join(", ")}), ${summary.endpoints.length} endpoints${args.verify ? ", verified on PostgreSQL and Redocly" : ""}.${top ? ` First bottleneck: ${top.resource}, ${top.when}.` : ""} Read ${out.relative}/DESIGN.md for the seven sections.`,
        );
      }),
  );
}

/**
 * The design replaces its output folder whole, so it must be a folder of its own: never the working
 * folder itself, and never a folder with other content than an earlier design.
 */
function outputFolder(folder: WorkingFolder, path: string) {
  const out = folder.resolve(path);
  if (out.relative === ".")
    throw new UsageError("refused: `out` must be a subfolder, not the working folder");
  if (
    existsSync(out.absolute) &&
    readdirSync(out.absolute).length > 0 &&
    !existsSync(join(out.absolute, "handoff.json"))
  ) {
    throw new UsageError(
      `refused: ${out.relative} holds files that are not an archwright design; choose another \`out\``,
    );
  }
  return out;
}
