import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { ruleCatalog } from "./rule-catalog.js";
import { RULE_SETTINGS, type RuleSetting, unknownRuleMessage } from "./rule-setting.js";

/** `archwright.review.yaml`: severities per rule and paths to leave out. */
export interface ReviewConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly ignore: readonly string[];
  /** API resource name -> table name, where the two are named apart (`Zone: domains`). */
  readonly aliases: Readonly<Record<string, string>>;
}

const configSchema = z.strictObject({
  rules: z.record(z.string(), z.enum(RULE_SETTINGS)).optional(),
  ignore: z.array(z.string()).optional(),
  aliases: z.record(z.string(), z.string()).optional(),
});

/** Parses a review config file; every problem comes back as a located InputError. */
export function parseReviewConfig(path: string, text: string): ReviewConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col };
  };
  if (document.errors.length > 0) {
    throw new InputError(
      document.errors.map((e) =>
        diagnostic("config/invalid-yaml", e.message.split("\n")[0] ?? "", at(e.pos[0])),
      ),
    );
  }
  const value: unknown = document.toJS() ?? {};
  const parsed = configSchema.safeParse(value);
  const offsetOf = (segments: readonly PropertyKey[]): number => {
    const node = document.getIn(segments.map(String), true);
    const range = node && typeof node === "object" && "range" in node ? (node.range as number[]) : undefined;
    return range?.[0] ?? 0;
  };
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) =>
        diagnostic(
          "config/invalid",
          `${issue.path.join(".") || "config"}: ${issue.message}`,
          at(offsetOf(issue.path)),
          {
            expected:
              "rules: {rule-id: off|info|warn|error}, ignore: [glob, ...], aliases: {Resource: table}",
          },
        ),
      ),
    );
  }
  const rules = parsed.data.rules ?? {};
  const known = new Set(ruleCatalog.map((e) => e.rule.meta.id));
  const unknown = Object.keys(rules).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InputError(
      unknown.map((id) => {
        const pair = document.getIn(["rules"], true);
        const keyOffset =
          pair && typeof pair === "object" && "items" in pair
            ? ((pair.items as { key: { value: unknown; range?: number[] } }[]).find((p) => p.key.value === id)
                ?.key.range?.[0] ?? 0)
            : 0;
        return diagnostic("config/unknown-rule", unknownRuleMessage(id), at(keyOffset));
      }),
    );
  }
  return { rules, ignore: parsed.data.ignore ?? [], aliases: parsed.data.aliases ?? {} };
}
