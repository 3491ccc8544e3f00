import type { Column, ForeignKey, ServiceSchema, Table } from "../../analyze/relational-schema.js";
import { mermaidText } from "./mermaid-text.js";

/** Longest attribute comment, so wide explanations stay in DESIGN.md and the boxes stay readable. */
const MAX_COMMENT = 60;

/**
 * The tables of one service. Local foreign keys are solid relations with their real cardinality;
 * a reference to another service's entity is a dashed relation to a stub entity named
 * `<service>_<table>`, because no foreign key exists for it: events keep it consistent.
 */
export function emitErDiagram(schema: ServiceSchema): string {
  const lines: string[] = ["erDiagram"];
  const local = new Set(schema.tables.map((t) => t.name));
  const enumValues = new Map(schema.enums.map((e) => [e.name, e.values]));

  for (const table of schema.tables) {
    lines.push(`  ${entityName(table.name)} {`);
    for (const column of table.columns) lines.push(`    ${attribute(table, column, enumValues)}`);
    lines.push("  }");
  }

  const stubs = new Map<string, string>();
  for (const table of schema.tables) {
    for (const ref of table.crossServiceRefs) {
      let stub = entityName(`${ref.targetService}_${ref.targetTable}`);
      if (local.has(stub)) stub = `${stub}_ref`;
      stubs.set(stub, ref.targetService);
    }
  }
  for (const [stub, service] of [...stubs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`  ${stub} {`, `    uuid id PK "${mermaidText(`owned by the ${service} service`)}"`, "  }");
  }

  const foreignKeys: { table: Table; foreignKey: ForeignKey }[] = schema.tables.flatMap((table) =>
    table.foreignKeys.map((foreignKey) => ({ table, foreignKey })),
  );
  for (const deferred of schema.deferredForeignKeys) {
    const table = schema.tables.find((t) => t.name === deferred.table);
    if (table) foreignKeys.push({ table, foreignKey: deferred.foreignKey });
  }
  for (const { table, foreignKey } of foreignKeys) {
    const parent = `${parentMarker(table, foreignKey.columns)}--${childMarker(table, foreignKey.columns)}`;
    const label = `${foreignKey.columns.join(", ")} ON DELETE ${foreignKey.onDelete}`;
    lines.push(
      `  ${entityName(foreignKey.refTable)} ${parent} ${entityName(table.name)} : "${mermaidText(label)}"`,
    );
  }
  for (const table of schema.tables) {
    for (const ref of table.unenforcedRefs) {
      const relation = `${parentMarker(table, [ref.column])}..${childMarker(table, [ref.column])}`;
      const label = `${ref.column} ON DELETE ${ref.onDelete} (service-enforced: partitioned)`;
      lines.push(
        `  ${entityName(ref.refTable)} ${relation} ${entityName(table.name)} : "${mermaidText(label)}"`,
      );
    }
  }
  for (const table of schema.tables) {
    for (const ref of table.crossServiceRefs) {
      let stub = entityName(`${ref.targetService}_${ref.targetTable}`);
      if (local.has(stub)) stub = `${stub}_ref`;
      const relation = `${parentMarker(table, [ref.column])}..${childMarker(table, [ref.column])}`;
      const label = `${ref.column}: id ref (events)`;
      lines.push(`  ${stub} ${relation} ${entityName(table.name)} : "${mermaidText(label)}"`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Table names are snake_case already; anything else is folded so the name stays one Mermaid token. */
function entityName(name: string): string {
  const folded = name.replace(/[^A-Za-z0-9_]+/g, "_");
  return /^[A-Za-z_]/.test(folded) ? folded : `t_${folded}`;
}

/** Mermaid attribute types are single tokens: `numeric(19,4)` becomes `numeric_19_4`, `text[]` becomes `text_array`. */
export function erAttributeType(sqlType: string): string {
  const token = sqlType
    .replace(/\[\]/g, "_array")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (token === "") return "unknown";
  return /^[A-Za-z_]/.test(token) ? token : `t_${token}`;
}

/** The referenced row: exactly one when every referencing column is NOT NULL, else zero or one. */
function parentMarker(table: Table, columns: readonly string[]): string {
  const nullable = columns.some((name) => table.columns.find((c) => c.name === name)?.nullable ?? true);
  return nullable ? "|o" : "||";
}

/** The referencing rows: at most one per parent when the columns are unique (or the whole key), else many. */
function childMarker(table: Table, columns: readonly string[]): string {
  return isUnique(table, columns) ? "o|" : "o{";
}

function isUnique(table: Table, columns: readonly string[]): boolean {
  const sameSet = (other: readonly string[]) =>
    other.length === columns.length && other.every((c) => columns.includes(c));
  return (
    sameSet(table.primaryKey.columns) ||
    table.uniques.some((u) => sameSet(u.columns)) ||
    table.indexes.some((i) => i.unique && sameSet(i.columns.map((c) => c.column)))
  );
}

function attribute(table: Table, column: Column, enumValues: ReadonlyMap<string, readonly string[]>): string {
  const keys: string[] = [];
  if (table.primaryKey.columns.includes(column.name)) keys.push("PK");
  const localFk = table.foreignKeys.find((fk) => fk.columns.includes(column.name));
  if (localFk) keys.push("FK");
  if (!keys.includes("PK") && isUnique(table, [column.name])) keys.push("UK");

  const crossRef = table.crossServiceRefs.find((r) => r.column === column.name);
  const unenforced = table.unenforcedRefs.find((r) => r.column === column.name);
  let note: string | undefined;
  if (crossRef) note = `id ref to ${crossRef.targetService}.${crossRef.targetTable}, no FK`;
  else if (unenforced) note = `references ${unenforced.refTable}, checked by the service`;
  else if (localFk) note = `references ${localFk.refTable}`;
  else if (column.comment) note = column.comment.split(/[;:.]/)[0]?.trim();
  else if (enumValues.has(column.sqlType)) note = enumValues.get(column.sqlType)?.join(" / ");
  const parts = [column.nullable ? "nullable" : undefined, note].filter((p): p is string => !!p);
  let comment = parts.join(", ");
  if (comment.length > MAX_COMMENT) comment = `${comment.slice(0, MAX_COMMENT - 1).trimEnd()}…`;

  const head = `${erAttributeType(column.sqlType)} ${entityName(column.name)}`;
  const withKeys = keys.length > 0 ? `${head} ${keys.join(",")}` : head;
  return comment ? `${withKeys} "${mermaidText(comment)}"` : withKeys;
}
