import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** A located problem in the agent's input, as data it can act on. */
export const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  expected: z.string().optional(),
  suggestion: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Every tool's output starts with these: `ok: false` and `errors` when the input was bad. */
export const outcomeShape = { ok: z.boolean(), errors: z.array(problemSchema).optional() };

export function toProblem(d: Diagnostic): Problem {
  return {
    code: d.code,
    message: d.message,
    file: d.location.file,
    line: d.location.line,
    column: d.location.column,
    ...(d.expected === undefined ? {} : { expected: d.expected }),
    ...(d.suggestion === undefined ? {} : { suggestion: d.suggestion }),
  };
}

/** Structured content for the agent, plus the short text the protocol asks every result to carry. */
export function toolResult(
  structured: Record<string, unknown>,
  text: string,
  isError = false,
): CallToolResult {
  return {
    structuredContent: structured,
    content: [{ type: "text", text }],
    ...(isError ? { isError } : {}),
  };
}

/** The problems as one short text: the first few, located, then a count. */
export function problemsText(problems: readonly Problem[], shown = 5): string {
  const lines = problems
    .slice(0, shown)
    .map(
      (p) =>
        `${p.file}:${p.line}:${p.column}: ${p.code}: ${p.message}${p.suggestion ? ` (did you mean \`${p.suggestion}\`?)` : ""}`,
    );
  if (problems.length > shown) lines.push(`... and ${problems.length - shown} more`);
  return `${problems.length} error${problems.length === 1 ? "" : "s"}:\n${lines.join("\n")}`;
}
