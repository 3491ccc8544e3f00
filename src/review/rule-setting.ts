import { didYouMean } from "../diagnostics/did-you-mean.js";
import { UsageError } from "../diagnostics/usage-error.js";
import type { Severity } from "./finding.js";
import { ruleCatalog } from "./rule-catalog.js";

/** What a user may set a rule to, in the config file or with `--rule id=...`. */
export const RULE_SETTINGS = ["off", "info", "warn", "warning", "error"] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === "string" && (RULE_SETTINGS as readonly string[]).includes(value);
}

/** The severity a setting gives, or undefined for `off`. */
export function settingSeverity(setting: RuleSetting): Severity | undefined {
  if (setting === "off") return undefined;
  return setting === "warn" ? "warning" : setting;
}

/** A message for an id no rule has, with the closest id when it looks like a typo. */
export function unknownRuleMessage(id: string): string {
  const suggestion = didYouMean(
    id,
    ruleCatalog.map((e) => e.rule.meta.id),
  );
  return `unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (run \`archwright rules\` to list them)`;
}

/** Parses `id=off|info|warn|error` from the command line. */
export function parseRuleFlag(flag: string): [string, RuleSetting] {
  const [id, setting] = flag.split("=", 2);
  if (id === undefined || setting === undefined || id === "") {
    throw new UsageError(`--rule expects id=off|info|warn|error, got "${flag}"`);
  }
  if (!ruleCatalog.some((e) => e.rule.meta.id === id)) throw new UsageError(unknownRuleMessage(id));
  if (!isRuleSetting(setting)) {
    throw new UsageError(`--rule ${id}: "${setting}" is not one of off, info, warn, error`);
  }
  return [id, setting];
}
