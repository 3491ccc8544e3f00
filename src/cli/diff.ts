import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../diagnostics/diagnostic.js";
import { formatDiagnostic } from "../diagnostics/format-diagnostic.js";
import { DiffRuleCrashError, diffOpenApi, unknownDiffRuleMessage } from "../review/diff/diff-openapi.js";
import type { Severity } from "../review/finding.js";
import { formatJson } from "../review/format/format-json.js";
import { formatMarkdown } from "../review/format/format-markdown.js";
import { formatSarif } from "../review/format/format-sarif.js";
import { formatText } from "../review/format/format-text.js";
import { isRuleSetting, type RuleSetting } from "../review/rule-setting.js";
import { breakingChangeRules } from "../review/rules/breaking-change/index.js";
import { type Command, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError } from "./io.js";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
const FAIL_ON = ["error", "warning", "info", "none"] as const;
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const USAGE = `usage: archwright diff <old-openapi> <new-openapi> [--format text|json|sarif|markdown]
                       [--fail-on error|warning|info|none] [--rule id=off|info|warn|error]...

Reports the changes from the old to the new version of an OpenAPI 3.x description that can break
existing clients. Findings point into the new file, with the matching place in the old one.
Exit codes: 0 no findings at or above --fail-on (default error), 1 findings, 2 bad input or usage.`;

/** `archwright diff`: compares two versions of an OpenAPI description, prints breaking changes, exits by --fail-on. */
export const diff: Command = async (args, io) => {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        "fail-on": { type: "string", default: "error" },
        rule: { type: "string", multiple: true, default: [] },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    const format = oneOf("--format", values.format, FORMATS);
    const failOn = oneOf("--fail-on", values["fail-on"], FAIL_ON);
    const [oldPath, newPath, ...extra] = positionals;
    if (oldPath === undefined || newPath === undefined || extra.length > 0) {
      throw new UsageError(`expected exactly two files (old and new), got ${positionals.length}`);
    }
    const rules: Record<string, RuleSetting> = {};
    for (const flag of values.rule) {
      const [id, setting] = parseDiffRuleFlag(flag);
      rules[id] = setting;
    }
    const result = await diffOpenApi(
      { path: oldPath },
      { path: newPath },
      { rules, readFile: (path) => readFileSync(resolve(io.cwd, path), "utf8") },
    );
    const render = { text: formatText, json: formatJson, markdown: formatMarkdown, sarif: undefined }[format];
    io.stdout(render === undefined ? formatSarif(result, io.cwd) : render(result));
    if (failOn === "none") return EXIT_OK;
    const threshold = RANK[failOn];
    return result.findings.some((f) => RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
  } catch (error) {
    return reportFailure(error, io.stderr, io.cwd);
  }
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
}

function parseDiffRuleFlag(flag: string): [string, RuleSetting] {
  const [id, setting] = flag.split("=", 2);
  if (id === undefined || setting === undefined || id === "") {
    throw new UsageError(`--rule expects id=off|info|warn|error, got "${flag}"`);
  }
  if (!breakingChangeRules.some((r) => r.meta.id === id)) throw new UsageError(unknownDiffRuleMessage(id));
  if (!isRuleSetting(setting)) {
    throw new UsageError(`--rule ${id}: "${setting}" is not one of off, info, warn, error`);
  }
  return [id, setting];
}

/** Bad input and usage become located messages and exit 2; never a stack trace. */
function reportFailure(error: unknown, stderr: (text: string) => void, cwd: string): number {
  if (error instanceof InputError) {
    const source = (file: string): string | undefined => {
      try {
        return readFileSync(resolve(cwd, file), "utf8");
      } catch {
        return undefined;
      }
    };
    stderr(`${error.diagnostics.map((d) => formatDiagnostic(d, source(d.location.file))).join("\n\n")}\n`);
    return EXIT_INPUT;
  }
  if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
    stderr(`archwright diff: ${error.message}\n\n${USAGE}\n`);
    return EXIT_INPUT;
  }
  if (error instanceof DiffRuleCrashError) {
    stderr(`archwright diff: internal error: ${error.message}\n`);
    return EXIT_INPUT;
  }
  throw error;
}
