import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { importOpenApi } from "../../src/import/openapi/import-openapi.js";
import { importSql, type SqlSourceFile } from "../../src/import/sql/import-sql.js";
import { OpenApiDiff } from "../../src/review/diff/openapi-diff.js";
import { review } from "../../src/review/review.js";
import type { Rule, RuleReport } from "../../src/review/rule.js";
import { type CatalogEntry, ruleCatalog } from "../../src/review/rule-catalog.js";
import { breakingChangeRules } from "../../src/review/rules/breaking-change/index.js";

/** Two header lines, so a case's body starts on line 3. */
export function openapi(body: string): string {
  return `openapi: 3.0.3\ninfo: {title: t, version: "1"}\n${body}`;
}

export interface SourceText {
  readonly path: string;
  readonly text: string;
}

/** What a rule reads: an OpenAPI description, SQL (one text or files applied in order), an archwright.yaml, or several. */
export interface RuleInputs {
  /** Text of `openapi.yaml`, or files with their own paths (several only for rules that read more than one artifact). */
  readonly openapi?: string | SourceText | readonly SourceText[];
  /** Text of `schema.sql`, or several files applied in order. */
  readonly sql?: string | readonly SqlSourceFile[];
  /** Text of `archwright.yaml`, or a file with its own path. */
  readonly spec?: string | SourceText;
  /** For a breaking-change rule: the previous description (`old.yaml`); `openapi` is then the new one (`new.yaml`). */
  readonly previous?: string;
}

/** One expected finding: its exact message and 1-based line and column (and file, where a case has several). */
export interface ExpectedError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly file?: string;
  /** For a breaking-change rule: line and column of the first related place, in the previous description. */
  readonly related?: { readonly line: number; readonly column: number };
}

export interface ValidCase extends RuleInputs {
  readonly name: string;
}

export interface InvalidCase extends ValidCase {
  /** Every finding the rule must report, in report order. */
  readonly errors: readonly ExpectedError[];
}

export interface RuleCases {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

/** The catalog entry of a rule: which kind of input it reads decides how a case becomes its context. */
function catalogEntry(rule: Rule<never>): CatalogEntry {
  const entry = ruleCatalog.find((e) => e.rule.meta.id === rule.meta.id);
  assert.ok(entry, `rule ${rule.meta.id} is not in the catalog`);
  return entry;
}

const asSource = (value: string | SourceText, path: string): SourceText =>
  typeof value === "string" ? { path, text: value } : value;

const openApiFiles = (value: string | SourceText | readonly SourceText[]): readonly SourceText[] =>
  typeof value === "string" ? [{ path: "openapi.yaml", text: value }] : "path" in value ? [value] : value;

const sqlFiles = (sql: string | readonly SqlSourceFile[]): readonly SqlSourceFile[] =>
  typeof sql === "string" ? [{ path: "schema.sql", text: sql }] : sql;

function located(report: RuleReport, withFile: boolean): ExpectedError {
  const { message, location } = report;
  return withFile
    ? { message, line: location.line, column: location.column, file: location.file }
    : { message, line: location.line, column: location.column };
}

/**
 * Runs one rule over a case's inputs, the way the engine would: a one-input rule on the imported
 * document or catalog directly; a rule that reads several artifacts through `review`, keeping only
 * its own findings.
 */
export async function runRule(
  rule: Rule<never>,
  inputs: RuleInputs,
  withFile = false,
): Promise<ExpectedError[]> {
  const breaking = breakingChangeRules.find((r) => r.meta.id === rule.meta.id);
  if (breaking) return runBreakingChangeRule(breaking, inputs);
  const entry = catalogEntry(rule);
  const reports: RuleReport[] = [];
  switch (entry.input) {
    case "openapi": {
      const [file, ...more] = inputs.openapi === undefined ? [] : openApiFiles(inputs.openapi);
      assert.ok(
        file && more.length === 0,
        `${rule.meta.id} reads one OpenAPI description: give the case \`openapi\``,
      );
      const document = importOpenApi(file);
      entry.rule.check(document, (r) => reports.push(r));
      document.resolveLocations();
      return reports.map((r) => located(r, withFile));
    }
    case "sql": {
      assert.ok(inputs.sql !== undefined, `${rule.meta.id} reads SQL: give the case \`sql\``);
      entry.rule.check(importSql(sqlFiles(inputs.sql)), (r) => reports.push(r));
      return reports.map((r) => located(r, withFile));
    }
    case "openapi+sql":
    case "spec": {
      const files = [
        ...(inputs.openapi === undefined ? [] : openApiFiles(inputs.openapi)),
        ...(inputs.sql === undefined ? [] : sqlFiles(inputs.sql)),
      ];
      const spec = inputs.spec === undefined ? undefined : asSource(inputs.spec, "archwright.yaml");
      const result = await review(files, {
        ...(spec ? { spec: spec.path } : {}),
        readFile: (path) => {
          if (spec && path === spec.path) return spec.text;
          throw Object.assign(new Error(`no such file ${path}`), { code: "ENOENT" });
        },
      });
      return result.findings.filter((f) => f.ruleId === rule.meta.id).map((f) => located(f, withFile));
    }
  }
}

/** A breaking-change rule reads the previous and the new description; it points into the new one, and back to the old. */
function runBreakingChangeRule(
  rule: (typeof breakingChangeRules)[number],
  inputs: RuleInputs,
): ExpectedError[] {
  assert.ok(
    inputs.previous !== undefined && typeof inputs.openapi === "string",
    `${rule.meta.id} compares two descriptions: give the case \`previous\` and \`openapi\``,
  );
  const old = importOpenApi({ path: "old.yaml", text: inputs.previous });
  const next = importOpenApi({ path: "new.yaml", text: inputs.openapi });
  const reports: RuleReport[] = [];
  rule.check(new OpenApiDiff(old, next), (r) => reports.push(r));
  old.resolveLocations();
  next.resolveLocations();
  return reports.map((r) => {
    assert.equal(r.location.file, "new.yaml");
    const related = r.related?.[0]?.location;
    assert.equal(related?.file, "old.yaml", `${r.message} has a related place in the old file`);
    return {
      message: r.message,
      line: r.location.line,
      column: r.location.column,
      related: { line: related.line, column: related.column },
    };
  });
}

/** A fixture with exact `[before, after]` replacements applied; each must apply, so a stale edit fails loudly. */
export function editFixture(text: string, edits: readonly (readonly [string, string])[] = []): string {
  let out = text;
  for (const [before, after] of edits) {
    assert.ok(out.includes(before), `fixture edit does not apply: ${before}`);
    out = out.replace(before, after);
  }
  return out;
}

/** `file:line:column message`, the way the text format prints a finding, as an expected error. */
export function expectedError(printed: string): ExpectedError {
  const match = /^([^:]+):(\d+):(\d+) ([\s\S]*)$/.exec(printed);
  assert.ok(match, `not file:line:column message: ${printed}`);
  const [, file = "", line = "", column = "", message = ""] = match;
  return { message, line: Number(line), column: Number(column), file };
}

/**
 * ESLint-style rule tests: every valid case yields no finding, every invalid case exactly its
 * `errors`, message, line and column (and file, where an error names one), in report order.
 */
export function ruleTester(rule: Rule<never>, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    const example = ruleExample(cases);
    if (example !== undefined) {
      it("docs/rules.md shows its first short cases", async () => {
        const path = `${RULE_EXAMPLES}/${rule.meta.id}.json`;
        const current = `${JSON.stringify({ ...example, errors: await runRule(rule, example.bad) }, null, 2)}\n`;
        if (process.env.ARCHWRIGHT_WRITE_RULE_EXAMPLES === "1") {
          mkdirSync(RULE_EXAMPLES, { recursive: true });
          writeFileSync(path, current);
          return;
        }
        assert.ok(existsSync(path), `${path} is missing: ${REWRITE}`);
        assert.equal(readFileSync(path, "utf8"), current, `${path} is stale: ${REWRITE}`);
      });
    }
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        assert.deepEqual(await runRule(rule, c), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const withFile = c.errors.some((e) => e.file !== undefined);
        assert.deepEqual(await runRule(rule, c, withFile), c.errors);
      });
    }
  });
}

