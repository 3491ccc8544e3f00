import { isAbsolute, relative } from "node:path";
import type { Severity } from "../finding.js";
import type { ReviewResult } from "../review-result.js";
import { TOOL_INFORMATION_URI, TOOL_VERSION } from "./tool-identity.js";

const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};
/** GitHub code scanning ranks security alerts by this CVSS-like score. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.0", info: "2.0" };

/** File paths as SARIF wants them: relative to the project root, `/`-separated, percent-encoded. */
function artifactUri(file: string, root: string): string {
  const rel = isAbsolute(file) ? relative(root, file) : file;
  return encodeURI(rel.replace(/\\/g, "/").replace(/^\.\//, ""));
}

/**
 * SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. `root` is the directory
 * that artifact URIs are relative to (the repository root when run in CI).
 */
export function toSarif(result: ReviewResult, root: string): object {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "archwright",
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_INFORMATION_URI,
            rules: result.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.rationale },
              help: {
                text: `${r.rationale}\n\nHow to fix: ${r.howToFix}${r.owasp ? `\n\nOWASP: ${r.owasp}` : ""}`,
                markdown: `${r.rationale}\n\n**How to fix:** ${r.howToFix}${r.owasp ? `\n\n**OWASP:** ${r.owasp}` : ""}`,
              },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: {
                tags: [
                  r.area,
                  ...(r.area === "api-security" ? ["security"] : []),
                  ...(r.owasp ? [r.owasp] : []),
                ],
                ...(r.area === "api-security" ? { "security-severity": SECURITY_SEVERITY[r.severity] } : {}),
              },
            })),
          },
        },
        artifacts: result.files.map((f) => ({
          location: { uri: artifactUri(f.path, root), uriBaseId: "%SRCROOT%" },
        })),
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: SARIF_LEVEL[f.severity],
          message: { text: `${f.message}. Fix: ${f.fix}` },
          locations: [physical(f.location, root)],
          ...(f.related.length > 0
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i,
                  message: { text: r.message },
                  ...physical(r.location, root),
                })),
              }
            : {}),
        })),
      },
    ],
  };
}

function physical(location: { file: string; line: number; column: number }, root: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(location.file, root), uriBaseId: "%SRCROOT%" },
      region: { startLine: location.line, startColumn: location.column },
    },
  };
}

export function formatSarif(result: ReviewResult, root: string): string {
  return `${JSON.stringify(toSarif(result, root), null, 2)}\n`;
}
