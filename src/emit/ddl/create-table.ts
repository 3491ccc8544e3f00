/**
 * The CREATE TABLE text of a derived table: columns, constraints, partitioning, triggers, indexes and
 * comments. The migrations emit it and DESIGN.md quotes it, so both show the same statement.
 */
import { sqlName } from "../../analyze/naming.js";
import type {
  ForeignKey,
  Index,
  PartitionInterval,
  Partitioning,
  Table,
} from "../../analyze/relational-schema.js";
import { retentionInterval, retentionStatements } from "./retention-sql.js";

export function sumToZeroFunction(table: Table): string {
  return sqlName(`${table.name}_sum_to_zero`);
}

/**
 * The invariant "rows sharing `per` sum to zero" (the postings of one entry), checked by a deferred
 * constraint trigger: a transaction inserts every posting of the entry, and the check runs at
 * commit, when the set is complete. One posting alone never balances, so a CHECK cannot do this.
 */
function sumToZeroTrigger(table: Table): string[] {
  const rule = table.entity.sumsToZero;
  if (!rule) return [];
  const summed = table.columns.find((c) => c.origin.kind === "field" && c.origin.field.name === rule.field);
  const per = table.columns.find((c) => c.origin.kind === "field" && c.origin.field.name === rule.per);
  if (!summed || !per) return [];
  const name = sqlName(table.name);
  const fn = sumToZeroFunction(table);
  return [
    `CREATE FUNCTION ${fn}() RETURNS trigger`,
    "LANGUAGE plpgsql",
    "AS $$",
    "BEGIN",
    `  IF (SELECT coalesce(sum(${sqlName(summed.name)}), 0) FROM ${name} WHERE ${sqlName(per.name)} = NEW.${sqlName(per.name)}) <> 0 THEN`,
    `    RAISE EXCEPTION '${table.name} of ${per.name} % do not sum to zero', NEW.${sqlName(per.name)}`,
    "      USING ERRCODE = 'check_violation';",
    "  END IF;",
    "  RETURN NULL;",
    "END;",
    "$$;",
    `CREATE CONSTRAINT TRIGGER ${sqlName(`${table.name}_sums_to_zero`)} AFTER INSERT OR UPDATE ON ${name}`,
    `  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${fn}();`,
  ];
}

/** How many ranges after the current one the first migration creates, and how each is named. */
const RANGE_AHEAD: Readonly<Record<PartitionInterval, { ahead: number; format: string }>> = {
  month: { ahead: 3, format: "YYYY_MM" },
  week: { ahead: 4, format: "IYYY_IW" },
  day: { ahead: 7, format: "YYYY_MM_DD" },
};

/**
 * A table range-partitioned by creation time at the interval the plan states (DESIGN.md names the
 * same one): the current range and a few ahead exist from the start, so rows land in them and not in
 * the default partition, which would otherwise block creating that range's partition later.
 */
function rangePartitionedTable(
  name: string,
  table: string,
  lines: readonly string[],
  partitioning: Extract<Partitioning, { strategy: "range" }>,
): string[] {
  const { interval, column } = partitioning;
  const { ahead, format } = RANGE_AHEAD[interval];
  const step = (i: string) => `start + make_interval(${interval}s => ${i})`;
  return [
    `-- Range-partitioned by ${column}, one partition per ${interval} (${partitioning.reason}). This migration creates`,
    `-- the current ${interval} and the next ${ahead}; from then on pg_partman (or a scheduled job) must create each ${interval}`,
    "-- ahead of time and drop partitions past retention. The default partition is a safety net.",
    `CREATE TABLE ${name} (`,
    lines.join(",\n"),
    `) PARTITION BY RANGE (${sqlName(column)});`,
    `CREATE TABLE ${sqlName(`${table}_default`)} PARTITION OF ${name} DEFAULT;`,
    "DO $$",
    "DECLARE",
    `  start date := date_trunc('${interval}', now())::date;`,
    "BEGIN",
    `  FOR i IN 0..${ahead} LOOP`,
    `    EXECUTE format('CREATE TABLE %I PARTITION OF ${name} FOR VALUES FROM (%L) TO (%L)',`,
    `      '${table}_' || to_char(${step("i")}, '${format}'),`,
    `      ${step("i")}, ${step("i + 1")});`,
    "  END LOOP;",
    "END",
    "$$;",
  ];
}

