import type { Rule } from "../rule.js";
import type { OpenApiDiffContext } from "./openapi-diff-context.js";

/** A rule that compares two versions of one OpenAPI description; findings point into the new one. */
export type BreakingChangeRule = Rule<OpenApiDiffContext>;
