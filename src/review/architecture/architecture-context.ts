import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { SqlReviewContext } from "../../import/sql/sql-review-context.js";
import type { Model } from "../../model/index.js";

/** One database's schema: the SQL files of one folder, applied in order. */
export interface SqlDatabase {
  readonly folder: string;
  readonly sql: SqlReviewContext;
}

/** What the architecture rules read: the spec's Model and the artifacts reviewed with it. */
export interface ArchitectureContext {
  readonly model: Model;
  readonly documents: readonly OpenApiReviewContext[];
  /** Empty when no SQL was reviewed. */
  readonly databases: readonly SqlDatabase[];
}
