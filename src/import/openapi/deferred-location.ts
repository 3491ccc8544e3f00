import type { SourceLocation } from "../../model/source-location.js";
import type { OpenApiNode } from "./openapi-node.js";

/**
 * A location handed to a rule before its line and column are known. Finding a pointer in a large
 * JSON file costs a pass over the text, so all locations are filled in one batch after the rules
 * have run (see OpenApiDocument.resolveLocations).
 */
export class DeferredLocation implements SourceLocation {
  line = 1;
  column = 1;
  constructor(
    readonly file: string,
    readonly node: OpenApiNode,
  ) {}
}
