import pluralize from "pluralize";
import { snakeCase } from "../../analyze/naming.js";
import { isJsonObject, type OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiOperation, OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { SqlColumn, SqlReviewContext, SqlTable } from "../../import/sql/sql-review-context.js";

/*
 * How an API resource is matched to a table, and a property to a column. The rules only speak when
 * the match is unambiguous, so a missed match costs a finding and a wrong one never invents one:
 *
 * - A name is compared in snake_case (`OrderLine`, `orderLines`, `order-lines` -> `order_lines`),
 *   in its singular and plural forms (the last word only, as `order_lines` pluralizes `line`).
 * - An operation's resource is the last literal segment of its path (`/v1/orders/{orderId}` ->
 *   `orders`): the collection when nothing follows it, one item when one parameter follows. Deeper
 *   shapes (`/orders/{id}/cancel`) are not matched.
 * - That segment must name exactly one table (partitions left out). When the response or request
 *   schema is a named component (`Order`, or `OrderPage` whose `data` items are `Order`) that names
 *   a different table, the operation is not matched at all.
 * - A property matches the column whose name is its snake_case form (`customerId` -> `customer_id`).
 */

export type ResourceShape = "collection" | "item";

export interface MatchedOperation {
  readonly document: OpenApiReviewContext;
  readonly operation: OpenApiOperation;
  readonly table: SqlTable;
  readonly shape: ResourceShape;
}

export interface SchemaProperty {
  readonly name: string;
  /** The member under `properties`, for locations. */
  readonly member: OpenApiNode;
  /** The property's schema with `$ref` followed. */
  readonly schema: OpenApiNode;
  readonly required: boolean;
}

/** `OrderLine`, `orderLines`, `order-lines`, `order_line` -> snake_case singular and plural forms. */
export function nameForms(name: string): Set<string> {
  const snake = snakeCase(name.replace(/[-\s.]+/g, "_")).replace(/_+/g, "_");
  const words = snake.split("_");
  const last = words.pop() ?? "";
  return new Set([
    snake,
    [...words, pluralize.singular(last)].join("_"),
    [...words, pluralize.plural(last)].join("_"),
  ]);
}

/**
 * Resource names mapped to table names by the user (`aliases: {Zone: domains}` in the review config),
 * for APIs whose resources are named apart from their tables. Keys are any form of the resource name.
 */
export type TableAliases = ReadonlyMap<string, string>;

/** The aliases of a config, keyed by every name form of each resource so `Zone`, `zones` and `zone` all match. */
export function tableAliases(aliases: Readonly<Record<string, string>>): TableAliases {
  const out = new Map<string, string>();
  for (const [resource, table] of Object.entries(aliases)) {
    for (const form of nameForms(resource)) out.set(form, table.toLowerCase());
  }
  return out;
}

/** The one table a name refers to (through an alias when one is configured), or undefined when none or several do. */
export function findTable(
  sql: SqlReviewContext,
  name: string,
  aliases: TableAliases = new Map(),
): SqlTable | undefined {
  const alias = [...nameForms(name)].map((f) => aliases.get(f)).find((t) => t !== undefined);
  if (alias !== undefined) {
    const hits = sql.tables.filter(
      (t) => t.partitionOf === undefined && (t.name.toLowerCase() === alias || t.key === alias),
    );
    return hits.length === 1 ? hits[0] : undefined;
  }
  const forms = nameForms(name);
  const hits = sql.tables.filter((t) => t.partitionOf === undefined && forms.has(t.name.toLowerCase()));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Every operation of every description whose resource is one table, in document and path order. */
export function matchOperations(
  documents: readonly OpenApiReviewContext[],
  sql: SqlReviewContext,
  aliases: TableAliases = new Map(),
): MatchedOperation[] {
  const matched: MatchedOperation[] = [];
  for (const document of documents) {
    for (const operation of document.operations) {
      const resource = pathResource(operation.path);
      if (resource === undefined) continue;
      const table = findTable(sql, resource.segment, aliases);
      if (table === undefined) continue;
      const named = [responseSchemaName(document, operation), requestSchemaName(document, operation)];
      const disagrees = named.some((n) => {
        if (n === undefined) return false;
        const other = findTable(sql, n, aliases);
        return other !== undefined && other !== table;
      });
      if (!disagrees) matched.push({ document, operation, table, shape: resource.shape });
    }
  }
  return matched;
}

export function pathResource(path: string): { segment: string; shape: ResourceShape } | undefined {
  const segments = path.split("/").filter((s) => s !== "");
  let last = segments.length - 1;
  while (last >= 0 && isParameter(segments[last] ?? "")) last--;
  const trailing = segments.length - 1 - last;
  const segment = segments[last];
  if (segment === undefined || trailing > 1) return undefined;
  return { segment, shape: trailing === 0 ? "collection" : "item" };
}

function isParameter(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

/** The JSON schema of the first 2xx response, `$ref` followed. */
export function responseSchema(
  document: OpenApiReviewContext,
  operation: OpenApiOperation,
): OpenApiNode | undefined {
  const responses = operation.node.get("responses");
  if (responses === undefined) return undefined;
  const success = responses.children().find((r) => /^2\d\d$/.test(r.key));
  if (success === undefined) return undefined;
  return jsonSchema(document, document.deref(success));
}

/** The JSON schema of the request body, `$ref` followed. */
export function requestSchema(
  document: OpenApiReviewContext,
  operation: OpenApiOperation,
): OpenApiNode | undefined {
  const body = operation.node.get("requestBody");
  return body === undefined ? undefined : jsonSchema(document, document.deref(body));
}

function jsonSchema(document: OpenApiReviewContext, holder: OpenApiNode): OpenApiNode | undefined {
  const content = holder.get("content");
  if (content === undefined) return undefined;
  const media = content.children().find((m) => /^application\/([\w.-]+\+)?json/.test(m.key));
  const schema = media?.get("schema");
  return schema === undefined ? undefined : document.deref(schema);
}

/**
 * The schema of one resource in a response: the items of an array, or of the array under `data`,
 * `items` or `results` of a page object, or the object itself.
 */
export function resourceSchema(document: OpenApiReviewContext, schema: OpenApiNode): OpenApiNode {
  if (schemaType(schema) === "array") {
    const items = schema.get("items");
    return items === undefined ? schema : document.deref(items);
  }
  for (const wrapper of ["data", "items", "results"]) {
    const member = schema.get("properties")?.get(wrapper);
    if (member === undefined) continue;
    const list = document.deref(member);
    const items = schemaType(list) === "array" ? list.get("items") : undefined;
    if (items !== undefined) return document.deref(items);
  }
  return schema;
}

function responseSchemaName(document: OpenApiReviewContext, operation: OpenApiOperation): string | undefined {
  const responses = operation.node.get("responses");
  const success = responses?.children().find((r) => /^2\d\d$/.test(r.key));
  if (success === undefined) return undefined;
  const schema = document.deref(success).get("content")?.children()[0]?.get("schema");
  if (schema === undefined) return undefined;
  const resource = resourceSchema(document, document.deref(schema));
  return componentName(resource) ?? componentName(document.deref(schema));
}

function requestSchemaName(document: OpenApiReviewContext, operation: OpenApiOperation): string | undefined {
  const schema = requestSchema(document, operation);
  if (schema === undefined) return undefined;
  // `OrderCreate`, `OrderUpdate` and `OrderInput` name the `Order` resource.
  return componentName(schema)?.replace(/(Create|Update|Patch|Input|Request|Body)$/, "");
}

/** The name of a schema defined under `components/schemas`. */
function componentName(schema: OpenApiNode): string | undefined {
  const pointer = schema.pointer();
  return pointer.length === 3 && pointer[0] === "components" && pointer[1] === "schemas"
    ? pointer[2]
    : undefined;
}

/** `type` of a schema; for 3.1 type lists, the one type that is not `null`. */
export function schemaType(schema: OpenApiNode): string | undefined {
  const type = schema.object?.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const types = type.filter((t): t is string => typeof t === "string" && t !== "null");
    return types.length === 1 ? types[0] : undefined;
  }
  return undefined;
}

/** The schema admits null: `nullable: true` (3.0), a `null` type (3.1), or a `null` branch of oneOf/anyOf. */
export function schemaNullable(document: OpenApiReviewContext, schema: OpenApiNode): boolean {
  const value = schema.object;
  if (value === undefined) return false;
  if (value.nullable === true) return true;
  if (Array.isArray(value.type) && value.type.includes("null")) return true;
  if (value.type === "null") return true;
  for (const key of ["oneOf", "anyOf"]) {
    const branches = schema.get(key)?.children() ?? [];
    if (branches.some((b) => schemaNullable(document, document.deref(b)))) return true;
  }
  return false;
}

/** Properties of an object schema, including those of its `allOf` parts, each with whether it is required. */
export function schemaProperties(document: OpenApiReviewContext, schema: OpenApiNode): SchemaProperty[] {
  const seen = new Set<string>();
  const out: SchemaProperty[] = [];
  const visit = (node: OpenApiNode, depth: number) => {
    if (depth > 8 || !isJsonObject(node.value)) return;
    const required = node.object?.required;
    const requiredNames = new Set(
      Array.isArray(required) ? required.filter((r) => typeof r === "string") : [],
    );
    for (const member of node.get("properties")?.children() ?? []) {
      if (seen.has(member.key)) continue;
      seen.add(member.key);
      out.push({
        name: member.key,
        member,
        schema: document.deref(member),
        required: requiredNames.has(member.key),
      });
    }
    for (const part of node.get("allOf")?.children() ?? []) visit(document.deref(part), depth + 1);
  };
  visit(schema, 0);
  return out;
}

/** PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN - 1) and drops the rest. */
const MAX_IDENTIFIER_LENGTH = 63;

/** The column a property name stands for: `customerId` -> `customer_id`, `order` -> `order`. */
export function columnForProperty(table: SqlTable, name: string): SqlColumn | undefined {
  const snake = snakeCase(name.replace(/-/g, "_")).slice(0, MAX_IDENTIFIER_LENGTH);
  return (
    table.columns.find((c) => c.name === snake) ??
    table.columns.find((c) => c.name === name.toLowerCase().slice(0, MAX_IDENTIFIER_LENGTH))
  );
}
