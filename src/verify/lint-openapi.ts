import { createConfig, lintFromString } from "@redocly/openapi-core";

export interface LintProblem {
  readonly severity: "error" | "warn";
  readonly ruleId: string;
  readonly message: string;
  readonly pointer: string;
}

/** Lints one OpenAPI document with Redocly's `recommended` ruleset, the validator most users already run. */
let recommended: ReturnType<typeof createConfig> | undefined;

export async function lintOpenApi(source: string, name: string): Promise<LintProblem[]> {
  // Building the config resolves the whole ruleset; once per process is enough.
  recommended ??= createConfig({ extends: ["recommended"] });
  const config = await recommended;
  const problems = await lintFromString({ source, absoluteRef: `/${name}`, config });
  return problems
    .filter((p) => p.severity === "error" || p.severity === "warn")
    .map((p) => ({
      severity: p.severity as "error" | "warn",
      ruleId: p.ruleId,
      message: p.message,
      pointer: p.location[0]?.pointer ?? "#",
    }));
}
