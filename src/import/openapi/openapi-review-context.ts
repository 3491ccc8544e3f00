import type { SourceLocation } from "../../model/source-location.js";
import type { OpenApiNode } from "./openapi-node.js";
import type { OpenApiSourceFile } from "./openapi-source-file.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation with what rules keep asking about it worked out once. */
export interface OpenApiOperation {
  /** The path template as written under `paths`, e.g. `/users/{id}`. */
  readonly path: string;
  readonly method: HttpMethod;
  /** The path item (after following a `$ref`). */
  readonly pathItem: OpenApiNode;
  readonly node: OpenApiNode;
  /** Path-level and operation-level parameters, `$ref`s followed, the operation's overriding the path's. */
  readonly parameters: readonly OpenApiNode[];
  /** The security requirements in force: the operation's own, else the document's; undefined when neither is set. */
  readonly security: OpenApiNode | undefined;
}

/** What the API design and API security rules read: one OpenAPI 3.0/3.1 description. */
export interface OpenApiReviewContext {
  readonly file: OpenApiSourceFile;
  readonly root: OpenApiNode;
  /** The `openapi` field, e.g. `3.0.3`. */
  readonly version: string;
  readonly operations: readonly OpenApiOperation[];
  /** Follows `$ref` (local or into another file) until a non-reference; returns the node itself if the target is missing. */
  deref(node: OpenApiNode): OpenApiNode;
  /** The node one `$ref` (written in the file of `from`) points to; undefined when there is none. */
  refTarget(from: OpenApiNode, ref: string): OpenApiNode | undefined;
  /** Every file loaded: the root first, then the files `$ref`s reach. */
  sourceFiles(): readonly OpenApiSourceFile[];
  /** Where a node sits in the user's file: a member's key, an item's first character. */
  locate(node: OpenApiNode): SourceLocation;
}
