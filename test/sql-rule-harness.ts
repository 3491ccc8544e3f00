import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { importSql, type SqlSourceFile } from "../src/import/sql/import-sql.js";
import type { SqlReviewContext } from "../src/import/sql/sql-review-context.js";
import type { Rule, RuleReport } from "../src/review/rule.js";

/** One input for a rule: SQL text (file `schema.sql`) or several files applied in order. */
export interface RuleCase {
  readonly name: string;
  readonly sql: string | readonly SqlSourceFile[];
}

export interface InvalidRuleCase extends RuleCase {
  /** Every finding the rule must report, in order: message and 1-based line and column. */
  readonly findings: readonly { readonly message: string; readonly line: number; readonly column: number }[];
}

export function runRule(rule: Rule<SqlReviewContext>, sql: RuleCase["sql"]): RuleReport[] {
  const files = typeof sql === "string" ? [{ path: "schema.sql", text: sql }] : sql;
  const reports: RuleReport[] = [];
  rule.check(importSql(files), (report) => reports.push(report));
  return reports;
}

/** ESLint-style rule tests: nothing reported for `valid`, exactly `findings` for `invalid`. */
export function ruleCases(
  rule: Rule<SqlReviewContext>,
  cases: { readonly valid: readonly RuleCase[]; readonly invalid: readonly InvalidRuleCase[] },
): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        assert.deepEqual(
          runRule(rule, c.sql).map((r) => r.message),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const actual = runRule(rule, c.sql).map((r) => ({
          message: r.message,
          line: r.location.line,
          column: r.location.column,
        }));
        assert.deepEqual(actual, c.findings);
      });
    }
  });
}
