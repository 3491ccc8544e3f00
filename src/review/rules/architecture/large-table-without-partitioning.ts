import { REFERENCE_DATA_REMEDY } from "../../../analyze/capacity/bottlenecks.js";
import { formatRate, formatRows } from "../../../analyze/capacity/figure-format.js";
import { type CapacityOverrides, estimateCapacity } from "../../../analyze/capacity/index.js";
import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import { entityForTable } from "../../architecture/spec-artifact-match.js";
import type { Rule } from "../../rule.js";

const THRESHOLD = "the row threshold (100M rows unless capacity.growth.rowThreshold says otherwise)";

export const largeTableWithoutPartitioning: Rule<ArchitectureContext> = {
  meta: {
    id: "large-table-without-partitioning",
    area: "architecture",
    defaultSeverity: "warning",
    description: `A table that the spec's scale grows past ${THRESHOLD} within retention is not partitioned.`,
    rationale: `Past that many rows, vacuum, index builds and deleting expired rows each take hours on one heap, and turning an existing table into a partitioned one means copying all of it. archwright's capacity estimate (growth per active user or per day, kept for scale.retentionYears) says when the table gets there; the plan is cheap before that month and expensive after it.`,
    howToFix:
      "Declare the table PARTITION BY RANGE on its creation time (monthly or yearly partitions, dropped when past retention), or set a shorter retention or an archive job in the spec.",
  },
  check(context, report) {
    if (context.databases.length === 0) return;
    const { model } = context;
    const capacity = estimateCapacity(model, model.capacity?.overrides as CapacityOverrides | undefined);
    const growing = new Map(
      capacity.storage.filter((s) => s.current.passesThresholdInMonth !== null).map((s) => [s.entity, s]),
    );
    for (const { sql } of context.databases) {
      for (const table of sql.tables) {
        if (table.partitionBy !== undefined || table.partitionOf !== undefined) continue;
        const entity = entityForTable(model, sql, table);
        const storage = entity === undefined ? undefined : growing.get(entity.name);
        if (entity === undefined || storage === undefined) continue;
        const month = storage.current.passesThresholdInMonth;
        const rows = storage.current.rowsAtRetention;
        report({
          message: `Table ${table.displayName} (${entity.name}) passes ${formatRows(capacity.assumptions.growth.rowThreshold)} rows in month ${month} of ${formatRate(model.scale.retentionYears * 12)}${rows === null ? "" : ` (${rows.toLocaleString("en-US")} rows at retention)`} and is not partitioned.`,
          location: table.location,
          fix:
            storage.rowSource === "fixed"
              ? `${table.displayName} is reference data that starts above the threshold: ${REFERENCE_DATA_REMEDY}.`
              : `Create ${table.displayName} PARTITION BY RANGE (created_at) with monthly partitions dropped after ${formatRate(model.scale.retentionYears)} years.`,
          related: [{ message: `${entity.name} growth in the spec`, location: entity.location }],
        });
      }
    }
  },
};
