import { codeFrame } from "./code-frame.js";
import type { Diagnostic } from "./diagnostic.js";

/** Human-readable rendering: `file:line:col error[code]: message`, a code frame, then hints. */
export function formatDiagnostic(d: Diagnostic, source: string | undefined): string {
  const { file, line, column } = d.location;
  const parts = [`${file}:${line}:${column}: error[${d.code}]: ${d.message}`];
  if (source !== undefined) parts.push(codeFrame(source, line, column));
  if (d.expected) parts.push(`  expected: ${d.expected}`);
  if (d.suggestion) parts.push(`  help: did you mean \`${d.suggestion}\`?`);
  return parts.join("\n");
}
