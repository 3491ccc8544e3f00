import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { review as runReview } from "../review/review.js";
import { parseReviewConfig, type ReviewConfig } from "../review/review-config.js";
import { parseRuleFlag, type RuleSetting } from "../review/rule-setting.js";
import { NO_TRACE } from "../trace/stage-trace.js";
import { startTraceRun, type TraceRun } from "../trace/trace-run.js";
import { type Command, EXIT_OK, UsageError } from "./io.js";
import { FINDINGS_OPTIONS, printFindings, printOptions } from "./print-findings.js";
import { reportError } from "./report-input-error.js";
import { endTrace, takeTraceFlag } from "./trace-flag.js";

const DEFAULT_CONFIG = "archwright.review.yaml";

const USAGE = `usage: archwright review <file>... [--format text|json|sarif|markdown] [--fail-on error|warning|info|none]
                         [--config archwright.review.yaml] [--rule id=off|info|warn|error]...
                         [--spec archwright.yaml] [--baseline findings.json] [--quiet] [--no-fold]
                         [--trace[=FILE]]

Reviews OpenAPI 3.x descriptions (.yaml, .yml, .json) and PostgreSQL schemas (.sql); given both, also
checks that they agree. --spec compares them with the system's spec (services, use cases, scale).
--baseline hides the findings of an earlier --format json report (matched by rule, file and message),
so only new findings print and fail the run. --quiet prints only findings at or above --fail-on.
Text and markdown fold a rule's findings in a file past the first 3 into one line; --no-fold shows each.
--trace records the run as OpenTelemetry spans (OTLP JSON; see docs/tracing.md).
Exit codes: 0 no findings at or above --fail-on (default error), 1 findings, 2 bad input or usage.`;

/** `archwright review`: reads the inputs, runs the rules, prints a report, exits by --fail-on. */
export const review: Command = async (args, io) => {
  let tracing: TraceRun | undefined;
  try {
    const { rest, trace } = takeTraceFlag(args, io.cwd);
    tracing = trace ? startTraceRun("archwright review", trace) : undefined;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...FINDINGS_OPTIONS, config: { type: "string" }, spec: { type: "string" } },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    const print = printOptions(values);
    if (positionals.length === 0) throw new UsageError("no input files given");
    const config = loadConfig(values.config, io.cwd);
    const rules: Record<string, RuleSetting> = { ...config.rules };
    for (const flag of values.rule) {
      const [id, setting] = parseRuleFlag(flag);
      rules[id] = setting;
    }
    let bytesRead = 0;
    const result = await (tracing ?? NO_TRACE).stageAsync(
      "review",
      { "archwright.input.files": positionals.length },
      () =>
        runReview(
          positionals.map((path) => ({ path })),
          {
            rules,
            ignore: config.ignore,
            tableAliases: config.aliases,
            readFile: (path) => {
              const text = readFileSync(resolve(io.cwd, path), "utf8");
              bytesRead += Buffer.byteLength(text, "utf8");
              return text;
            },
            ...(values.spec === undefined ? {} : { spec: values.spec }),
          },
        ),
      (r) => ({ "archwright.input.bytes": bytesRead, "archwright.output.findings": r.findings.length }),
    );
    return endTrace(tracing, printFindings(result, print, io), io);
  } catch (error) {
    return endTrace(tracing, reportError(error, io, { usage: USAGE, wroteNothing: false }), io);
  }
};

function loadConfig(path: string | undefined, cwd: string): ReviewConfig {
  const chosen = path ?? (existsSync(resolve(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
  if (chosen === undefined) return { rules: {}, ignore: [], aliases: {} };
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
