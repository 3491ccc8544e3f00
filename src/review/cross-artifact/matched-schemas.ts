import type { OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { SqlTable } from "../../import/sql/sql-review-context.js";
import {
  matchOperations,
  requestSchema,
  resourceSchema,
  responseSchema,
  schemaType,
} from "./api-table-match.js";
import type { CrossArtifactContext } from "./cross-artifact-context.js";

/** `response`: a resource as the API returns it; `create`: a POST body on the collection; `update`: a PUT/PATCH body. */
export type SchemaRole = "response" | "create" | "update";

export interface MatchedSchema {
  readonly document: OpenApiReviewContext;
  readonly operation: OpenApiOperation;
  readonly table: SqlTable;
  readonly schema: OpenApiNode;
  readonly role: SchemaRole;
}

/**
 * The object schemas that stand for one table's rows, each once per role even when many
 * operations share it (the first operation, in document order, is kept).
 */
export function matchedSchemas(context: CrossArtifactContext): MatchedSchema[] {
  const out: MatchedSchema[] = [];
  const seen = new Set<string>();
  const add = (entry: MatchedSchema) => {
    if (schemaType(entry.schema) !== "object" && entry.schema.get("properties") === undefined) return;
    const key = `${entry.role}\u0000${entry.table.key}\u0000${entry.schema.identity()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(entry);
  };
  for (const { document, operation, table, shape } of matchOperations(
    context.documents,
    context.sql,
    context.tableAliases,
  )) {
    const response = responseSchema(document, operation);
    if (response !== undefined && operation.method !== "delete") {
      add({ document, operation, table, schema: resourceSchema(document, response), role: "response" });
    }
    const request = requestSchema(document, operation);
    if (request === undefined) continue;
    if (operation.method === "post" && shape === "collection")
      add({ document, operation, table, schema: request, role: "create" });
    else if ((operation.method === "put" || operation.method === "patch") && shape === "item")
      add({ document, operation, table, schema: request, role: "update" });
  }
  return out;
}
