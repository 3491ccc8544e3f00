import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { Rule } from "../rule.js";

/** A rule that reads one OpenAPI description. */
export type OpenApiRule = Rule<OpenApiReviewContext>;
