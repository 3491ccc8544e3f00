import { dirname } from "node:path";
import { columnName } from "../analyze/naming.js";
import { type Diagnostic, diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { readInputText, readTextFile } from "../diagnostics/read-input.js";
import { UsageError } from "../diagnostics/usage-error.js";
import { DeferredLocation } from "../import/openapi/deferred-location.js";
import { importOpenApi } from "../import/openapi/import-openapi.js";
import type { OpenApiDocument } from "../import/openapi/openapi-document.js";
import type { SqlReviewContext } from "../import/sql/sql-review-context.js";
import type { Model } from "../model/index.js";
import type { SourceLocation } from "../model/source-location.js";
import { parseSpec } from "../spec/load-spec.js";
import type { ArchitectureContext, SqlDatabase } from "./architecture/architecture-context.js";
import { tableAliases } from "./cross-artifact/api-table-match.js";
import type { CrossArtifactContext } from "./cross-artifact/cross-artifact-context.js";
import { detectFileKind, type InputKind } from "./detect-file-kind.js";
import type { Finding, Severity } from "./finding.js";
import { compareFindings, plainLocation } from "./finding-order.js";
import { globToRegExp, matchesAnyGlob } from "./glob-pattern.js";
import { placeUnassigned } from "./place-unassigned.js";
import { type ReviewedFile, type ReviewResult, summarize } from "./review-result.js";
import type { Rule, RuleMeta, RuleReport } from "./rule.js";
import { type CatalogEntry, ruleCatalog } from "./rule-catalog.js";
import { type RuleSetting, settingSeverity, unknownRuleMessage } from "./rule-setting.js";
import { SqlSuppressions } from "./sql-suppressions.js";

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
  /**
   * The system's spec (a built Model, or the path of an archwright.yaml): turns on the architecture
   * rules, which compare the inputs with the services, use cases and scale the spec declares.
   */
  readonly spec?: Model | string;
  /**
   * API resource names mapped to table names, for the cross-artifact rules when the two are named
   * apart (`{Zone: "domains"}`); from the config's `aliases`.
   */
  readonly tableAliases?: Readonly<Record<string, string>>;
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
  const readFile = options.readFile ?? readTextFile;

  const problems: Diagnostic[] = [];
  const files: ReviewedFile[] = [];
  const sources = new Map<string, string>();
  const byKind: Record<InputKind, { path: string; text: string }[]> = { openapi: [], sql: [] };
  for (const input of inputs) {
    if (matchesAnyGlob(input.path, ignore)) continue;
    const text = readInputText(input, readFile, "review/unreadable", problems);
    if (text === undefined) continue;
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
  let model: Model | undefined;
  if (typeof options.spec === "string") {
    try {
      const text = readFile(options.spec);
      sources.set(options.spec, text);
      model = placeUnassigned(
        parseSpec(text, options.spec),
        inputs.map((i) => i.path),
      );
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.diagnostics);
      else
        problems.push(diagnostic("review/unreadable", `cannot read spec ${options.spec}`, at(options.spec)));
    }
  } else if (options.spec !== undefined) {
    model = placeUnassigned(
      options.spec,
      inputs.map((i) => i.path),
    );
    try {
      sources.set(model.file, readFile(model.file));
    } catch {
      // A Model built in memory may name a file that does not exist; findings still carry its locations.
    }
  }
  const databases = model === undefined || sql === undefined ? [] : await sqlDatabases(byKind.sql, sql);
  if (problems.length > 0) throw new InputError(problems);

  const enabled = enabledRules(settings);
  const findings: Finding[] = [];
  // OpenAPI locations are resolved in one batch per document, after every rule that may point into it has run.
  const raw: { meta: RuleMeta; severity: Severity; report: RuleReport }[] = [];
  for (const document of documents) {
    for (const { rule, severity } of enabled.openapi) {
      runRule(rule, document, document.file.path, (report) =>
        raw.push({ meta: rule.meta, severity, report }),
      );
    }
  }
  if (sql !== undefined && documents.length > 0) {
    const context: CrossArtifactContext = {
      documents,
      sql,
      tenantColumns: tenantColumns(model),
      tableAliases: tableAliases(options.tableAliases ?? {}),
    };
    for (const { rule, severity } of enabled.cross) {
      runRule(rule, context, files.map((f) => f.path).join(", "), (report) =>
        raw.push({ meta: rule.meta, severity, report }),
      );
    }
  }
  if (model !== undefined) {
    const context: ArchitectureContext = { model, documents, databases };
    for (const { rule, severity } of enabled.spec) {
      runRule(rule, context, model.file, (report) => raw.push({ meta: rule.meta, severity, report }));
    }
  }
  for (const document of documents) {
    document.resolveLocations();
    for (const file of document.sourceFiles()) sources.set(file.path, file.text);
  }
  for (const { meta, severity, report } of raw) {
    const location = report.location;
    if (location instanceof DeferredLocation && isSuppressed(documents, location, meta.id)) continue;
    findings.push(toFinding(meta, severity, report));
  }
  if (sql !== undefined) {
    const context = sql;
    const suppressions = new Map(byKind.sql.map((f) => [f.path, new SqlSuppressions(f.text)]));
    for (const { rule, severity } of enabled.sql) {
      runRule(rule, context, byKind.sql.map((f) => f.path).join(", "), (report) => {
        const { file, line } = report.location;
        if (suppressions.get(file)?.suppresses(rule.meta.id, line)) return;
        findings.push(toFinding(rule.meta, severity, report));
      });
    }
  }

  const kinds = new Set<CatalogEntry["input"]>(files.map((f) => f.kind));
  if (kinds.has("openapi") && kinds.has("sql")) kinds.add("openapi+sql");
  if (model !== undefined) kinds.add("spec");
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
  cross: EnabledRule<CrossArtifactContext>[];
  spec: EnabledRule<ArchitectureContext>[];
} {
  const openapi: EnabledRule<OpenApiDocument>[] = [];
  const sql: EnabledRule<SqlReviewContext>[] = [];
  const cross: EnabledRule<CrossArtifactContext>[] = [];
  const spec: EnabledRule<ArchitectureContext>[] = [];
  for (const entry of ruleCatalog) {
    const severity = severityFor(entry.rule.meta, settings);
    if (severity === undefined) continue;
    if (entry.input === "openapi") openapi.push({ rule: entry.rule, severity });
    else if (entry.input === "sql") sql.push({ rule: entry.rule, severity });
    else if (entry.input === "openapi+sql") cross.push({ rule: entry.rule, severity });
    else spec.push({ rule: entry.rule, severity });
  }
  return { openapi, sql, cross, spec };
}

