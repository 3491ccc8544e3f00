import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { diffOpenApi, unknownDiffRuleMessage } from "../review/diff/diff-openapi.js";
import { isRuleSetting, type RuleSetting } from "../review/rule-setting.js";
import { breakingChangeRules } from "../review/rules/breaking-change/index.js";
import { type Command, EXIT_OK, UsageError } from "./io.js";
import { FINDINGS_OPTIONS, printFindings, printOptions } from "./print-findings.js";
import { reportError } from "./report-input-error.js";

const USAGE = `usage: archwright diff <old-openapi> <new-openapi> [--format text|json|sarif|markdown]
                       [--fail-on error|warning|info|none] [--rule id=off|info|warn|error]...
                       [--baseline findings.json] [--quiet] [--no-fold]

Reports the changes from the old to the new version of an OpenAPI 3.x description that can break
existing clients. Findings point into the new file, with the matching place in the old one.
Exit codes: 0 no findings at or above --fail-on (default error), 1 findings, 2 bad input or usage.`;

/** `archwright diff`: compares two versions of an OpenAPI description, prints breaking changes, exits by --fail-on. */
export const diff: Command = async (args, io) => {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: FINDINGS_OPTIONS,
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    const print = printOptions(values);
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
    return printFindings(result, print, io);
  } catch (error) {
    return reportError(error, io, { usage: USAGE, wroteNothing: false });
  }
};

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