/** The CREATE TABLE statement with its constraints, indexes, trigger and comments. */
export function renderTable(table: Table): string[] {
  const name = sqlName(table.name);
  const lines: string[] = [];
  for (const column of table.columns) {
    const parts = [`  ${sqlName(column.name)} ${column.sqlType}`];
    if (!column.nullable) parts.push("NOT NULL");
    if (column.default !== undefined) parts.push(`DEFAULT ${column.default}`);
    lines.push(parts.join(" "));
  }
  lines.push(
    `  CONSTRAINT ${sqlName(table.primaryKey.name)} PRIMARY KEY (${table.primaryKey.columns.map(sqlName).join(", ")})`,
  );
  for (const unique of table.uniques) {
    lines.push(`  CONSTRAINT ${sqlName(unique.name)} UNIQUE (${unique.columns.map(sqlName).join(", ")})`);
  }
  for (const fk of table.foreignKeys) lines.push(`  ${renderForeignKey(fk)}`);
  for (const check of table.checks)
    lines.push(`  CONSTRAINT ${sqlName(check.name)} CHECK (${check.expression})`);

  const partitioning = table.partitioning;
  const out =
    partitioning?.strategy === "range"
      ? rangePartitionedTable(name, table.name, lines, partitioning)
      : partitioning?.strategy === "hash"
        ? [
            `-- Hash-partitioned by ${partitioning.column} into ${partitioning.partitions} parts (${partitioning.reason}). The`,
            "-- column is in the primary key and every unique constraint, so they and the foreign keys pointing here hold",
            "-- as declared; these rows are live state, so nothing is archived by age. Vacuum and index builds go part by part.",
            `CREATE TABLE ${name} (`,
            lines.join(",\n"),
            `) PARTITION BY HASH (${sqlName(partitioning.column)});`,
            ...Array.from(
              { length: partitioning.partitions },
              (_, i) =>
                `CREATE TABLE ${sqlName(`${table.name}_p${i}`)} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${partitioning.partitions}, REMAINDER ${i});`,
            ),
          ]
        : table.unlogged
          ? [
              "-- Ephemeral latest-value state: UNLOGGED writes no WAL, is emptied after a crash and is not replicated,",
              "-- so the service rebuilds it from the next writes and reads it on the primary.",
              `CREATE UNLOGGED TABLE ${name} (`,
              lines.join(",\n"),
              ");",
            ]
          : [`CREATE TABLE ${name} (`, lines.join(",\n"), ");"];
  for (const index of table.indexes) out.push(`-- ${index.reason}`, renderIndex(table.name, index));
  if (table.projectionOf) {
    const p = table.projectionOf;
    out.push(
      `COMMENT ON TABLE ${name} IS ${literal(`Read-only copy of ${p.service}.${p.table} for ${p.useCases.join(", ")}; written only by the ${p.service} event consumer (upsert when updated_at is newer, delete on deleted events)`)};`,
    );
  } else if (table.entity.appendOnly) {
    // A row trigger refuses UPDATE and DELETE for every role, the owner included, which a REVOKE
    // would not; dropping a partition past retention is DDL and stays possible.
    out.push(
      `CREATE TRIGGER ${sqlName(`${table.name}_append_only`)} BEFORE UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION refuse_change(${table.entity.retentionDays === undefined ? "" : literal(retentionInterval(table.entity.retentionDays))});`,
    );
  } else {
    out.push(
      `CREATE TRIGGER ${sqlName(`${table.name}_set_updated_at`)} BEFORE UPDATE ON ${name} FOR EACH ROW EXECUTE FUNCTION set_updated_at();`,
    );
  }
  if (table.entity.sumsToZero && !table.projectionOf) out.push(...sumToZeroTrigger(table));
  out.push(...retentionStatements(table));
  if (table.tenantColumn) {
    const tenant = sqlName(table.tenantColumn);
    out.push(
      `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`,
      `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`,
      `CREATE POLICY ${sqlName(`${table.name}_tenant_isolation`)} ON ${name}`,
      // NULLIF: a pooled connection that once ran SET LOCAL reports '' rather than NULL, and ''::uuid fails.
      `  USING (${tenant} = NULLIF(current_setting('app.tenant_id', true), '')::uuid)`,
      `  WITH CHECK (${tenant} = NULLIF(current_setting('app.tenant_id', true), '')::uuid);`,
    );
  }
  for (const column of table.columns) {
    if (column.comment)
      out.push(`COMMENT ON COLUMN ${name}.${sqlName(column.name)} IS ${literal(column.comment)};`);
  }
  return out;
}

export function renderForeignKey(fk: ForeignKey): string {
  return `CONSTRAINT ${sqlName(fk.name)} FOREIGN KEY (${fk.columns.map(sqlName).join(", ")}) REFERENCES ${sqlName(fk.refTable)} (${fk.refColumns
    .map(sqlName)
    .join(
      ", ",
    )}) ON DELETE ${fk.onDelete}${fk.setNullColumns ? ` (${fk.setNullColumns.map(sqlName).join(", ")})` : ""}`;
}

function renderIndex(table: string, index: Index): string {
  const columns = index.columns
    .map((c) => `${c.expression ?? sqlName(c.column)}${c.direction === "desc" ? " DESC" : ""}`)
    .join(", ");
  // A fresh table has no rows to lock, so CONCURRENTLY (which cannot run inside a transaction) buys nothing here.
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${sqlName(index.name)} ON ${sqlName(table)} (${columns});`;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
