import type { OpenApiNode } from "../../import/openapi/openapi-node.js";

/** `query parameter "limit"`: how messages name a parameter. */
export function parameterLabel(parameter: OpenApiNode): string {
  return `${parameter.string("in") ?? "unknown"} parameter "${parameter.string("name") ?? ""}"`;
}
