import type { ServiceSchema, Table } from "./relational-schema.js";

/**
 * Why an ephemeral entity's table stays logged, or undefined when it can be UNLOGGED. PostgreSQL
 * lets no permanent table reference an unlogged one, and a partitioned table cannot be unlogged.
 */
export function loggedBecause(table: Table, schema: ServiceSchema): string | undefined {
  if (table.partitioning) return "it is partitioned, and a partitioned table cannot be UNLOGGED";
  const referencing = schema.tables.filter(
    (t) => t !== table && t.foreignKeys.some((fk) => fk.refTable === table.name),
  );
  const deferred = schema.deferredForeignKeys
    .filter((d) => d.foreignKey.refTable === table.name)
    .map((d) => d.table);
  const names = [...new Set([...referencing.map((t) => t.name), ...deferred])];
  if (names.length > 0)
    return `${names.map((n) => `\`${n}\``).join(", ")} reference${names.length === 1 ? "s" : ""} it by foreign key, and a logged table cannot reference an UNLOGGED one`;
  return undefined;
}

/** The schema with every ephemeral entity's table that can be UNLOGGED marked so. */
export function markUnloggedTables(schema: ServiceSchema): ServiceSchema {
  if (!schema.tables.some((t) => t.entity.ephemeral)) return schema;
  return {
    ...schema,
    tables: schema.tables.map((t) =>
      t.entity.ephemeral && !t.projectionOf && loggedBecause(t, schema) === undefined
        ? { ...t, unlogged: true }
        : t,
    ),
  };
}
