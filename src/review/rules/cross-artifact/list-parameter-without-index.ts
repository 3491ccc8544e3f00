import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import { servingIndexes } from "../../../import/sql/partition-family.js";
import type { SqlIndex, SqlTable } from "../../../import/sql/sql-review-context.js";
import { columnForProperty, matchOperations } from "../../cross-artifact/api-table-match.js";
import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import type { Rule } from "../../rule.js";
import { tenantColumns } from "./tenant-column.js";

const SORT_PARAMETERS = new Set(["sort", "sort_by", "order_by", "orderby", "sortby", "ordering"]);
const PAGING_PARAMETERS = new Set([
  "limit",
  "cursor",
  "page",
  "per_page",
  "page_size",
  "offset",
  "fields",
  "expand",
]);
/** `after_id`, `starting_after`, `since_id`: a cursor that names the column it continues from. */
const CURSOR_PARAMETER = /^(after|before|since|until|starting_after|ending_before)(?:_(\w+))?$/;

export const listParameterWithoutIndex: Rule<CrossArtifactContext> = {
  meta: {
    id: "list-parameter-without-index",
    area: "cross-artifact",
    defaultSeverity: "warning",
    description: "A list endpoint filters, sorts or pages by a column that no index can serve.",
    rationale:
      "Every call with that parameter scans the table and sorts it in memory; it is fast in development and falls over once the table grows. An index serves an equality filter when the column leads it, or follows only other filters of the same endpoint; it serves a sort or a keyset cursor when the column comes right after the endpoint's filters. A leading tenant column (`tenant_id`, `organization_id`, ..., or the spec's tenancy entity id with --spec) is skipped, as every query of a multi-tenant schema is scoped by it. On a partitioned table, an index that every partition has serves it too; one on only some partitions does not.",
    howToFix:
      "Add an index led by the column, or by the endpoint's filter columns followed by the sort column (keyset order), or drop the parameter.",
  },
  check(context, report) {
    for (const { document, operation, table, shape } of matchOperations(
      context.documents,
      context.sql,
      context.tableAliases,
    )) {
      if (operation.method !== "get" || shape !== "collection") continue;
      const query = operation.parameters.filter((p) => p.string("in") === "query");
      const filters: { parameter: OpenApiNode; column: string }[] = [];
      const ordered: { parameter: OpenApiNode; column: string; kind: "sort" | "cursor" }[] = [];
      for (const parameter of query) {
        const name = parameter.string("name") ?? "";
        const lower = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
        if (PAGING_PARAMETERS.has(lower)) continue;
        if (SORT_PARAMETERS.has(lower)) {
          for (const column of sortColumns(parameter, table))
            ordered.push({ parameter, column, kind: "sort" });
          continue;
        }
        const cursor = CURSOR_PARAMETER.exec(lower);
        if (cursor !== null) {
          const column =
            cursor[2] === undefined ? primaryKeyColumn(table) : columnForProperty(table, cursor[2])?.name;
          if (column !== undefined) ordered.push({ parameter, column, kind: "cursor" });
          continue;
        }
        const column = columnForProperty(table, name);
        if (column !== undefined) filters.push({ parameter, column: column.name });
      }
      // `x-archwright-row-keys`: properties the query compares by equality without a parameter (the
      // caller's own rows, a feed's followed rows); they are an equality prefix like filters.
      const rowKeys = (operation.node.get("x-archwright-row-keys")?.children() ?? [])
        .map((k) => (typeof k.value === "string" ? columnForProperty(table, k.value)?.name : undefined))
        .filter((c): c is string => c !== undefined);
      const filterColumns = new Set([...filters.map((f) => f.column), ...rowKeys]);
      const indexes = servingIndexes(context.sql, table);
      const skippable = new Set([...filterColumns, ...tenantColumns(table, context.tenantColumns)]);
      const emit = (parameter: OpenApiNode, columns: readonly string[], what: string, fix: string) =>
        report({
          message: `${operation.method.toUpperCase()} ${operation.path} ${what} ${columns.map((c) => `${table.displayName}.${c}`).join(", ")}, but no index of ${table.displayName} serves ${columns.length === 1 ? "it" : "them"}.`,
          location: document.locate(parameter),
          fix,
          related: [{ message: `table ${table.displayName}`, location: table.location }],
        });
      for (const { parameter, column } of filters) {
        const served = indexes.some((index) => keyAfterPrefix(index, column, skippable));
        if (!served)
          emit(parameter, [column], "filters by", `CREATE INDEX ON ${table.displayName} (${column});`);
      }
      const unserved = new Map<OpenApiNode, { columns: string[]; kind: "sort" | "cursor" }>();
      for (const { parameter, column, kind } of ordered) {
        const served = indexes.some(
          (index) => index.method === "btree" && keyAfterPrefix(index, column, skippable),
        );
        if (served) continue;
        const entry = unserved.get(parameter) ?? { columns: [], kind };
        entry.columns.push(column);
        unserved.set(parameter, entry);
      }
      for (const [parameter, { columns, kind }] of unserved) {
        emit(
          parameter,
          columns,
          kind === "sort" ? "sorts by" : "pages by",
          `Index ${table.displayName} on ${columns.map((c) => `(${c}, ${primaryKeyColumn(table) ?? "id"})`).join(" and ")}, each after the filter columns it is combined with, or drop ${columns.length === 1 ? "that order" : "those orders"}.`,
        );
      }
    }
  },
};

/** The index has `column` as a key, and every key before it is one the query pins by equality. */
function keyAfterPrefix(index: SqlIndex, column: string, pinned: ReadonlySet<string>): boolean {
  if (index.predicate !== undefined) return false;
  for (const key of index.keys) {
    if (key.column === column) return true;
    if (key.column === undefined || !pinned.has(key.column)) return false;
  }
  return false;
}

/** Columns a sort parameter can order by: its enum values (`-createdAt`, `title,-id`) that name columns. */
function sortColumns(parameter: OpenApiNode, table: SqlTable): string[] {
  const schema = parameter.get("schema");
  const values = [schema?.object?.enum, schema?.get("items")?.object?.enum].find(Array.isArray) ?? [];
  const columns = new Set<string>();
  for (const value of values) {
    if (typeof value !== "string") continue;
    const first =
      value
        .split(",")[0]
        ?.trim()
        .replace(/^[-+]/, "")
        .replace(/:(asc|desc)$/i, "") ?? "";
    const column = columnForProperty(table, first);
    if (column !== undefined) columns.add(column.name);
  }
  return [...columns].sort();
}

function primaryKeyColumn(table: SqlTable): string | undefined {
  const columns = table.primaryKey?.columns ?? [];
  return columns.length === 1 ? columns[0] : undefined;
}
