import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "../diagnostics/diagnostic.js";
import { formatDiagnostic } from "../diagnostics/format-diagnostic.js";
import type { Severity } from "../review/finding.js";
import { formatJson } from "../review/format/format-json.js";
import { formatMarkdown } from "../review/format/format-markdown.js";
import { formatSarif } from "../review/format/format-sarif.js";
import { formatText } from "../review/format/format-text.js";
import { RuleCrashError, review as runReview } from "../review/review.js";
import { parseReviewConfig, type ReviewConfig } from "../review/review-config.js";
import { parseRuleFlag, type RuleSetting } from "../review/rule-setting.js";
import { type Command, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, UsageError } from "./io.js";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
const FAIL_ON = ["error", "warning", "info", "none"] as const;
const DEFAULT_CONFIG = "archwright.review.yaml";
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

const USAGE = `usage: archwright review <file>... [--format text|json|sarif|markdown] [--fail-on error|warning|info|none]
                         [--config archwright.review.yaml] [--rule id=off|info|warn|error]...
                         [--spec archwright.yaml]

Reviews OpenAPI 3.x descriptions (.yaml, .yml, .json) and PostgreSQL schemas (.sql); given both, also
checks that they agree. --spec compares them with the system's spec (services, use cases, scale).
Exit codes: 0 no findings at or above --fail-on (default error), 1 findings, 2 bad input or usage.`;

/** `archwright review`: reads the inputs, runs the rules, prints a report, exits by --fail-on. */
export const review: Command = async (args, io) => {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        "fail-on": { type: "string", default: "error" },
        config: { type: "string" },
        spec: { type: "string" },
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
    if (positionals.length === 0) throw new UsageError("no input files given");
    const config = loadConfig(values.config, io.cwd);
    const rules: Record<string, RuleSetting> = { ...config.rules };
    for (const flag of values.rule) {
      const [id, setting] = parseRuleFlag(flag);
      rules[id] = setting;
    }
    const result = await runReview(
      positionals.map((path) => ({ path })),
      {
        rules,
        ignore: config.ignore,
        readFile: (path) => readFileSync(resolve(io.cwd, path), "utf8"),
        ...(values.spec === undefined ? {} : { spec: values.spec }),
      },
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

function loadConfig(path: string | undefined, cwd: string): ReviewConfig {
  const chosen = path ?? (existsSync(resolve(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
  if (chosen === undefined) return { rules: {}, ignore: [] };
  let text: string;
  try {
    text = readFileSync(resolve(cwd, chosen), "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read config ${chosen} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
  return parseReviewConfig(chosen, text);
}

/** Bad input and usage become located messages and exit 2; never a stack trace. */
function reportFailure(error: unknown, stderr: (text: string) => void, cwd: string): number {
  if (error instanceof InputError) {
    const sources = new Map<string, string | undefined>();
    const source = (file: string) => {
      if (!sources.has(file)) {
        try {
          sources.set(file, readFileSync(resolve(cwd, file), "utf8"));
        } catch {
          sources.set(file, undefined);
        }
      }
      return sources.get(file);
    };
    stderr(`${error.diagnostics.map((d) => formatDiagnostic(d, source(d.location.file))).join("\n\n")}\n`);
    return EXIT_INPUT;
  }
  if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
    stderr(`archwright review: ${error.message}\n\n${USAGE}\n`);
    return EXIT_INPUT;
  }
  if (error instanceof RuleCrashError) {
    stderr(`archwright review: internal error: ${error.message}\n`);
    return EXIT_INPUT;
  }
  throw error;
}
