import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import { matchOperations } from "./match-operations.js";
import type {
  OpenApiDiffContext,
  OperationPair,
  SchemaDirection,
  SchemaPair,
} from "./openapi-diff-context.js";
import { pathShape } from "./path-template.js";
import { schemaRoots, walkSchemaPairs } from "./schema-pairs.js";

/** Two versions of a description with operations paired up front and schema pairs walked on first use. */
export class OpenApiDiff implements OpenApiDiffContext {
  readonly operations: readonly OperationPair[];
  readonly removedOperations: readonly OpenApiOperation[];
  private readonly pairs = new Map<SchemaDirection, readonly SchemaPair[]>();

  readonly old: OpenApiReviewContext;
  readonly new: OpenApiReviewContext;

  constructor(old: OpenApiReviewContext, next: OpenApiReviewContext) {
    this.old = old;
    this.new = next;
    const { pairs, removed } = matchOperations(old, next);
    this.operations = pairs;
    this.removedOperations = removed;
  }

  schemaPairs(direction: SchemaDirection): readonly SchemaPair[] {
    let pairs = this.pairs.get(direction);
    if (pairs === undefined) {
      const roots = schemaRoots(this.old, this.new, this.operations, direction);
      pairs = walkSchemaPairs(this.old, this.new, roots, direction);
      this.pairs.set(direction, pairs);
    }
    return pairs;
  }

  newAnchor(path: string): OpenApiNode {
    const paths = this.new.root.get("paths");
    const shape = pathShape(path);
    const item = paths?.children().find((entry) => pathShape(entry.key) === shape);
    return item ?? paths ?? this.new.root;
  }
}
