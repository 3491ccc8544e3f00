import { readFileSync } from "node:fs";
import { UsageError } from "../cli/io.js";
import { type Diagnostic, diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { DeferredLocation } from "../import/openapi/deferred-location.js";
import { importOpenApi } from "../import/openapi/import-openapi.js";
import type { OpenApiDocument } from "../import/openapi/openapi-document.js";
import type { SqlReviewContext } from "../import/sql/sql-review-context.js";
import type { SourceLocation } from "../model/source-location.js";
import { detectFileKind, type InputKind } from "./detect-file-kind.js";
import type { Finding, Severity } from "./finding.js";
import { globToRegExp, matchesAnyGlob } from "./glob-pattern.js";
import { type ReviewedFile, type ReviewResult, summarize } from "./review-result.js";
import type { Rule, RuleMeta, RuleReport } from "./rule.js";
import { ruleCatalog } from "./rule-catalog.js";
import { type RuleSetting, settingSeverity, unknownRuleMessage } from "./rule-setting.js";

export interface ReviewInput {
  readonly path: string;
  /** The file's text; read from `path` when absent. */
  readonly text?: string;
}

export interface ReviewOptions {
  /** Per-rule severity or `off`, from the config file and `--rule` flags. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Globs of paths to leave out: inputs are skipped, findings in matching files dropped. */
  readonly ignore?: readonly string[];
  /** Reads inputs given without text and files reached through `$ref`; defaults to the file system. */
  readonly readFile?: (path: string) => string;
}

/** A rule threw: a bug in archwright, not in the input. */
export class RuleCrashError extends Error {
  override readonly name = "RuleCrashError";
}

interface EnabledRule<TContext> {
  readonly rule: Rule<TContext>;
  readonly severity: Severity;
}

/**
 * Reviews OpenAPI descriptions and PostgreSQL schemas with every enabled rule. Throws InputError
 * (every unreadable or invalid input, located) before any rule runs, UsageError for unknown rule
 * ids, and RuleCrashError if a rule fails.
 */
export async function review(
  inputs: readonly ReviewInput[],
  options: ReviewOptions = {},
): Promise<ReviewResult> {
  const settings = options.rules ?? {};
  for (const id of Object.keys(settings)) {
    if (!ruleCatalog.some((e) => e.rule.meta.id === id)) throw new UsageError(unknownRuleMessage(id));
  }
  const ignore = (options.ignore ?? []).map(globToRegExp);
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, "utf8"));

  const problems: Diagnostic[] = [];
  const files: ReviewedFile[] = [];
  const sources = new Map<string, string>();
  const byKind: Record<InputKind, { path: string; text: string }[]> = { openapi: [], sql: [] };
  for (const input of inputs) {
    if (matchesAnyGlob(input.path, ignore)) continue;
    let text = input.text;
    if (text === undefined) {
      try {
        text = readFile(input.path);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : "");
        problems.push(
          diagnostic("review/unreadable", `cannot read ${input.path} (${reason})`, at(input.path)),
        );
        continue;
      }
    }
    const kind = detectFileKind(input.path, text);
    if (kind === undefined) {
      problems.push(
        diagnostic(
          "review/unknown-kind",
          `cannot tell whether ${input.path} is OpenAPI or SQL`,
          at(input.path),
          {
            expected: "an OpenAPI 3.x description (.yaml, .yml, .json) or PostgreSQL DDL (.sql)",
          },
        ),
      );
      continue;
    }
    files.push({ path: input.path, kind });
    sources.set(input.path, text);
    byKind[kind].push({ path: input.path, text });
  }

  const documents: OpenApiDocument[] = [];
  for (const file of byKind.openapi) {
    try {
      documents.push(importOpenApi(file, { readFile }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.diagnostics);
    }
  }
  let sql: SqlReviewContext | undefined;
  if (byKind.sql.length > 0) {
    try {
      // Loaded on demand: the PostgreSQL parser is WebAssembly that takes a moment to start.
      const { importSql } = await import("../import/sql/import-sql.js");
      sql = importSql(byKind.sql);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.diagnostics);
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  const enabled = enabledRules(settings);
  const findings: Finding[] = [];
  for (const document of documents) {
    const raw: { meta: RuleMeta; severity: Severity; report: RuleReport }[] = [];
    for (const { rule, severity } of enabled.openapi) {
      runRule(rule, document, document.file.path, (report) =>
        raw.push({ meta: rule.meta, severity, report }),
      );
    }
    document.resolveLocations();
    for (const file of document.sourceFiles()) sources.set(file.path, file.text);
    for (const { meta, severity, report } of raw) {
      const location = report.location;
      if (location instanceof DeferredLocation && document.isSuppressed(location.node, meta.id)) continue;
      findings.push(toFinding(meta, severity, report));
    }
  }
  if (sql !== undefined) {
    const context = sql;
    for (const { rule, severity } of enabled.sql) {
      runRule(rule, context, byKind.sql.map((f) => f.path).join(", "), (report) =>
        findings.push(toFinding(rule.meta, severity, report)),
      );
    }
  }

  const kinds = new Set(files.map((f) => f.kind));
  const unique = new Map<string, Finding>();
  for (const finding of findings) {
    if (matchesAnyGlob(finding.location.file, ignore)) continue;
    const { file, line, column } = finding.location;
    const key = `${finding.ruleId}\u0000${file}\u0000${line}\u0000${column}`;
    if (!unique.has(key)) unique.set(key, finding);
  }
  const sorted = [...unique.values()].sort(compareFindings);
  const rules = ruleCatalog
    .filter((e) => kinds.has(e.input))
    .flatMap((e) => {
      const severity = severityFor(e.rule.meta, settings);
      return severity === undefined ? [] : [{ ...e.rule.meta, severity }];
    });
  return { files, findings: sorted, rules, summary: summarize(files, sorted), sources };
}

function enabledRules(settings: Readonly<Record<string, RuleSetting>>): {
  openapi: EnabledRule<OpenApiDocument>[];
  sql: EnabledRule<SqlReviewContext>[];
} {
  const openapi: EnabledRule<OpenApiDocument>[] = [];
  const sql: EnabledRule<SqlReviewContext>[] = [];
  for (const entry of ruleCatalog) {
    const severity = severityFor(entry.rule.meta, settings);
    if (severity === undefined) continue;
    if (entry.input === "openapi") openapi.push({ rule: entry.rule, severity });
    else sql.push({ rule: entry.rule, severity });
  }
  return { openapi, sql };
}

function severityFor(meta: RuleMeta, settings: Readonly<Record<string, RuleSetting>>): Severity | undefined {
  const setting = settings[meta.id];
  return setting === undefined ? meta.defaultSeverity : settingSeverity(setting);
}

function runRule<TContext>(
  rule: Rule<TContext>,
  context: TContext,
  where: string,
  report: (r: RuleReport) => void,
): void {
  try {
    rule.check(context, report);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RuleCrashError(`rule ${rule.meta.id} failed on ${where}: ${message}`, { cause: error });
  }
}

function toFinding(meta: RuleMeta, severity: Severity, report: RuleReport): Finding {
  return Object.freeze({
    ruleId: meta.id,
    area: meta.area,
    severity,
    message: report.message,
    location: plainLocation(report.location),
    fix: report.fix,
    related: (report.related ?? []).map((r) => ({ message: r.message, location: plainLocation(r.location) })),
  });
}

function plainLocation(location: SourceLocation): SourceLocation {
  return Object.freeze({
    file: location.file,
    line: Math.max(1, location.line),
    column: Math.max(1, location.column),
  });
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function at(path: string): SourceLocation {
  return { file: path, line: 1, column: 1 };
}
