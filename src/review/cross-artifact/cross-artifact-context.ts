import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { SqlReviewContext } from "../../import/sql/sql-review-context.js";

/** What the cross-artifact rules read: every OpenAPI description of the review and the SQL catalog together. */
export interface CrossArtifactContext {
  readonly documents: readonly OpenApiReviewContext[];
  readonly sql: SqlReviewContext;
  /** Tenant id columns the spec's tenancy implies (`clinic_id`); empty without a spec. */
  readonly tenantColumns: readonly string[];
  /** Resource-to-table names from the review config (`aliases: {Zone: domains}`). */
  readonly tableAliases?: ReadonlyMap<string, string>;
}
