import { type Diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import { readInputText, readTextFile } from "../../diagnostics/read-input.js";
import { UsageError } from "../../diagnostics/usage-error.js";
import { DeferredLocation } from "../../import/openapi/deferred-location.js";
import { importOpenApi } from "../../import/openapi/import-openapi.js";
import type { OpenApiDocument } from "../../import/openapi/openapi-document.js";
import type { Finding, Severity } from "../finding.js";
import { compareFindings, plainLocation } from "../finding-order.js";
import type { ReviewInput } from "../review.js";
import { type ReviewResult, summarize } from "../review-result.js";
import type { RuleMeta, RuleReport } from "../rule.js";
import { type RuleSetting, settingSeverity } from "../rule-setting.js";
import { breakingChangeRules } from "../rules/breaking-change/index.js";
import { OpenApiDiff } from "./openapi-diff.js";

export interface DiffOptions {
  /** Per-rule severity or `off` for breaking-change rules. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Reads inputs given without text and files reached through `$ref`; defaults to the file system. */
  readonly readFile?: (path: string) => string;
}

/** A breaking-change rule threw: a bug in archwright, not in the input. */
export class DiffRuleCrashError extends Error {
  override readonly name = "DiffRuleCrashError";
}

/**
 * Finds the changes from `oldInput` to `newInput` (two versions of one OpenAPI description) that can
 * break an existing client. Findings point into the new version, each with a related location in the
 * old one, sorted like review's. Throws InputError (both inputs' problems, located) for unreadable or
 * invalid input, UsageError for an unknown rule id, DiffRuleCrashError if a rule fails.
 */
export async function diffOpenApi(
  oldInput: ReviewInput,
  newInput: ReviewInput,
  options: DiffOptions = {},
): Promise<ReviewResult> {
  const settings = options.rules ?? {};
  for (const id of Object.keys(settings)) {
    if (!breakingChangeRules.some((r) => r.meta.id === id)) throw new UsageError(unknownDiffRuleMessage(id));
  }
  const readFile = options.readFile ?? readTextFile;
  const problems: Diagnostic[] = [];
  const load = (input: ReviewInput): OpenApiDocument | undefined => {
    const text = readInputText(input, readFile, "diff/unreadable", problems);
    if (text === undefined) return undefined;
    try {
      return importOpenApi({ path: input.path, text }, { readFile });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.diagnostics);
      return undefined;
    }
  };
  const old = load(oldInput);
  const next = load(newInput);
  if (old === undefined || next === undefined || problems.length > 0) throw new InputError(problems);

  const context = new OpenApiDiff(old, next);
  const raw: { meta: RuleMeta; severity: Severity; report: RuleReport }[] = [];
  const ran: (RuleMeta & { severity: Severity })[] = [];
  for (const rule of breakingChangeRules) {
    const setting = settings[rule.meta.id];
    const severity = setting === undefined ? rule.meta.defaultSeverity : settingSeverity(setting);
    if (severity === undefined) continue;
    ran.push({ ...rule.meta, severity });
    try {
      rule.check(context, (report) => raw.push({ meta: rule.meta, severity, report }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DiffRuleCrashError(`rule ${rule.meta.id} failed on ${newInput.path}: ${message}`, {
        cause: error,
      });
    }
  }
  old.resolveLocations();
  next.resolveLocations();

  const unique = new Map<string, Finding>();
  for (const { meta, severity, report } of raw) {
    const location = report.location;
    if (location instanceof DeferredLocation && next.isSuppressed(location.node, meta.id)) continue;
    const key = `${meta.id}\u0000${location.file}\u0000${location.line}\u0000${location.column}\u0000${report.message}`;
    if (unique.has(key)) continue;
    unique.set(
      key,
      Object.freeze({
        ruleId: meta.id,
        area: meta.area,
        severity,
        message: report.message,
        location: plainLocation(location),
        fix: report.fix,
        related: (report.related ?? []).map((r) => ({
          message: r.message,
          location: plainLocation(r.location),
        })),
      }),
    );
  }
  const findings = [...unique.values()].sort(compareFindings);
  const files = [
    { path: oldInput.path, kind: "openapi" as const },
    { path: newInput.path, kind: "openapi" as const },
  ];
  const sources = new Map<string, string>();
  for (const document of [old, next]) {
    for (const file of document.sourceFiles()) if (!sources.has(file.path)) sources.set(file.path, file.text);
  }
  // The new version's text wins for code frames when both inputs share a path.
  for (const file of next.sourceFiles()) sources.set(file.path, file.text);
  return { files, findings, rules: ran, summary: summarize(files, findings), sources };
}

/** A message for an id no breaking-change rule has, with the closest id when it looks like a typo. */
export function unknownDiffRuleMessage(id: string): string {
  const suggestion = didYouMean(
    id,
    breakingChangeRules.map((r) => r.meta.id),
  );
  return `unknown breaking-change rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (run \`archwright rules\` to list them)`;
}
