import type { ForeignKey, Table } from "../relational-schema.js";

/** Kahn's algorithm over in-service foreign keys; edges that close a cycle become ALTER TABLE statements. */
export function orderByDependencies(tables: readonly Table[]): {
  ordered: Table[];
  deferred: { table: string; foreignKey: ForeignKey }[];
} {
  const ordered: Table[] = [];
  const deferred: { table: string; foreignKey: ForeignKey }[] = [];
  const placed = new Set<string>();
  const remaining = [...tables];
  while (remaining.length > 0) {
    const readyIndex = remaining.findIndex((t) =>
      t.foreignKeys.every(
        (fk) =>
          fk.refTable === t.name || placed.has(fk.refTable) || !tables.some((x) => x.name === fk.refTable),
      ),
    );
    const index = readyIndex === -1 ? 0 : readyIndex;
    const [table] = remaining.splice(index, 1);
    if (!table) break;
    if (readyIndex === -1) {
      const keep = table.foreignKeys.filter((fk) => fk.refTable === table.name || placed.has(fk.refTable));
      for (const fk of table.foreignKeys)
        if (!keep.includes(fk)) deferred.push({ table: table.name, foreignKey: fk });
      ordered.push({ ...table, foreignKeys: keep });
    } else {
      ordered.push(table);
    }
    placed.add(table.name);
  }
  return { ordered, deferred };
}