/** The raw reports of a rule that reads one OpenAPI description or SQL, for assertions beyond message and place (related locations). */
export function ruleReports(rule: Rule<never>, inputs: RuleInputs): RuleReport[] {
  const entry = catalogEntry(rule);
  const reports: RuleReport[] = [];
  const [file] = inputs.openapi === undefined ? [] : openApiFiles(inputs.openapi);
  if (entry.input === "openapi" && file !== undefined) {
    const document = importOpenApi(file);
    entry.rule.check(document, (r) => reports.push(r));
    document.resolveLocations();
  } else if (entry.input === "sql" && inputs.sql !== undefined) {
    entry.rule.check(importSql(sqlFiles(inputs.sql)), (r) => reports.push(r));
  } else {
    assert.fail(
      `ruleReports runs OpenAPI and SQL rules on their own input; ${rule.meta.id} reads ${entry.input}`,
    );
  }
  return reports;
}

/**
 * The cases docs/rules.md shows under each rule: its first invalid and first valid case whose
 * inputs are one short text each. They are kept as snapshots (one JSON file a rule) that
 * scripts/gen-rules-doc.ts renders, and this tester fails when a snapshot no longer matches the
 * cases, so the documented examples are the tested ones.
 */
export const RULE_EXAMPLES = "test/fixtures/rule-examples";
const REWRITE =
  "run `ARCHWRIGHT_WRITE_RULE_EXAMPLES=1 node --import tsx --test test/review/rules/*.test.ts`, then `npm run gen`";
const EXAMPLE_MAX_LINES = 24;

interface RuleExample {
  readonly bad: { readonly name: string } & Pick<RuleInputs, "openapi" | "sql" | "spec" | "previous">;
  readonly good: { readonly name: string } & Pick<RuleInputs, "openapi" | "sql" | "spec" | "previous">;
}

function shortInputs(
  c: ValidCase,
): (Pick<RuleInputs, "openapi" | "sql" | "spec" | "previous"> & { name: string }) | undefined {
  const texts = { openapi: c.openapi, sql: c.sql, spec: c.spec, previous: c.previous };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(texts)) {
    if (value === undefined) continue;
    if (typeof value !== "string" || value.split("\n").length > EXAMPLE_MAX_LINES) return undefined;
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? { name: c.name, ...out } : undefined;
}

function ruleExample(cases: RuleCases): RuleExample | undefined {
  const bad = cases.invalid.map(shortInputs).find((c) => c !== undefined);
  const good = cases.valid.map(shortInputs).find((c) => c !== undefined);
  return bad && good ? { bad, good } : undefined;
}
