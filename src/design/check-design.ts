import { review } from "../review/review.js";
import { crossCheckDesign } from "./cross-check-design.js";
import type { DesignResult } from "./design-system.js";

/**
 * One story: archwright's own review (with the spec, so the architecture rules run) on the OpenAPI
 * and SQL a design emits, plus the cross-artifact checks. Every line returned is a contradiction or
 * an error-level finding; `design` writes nothing when there is one.
 */
export async function checkDesign(result: DesignResult): Promise<string[]> {
  const inputs = [...result.files]
    .filter(([path]) => path.startsWith("openapi/") || path.endsWith(".up.sql"))
    .map(([path, text]) => ({ path, text }));
  const reviewed = await review(inputs, { spec: result.model });
  return [
    ...crossCheckDesign(result.statements),
    ...reviewed.findings
      .filter((f) => f.severity === "error")
      .map((f) => `${f.location.file}:${f.location.line}: ${f.ruleId}: ${f.message}`),
  ];
}
