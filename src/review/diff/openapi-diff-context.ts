import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

/** The parameters of one operation in both versions, paired by `in` and name (path parameters by position). */
export interface ParameterMatch {
  readonly matched: readonly { readonly old: OpenApiNode; readonly new: OpenApiNode }[];
  /** An old parameter gone and exactly one new one of the same `in` appeared: most likely a rename. */
  readonly renamed: readonly { readonly old: OpenApiNode; readonly new: OpenApiNode }[];
  readonly removed: readonly OpenApiNode[];
  readonly added: readonly OpenApiNode[];
}

/** One operation present in both versions (same method, same path up to path-parameter names). */
export interface OperationPair {
  /** `GET /pets/{id}`, with the new path. */
  readonly label: string;
  readonly old: OpenApiOperation;
  readonly new: OpenApiOperation;
  readonly parameters: ParameterMatch;
}

/** Which way data travels: a request schema may widen, a response schema may narrow. */
export type SchemaDirection = "request" | "response";

/** Two versions of one schema (`$ref`s followed), met while walking both descriptions in step. */
export interface SchemaPair {
  readonly old: OpenApiNode;
  readonly new: OpenApiNode;
  readonly direction: SchemaDirection;
  /** Where a client meets it, e.g. `request body of POST /pets, property owner.name`. */
  readonly where: string;
}

/** What breaking-change rules read: two versions of one OpenAPI description. */
export interface OpenApiDiffContext {
  readonly old: OpenApiReviewContext;
  readonly new: OpenApiReviewContext;
  readonly operations: readonly OperationPair[];
  /** Old operations with no counterpart in the new version, in document order. */
  readonly removedOperations: readonly OpenApiOperation[];
  /**
   * Every pair of schemas reachable in step from both versions' parameters and bodies, each pair
   * once: a shared component is compared once, where it is defined.
   */
  schemaPairs(direction: SchemaDirection): readonly SchemaPair[];
  /** The place in the new description closest to where an old path would be: its path item, `paths`, or the root. */
  newAnchor(path: string): OpenApiNode;
}
