import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { InputError } from "../diagnostics/diagnostic.js";
import { UsageError } from "../diagnostics/usage-error.js";
import { OutputFolderRefusedError } from "../emit/output/write-output.js";
import { NO_TRACE, type StageTrace } from "../trace/stage-trace.js";
import { startTraceRun, type TraceTarget } from "../trace/trace-run.js";
import { problemsText, toolResult, toProblem } from "./tool-output.js";
import { OutsideWorkingFolderError, type WorkingFolder } from "./working-folder.js";

/** What every tool shares: the folder it may touch and where its traces go. */
export interface ToolContext {
  readonly folder: WorkingFolder;
  readonly trace: TraceTarget | undefined;
}

/**
 * Runs one tool call: a traced run when the server was started with --trace, and the errors an
 * agent can cause turned into results it can act on. Bad input comes back as `ok: false` with
 * located errors (data, never a crash); a path outside the working folder or a bad argument is
 * refused with a tool error; anything else is a bug, reported without a stack trace.
 */
export async function runTool(
  context: ToolContext,
  tool: string,
  body: (trace: StageTrace) => Promise<CallToolResult> | CallToolResult,
): Promise<CallToolResult> {
  const run = context.trace ? startTraceRun(`tools/call ${tool}`, context.trace) : undefined;
  let result: CallToolResult;
  try {
    result = await body(run ?? NO_TRACE);
  } catch (error) {
    result = errorResult(error);
  }
  try {
    await run?.end({ ok: result.isError !== true });
  } catch (error) {
    // The call itself succeeded; the agent should still hear that its trace is missing.
    result.content.push({ type: "text", text: `trace not written: ${(error as Error).message}` });
  }
  return result;
}

function errorResult(error: unknown): CallToolResult {
  if (error instanceof InputError) {
    const errors = error.diagnostics.map(toProblem);
    return toolResult({ ok: false, errors }, problemsText(errors), true);
  }
  if (
    error instanceof OutsideWorkingFolderError ||
    error instanceof UsageError ||
    error instanceof OutputFolderRefusedError
  ) {
    return { content: [{ type: "text", text: error.message }], isError: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    content: [
      { type: "text", text: `internal error in archwright: ${message}; please report it with the input` },
    ],
    isError: true,
  };
}