/**
 * One catalog per database for the architecture rules. SQL files in the same folder are taken to be
 * one database's schema and migrations (`db/<service>/migrations/*.sql`); files in different folders
 * are separate databases, so a table each service has (an outbox) is not mistaken for a shared one.
 */
async function sqlDatabases(
  files: readonly { path: string; text: string }[],
  merged: SqlReviewContext,
): Promise<SqlDatabase[]> {
  const byFolder = new Map<string, { path: string; text: string }[]>();
  for (const file of files) {
    const folder = dirname(file.path);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  if (byFolder.size === 1) return [{ folder: [...byFolder.keys()][0] ?? ".", sql: merged }];
  const { importSql } = await import("../import/sql/import-sql.js");
  return [...byFolder.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder, group]) => ({ folder, sql: importSql(group) }));
}

/** The columns the spec's tenancy puts on tenant-scoped tables: `<tenant>_id` and any ref field to the tenant. */
function tenantColumns(model: Model | undefined): string[] {
  const tenant = model?.tenancy?.entity;
  if (model === undefined || tenant === undefined) return [];
  const refs = model.entities.flatMap((e) =>
    e.fields.filter((f) => f.kind === "ref" && f.target === tenant).map((f) => columnName(f.name, true)),
  );
  return [...new Set([columnName(tenant, true), ...refs])].sort();
}

function isSuppressed(
  documents: readonly OpenApiDocument[],
  location: DeferredLocation,
  ruleId: string,
): boolean {
  return documents.some((d) => d.isSuppressed(location.node, ruleId));
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

function at(path: string): SourceLocation {
  return { file: path, line: 1, column: 1 };
}
