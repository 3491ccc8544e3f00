import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { UsageError } from "../../diagnostics/usage-error.js";
import { review } from "../../review/review.js";
import { byteSize } from "../../trace/stage-trace.js";
import { runTool, type ToolContext } from "../tool-context.js";
import { outcomeShape, toolResult } from "../tool-output.js";

/** Findings returned by default: enough to act on without flooding the agent's context. */
const DEFAULT_LIMIT = 50;

export function registerReviewTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    "review",
    {
      description:
        "Review OpenAPI 3.x and PostgreSQL DDL (files or inline text) for design, security and scale problems. Returns located findings with fixes.",
      inputSchema: {
        files: z.array(z.string()).optional().describe("paths in the working folder (.yaml/.json/.sql)"),
        inline: z.array(z.object({ name: z.string(), text: z.string() })).optional(),
        spec: z.string().optional().describe("archwright.yaml, to compare with"),
        limit: z.number().int().positive().optional(),
      },
      outputSchema: {
        ...outcomeShape,
        counts: z.object({ error: z.number(), warning: z.number(), info: z.number() }).optional(),
        findings: z
          .array(
            z.object({
              ruleId: z.string(),
              severity: z.string(),
              message: z.string(),
              file: z.string(),
              line: z.number(),
              column: z.number(),
              fix: z.string(),
            }),
          )
          .optional(),
        omitted: z.number().optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(context, "review", async (trace) => {
        const { folder } = context;
        const inline = new Map((args.inline ?? []).map((i) => [i.name, i.text]));
        const inputs = [
          ...(args.files ?? []).map((path) => ({ path: folder.resolve(path).relative })),
          ...[...inline].map(([path, text]) => ({ path, text })),
        ];
        if (inputs.length === 0) throw new UsageError("review needs `files` or `inline`");
        let bytesRead = [...inline.values()].reduce((n, t) => n + byteSize([t]), 0);
        const result = await trace.stageAsync(
          "review",
          { "archwright.input.files": inputs.length },
          () =>
            review(inputs, {
              // Every read, `$ref` targets and the spec included, stays inside the working folder.
              readFile: (path) => {
                const text = inline.get(path) ?? folder.readText(path);
                bytesRead += byteSize([text]);
                return text;
              },
              ...(args.spec === undefined ? {} : { spec: folder.resolve(args.spec).relative }),
            }),
          (r) => ({ "archwright.input.bytes": bytesRead, "archwright.output.findings": r.findings.length }),
        );
        const limit = args.limit ?? DEFAULT_LIMIT;
        const findings = result.findings.slice(0, limit).map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          file: f.location.file,
          line: f.location.line,
          column: f.location.column,
          fix: f.fix,
        }));
        const counts = { ...result.summary.bySeverity };
        const omitted = result.findings.length - findings.length;
        return toolResult(
          { ok: true, counts, findings, ...(omitted > 0 ? { omitted } : {}) },
          `${result.files.length} file(s): ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info${omitted > 0 ? ` (first ${limit} returned)` : ""}`,
        );
      }),
  );
}
