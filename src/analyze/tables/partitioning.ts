import { Field, Model } from "../../model/index.js";
import { columnName } from "../naming.js";
import { type PartitionDecision, planPartitioning } from "../partition-plan.js";
import { keyColumn } from "./table-names.js";
import { tenantColumnOf } from "./tenant-column.js";

export interface SchemaOptions {
  /**
   * Entities whose tables pass the row threshold within retention, with the reason (the month the
   * capacity estimate says they pass it). The partition planner decides how, or whether, to split
   * each one without weakening its keys.
   */
  readonly partition?: ReadonlyMap<string, string>;
  /** New rows per day at today's load, per entity, for the width of range partitions. */
  readonly rowsPerDay?: ReadonlyMap<string, number>;
  /** The row count a table should stay under (growth.rowThreshold). */
  readonly rowThreshold?: number;
}

/**
 * The partition planner's decision for every table the capacity estimate flags: a plan, or why the
 * table stays whole. DESIGN.md reports the skipped ones, so a big unpartitioned table has a reason.
 */
export function partitionDecisions(model: Model, options: SchemaOptions): Map<string, PartitionDecision> {
  const byName = Model.entitiesByName(model);
  const decisions = new Map<string, PartitionDecision>();
  for (const [name, reason] of options.partition ?? new Map<string, string>()) {
    const entity = byName.get(name);
    if (!entity) continue;
    const tenantColumn = tenantColumnOf(model, entity);
    const lead = (columns: string[]) =>
      tenantColumn && !columns.includes(tenantColumn) ? [tenantColumn, ...columns] : columns;
    const uniques = [
      ...entity.fields.filter((f) => f.unique).map((f) => lead([columnName(f.name, Field.isRef(f))])),
      ...entity.uniqueTogether.map((group) => lead(group.map((n) => keyColumn(entity, n)))),
    ];
    const sorts = model.useCases.flatMap((u) => u.sort[name] ?? []).map((k) => k.field);
    const referenced = model.entities.some(
      (e) => e.service === entity.service && e.fields.some((f) => Field.isRef(f) && f.target === name),
    );
    decisions.set(
      name,
      planPartitioning({
        entity,
        keyColumns: entity.key.length === 0 ? ["id"] : entity.key.map((k) => keyColumn(entity, k)),
        tenantColumn,
        uniques,
        referenced,
        followsCreation: sorts.length === 0 || sorts.every((f) => f === "createdAt"),
        rowsPerDay: options.rowsPerDay?.get(name) ?? 0,
        rowThreshold: options.rowThreshold ?? Number.POSITIVE_INFINITY,
        reason,
      }),
    );
  }
  return decisions;
}
