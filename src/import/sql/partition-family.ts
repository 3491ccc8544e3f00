import type { SqlIndex, SqlReviewContext, SqlTable } from "./sql-review-context.js";

/**
 * A declaratively partitioned table and its partitions are one table to anyone reading an API or
 * a spec against the schema: `posts_2024_05` is `posts`. These helpers map a partition to the
 * table it belongs to, and find the indexes that serve a query on the whole family.
 */
type Catalog = Pick<SqlReviewContext, "tables" | "tablesByKey">;

/** The partitioned table at the top of `table`'s family (the table itself when it is no partition). */
export function partitionRoot(sql: Catalog, table: SqlTable): SqlTable {
  let current = table;
  const seen = new Set<string>([table.key]);
  while (current.partitionOf !== undefined) {
    const parent = sql.tablesByKey.get(current.partitionOf);
    if (parent === undefined || seen.has(parent.key)) break;
    seen.add(parent.key);
    current = parent;
  }
  return current;
}

/** The leaf partitions under `table`, at any depth; empty for a table that is not partitioned. */
export function leafPartitions(sql: Catalog, table: SqlTable): SqlTable[] {
  const children = sql.tables.filter((t) => t.partitionOf === table.key && t.key !== table.key);
  return children.flatMap((child) => {
    const below = leafPartitions(sql, child);
    return below.length > 0 ? below : [child];
  });
}

/**
 * Indexes that serve a query on `table`: its own, plus, for a partitioned table, each index that
 * every one of its partitions has (an older schema indexes each partition by hand; the planner
 * then uses the partition's index in each partition it scans). An index on only some partitions
 * serves none of the others, so it does not count.
 */
export function servingIndexes(sql: Catalog, table: SqlTable): readonly SqlIndex[] {
  const leaves = leafPartitions(sql, table);
  const [first, ...others] = leaves;
  if (first === undefined) return table.indexes;
  const shapesOf = (t: SqlTable) => new Set(t.indexes.map(shape));
  const everywhere = others.map(shapesOf);
  const own = shapesOf(table);
  const common = first.indexes.filter((index) => {
    const s = shape(index);
    return !own.has(s) && everywhere.every((shapes) => shapes.has(s));
  });
  return [...table.indexes, ...common];
}

/** What makes two indexes serve the same queries: method, uniqueness, predicate and keys. */
function shape(index: SqlIndex): string {
  return [index.method, index.unique, index.predicate ?? "", ...index.keys.map((k) => k.fingerprint)].join(
    "\u0000",
  );
}
