import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { specJsonSchema } from "../spec/spec-schema.js";
import type { TraceTarget } from "../trace/trace-run.js";
import type { ToolContext } from "./tool-context.js";
import { registerDecomposeTool } from "./tools/decompose-tool.js";
import { registerDesignTool } from "./tools/design-tool.js";
import { registerExplainTool } from "./tools/explain-tool.js";
import { registerReviewTool } from "./tools/review-tool.js";
import { registerValidateTool } from "./tools/validate-tool.js";
import { WorkingFolder } from "./working-folder.js";

/** URI of the resource holding the JSON Schema of archwright.yaml. */
export const SPEC_SCHEMA_URI = "archwright://schema/archwright.yaml";

/**
 * One file a tool, each `register<Name>Tool(server, context)`; a new tool (say, one that drafts a
 * spec from prose and returns its text for `validate` and `design` to take) is one more entry.
 */
const TOOLS = [
  registerValidateTool,
  registerDesignTool,
  registerReviewTool,
  registerDecomposeTool,
  registerExplainTool,
] as const;

export interface ArchwrightServerOptions {
  /** The folder tools may read and write; every path is relative to it. */
  readonly root: string;
  /** Record each tool call as a trace (appended, one OTLP JSON line per call). */
  readonly trace?: TraceTarget;
}

const INSTRUCTIONS =
  "archwright designs backends from archwright.yaml (format: the archwright://schema/archwright.yaml resource). " +
  "Write the spec, call validate until ok, then design, then review the emitted openapi/ and db/ files. " +
  "Paths are relative to the working folder.";

/** The MCP door: a thin layer over the library, like the CLI. */
export function createArchwrightServer(options: ArchwrightServerOptions): McpServer {
  const server = new McpServer({ name: "archwright", version: "0.1.0" }, { instructions: INSTRUCTIONS });
  const context: ToolContext = { folder: new WorkingFolder(options.root), trace: options.trace };
  for (const register of TOOLS) register(server, context);
  server.registerResource(
    "archwright.yaml JSON Schema",
    SPEC_SCHEMA_URI,
    { mimeType: "application/schema+json", description: "JSON Schema of archwright.yaml" },
    (uri) => ({
      contents: [
        { uri: uri.href, mimeType: "application/schema+json", text: JSON.stringify(specJsonSchema()) },
      ],
    }),
  );
  return server;
}
