import type { Model } from "../../model/index.js";
import { deepFreeze } from "../../model/model.js";
import type { Partitioning, ServiceSchema } from "../relational-schema.js";
import { connectionsSaturateAt, rankBottlenecks, type SizedTable, totalBytes } from "./bottlenecks.js";
import { chooseCachedTables } from "./cache-plan.js";
import {
  type CapacityAssumptions,
  type CapacityOverrides,
  resolveAssumptions,
} from "./capacity-assumptions.js";
import type {
  CapacityReport,
  SingleNodeLimits,
  TableStorageReport,
  TableVolumeReport,
} from "./capacity-report.js";
import { formatCount, formatRate } from "./figure-format.js";
import { hotRowBottlenecks } from "./hot-rows.js";
import { reportScenario, type ScenarioFigures, scenarioFigures } from "./load-scenario.js";
import { roundMultiple, roundOrNull, roundRate, roundTo, roundWhole } from "./round-figure.js";
import { requestsPerInstance } from "./service-fleet.js";
import { type TableVolume, tableShape, tableVolume } from "./table-storage.js";
import { measureTraffic, type ProjectedUseCase } from "./traffic.js";
import { findUserEntity } from "./user-entity.js";

/** The "10x" of "what breaks first at 10x". */
export const TENFOLD = 10;

/**
 * Capacity figures for a model at its stated peak load and at ten times that load: requests per
 * service and use case, database operations per table after caching, rows and bytes per table over
 * the retention period, pool sizes, instance counts, and the ranked list of what saturates first.
 * Every formula is written out in docs/capacity.md.
 */
export function estimateCapacity(
  model: Model,
  overrides?: CapacityOverrides,
  options: {
    readonly projections?: readonly ProjectedUseCase[];
    /** Entities whose tables the design already partitions, and how. */
    readonly partitioned?: ReadonlyMap<string, Partitioning>;
    /**
     * The design's schemas: tables are then sized with the columns and indexes they emit (tenant
     * column, partition key in the primary key, unique groups) instead of those the entity implies.
     */
    readonly schemas?: readonly ServiceSchema[];
  } = {},
): CapacityReport {
  const a = resolveAssumptions(overrides, model.scale.location);
  const userEntity = findUserEntity(model, a.growth.userEntityNames);
  const projections = options.projections ?? [];
  const baseTraffic = measureTraffic(model, 1, projections);
  const cached = chooseCachedTables(baseTraffic, a.cache);
  const current = scenarioFigures(model, baseTraffic, cached, a);
  const tenfold = scenarioFigures(model, measureTraffic(model, TENFOLD, projections), cached, a);

  const years = model.scale.retentionYears;
  const emitted = new Map(
    (options.schemas ?? []).flatMap((schema) =>
      schema.tables.filter((t) => t.projectionOf === undefined).map((t) => [t.entity.name, t] as const),
    ),
  );
  const tables: SizedTable[] = model.entities.map((entity) => {
    const shape = tableShape(entity, model, userEntity, a, emitted.get(entity.name));
    return {
      shape,
      current: tableVolume(shape, 1, years, a),
      tenfold: tableVolume(shape, TENFOLD, years, a),
    };
  });

  return deepFreeze({
    system: model.system.name,
    retentionYears: years,
    tenfoldMultiple: TENFOLD,
    userEntity: userEntity?.name ?? null,
    assumptions: copyAssumptions(a),
    limits: singleNodeLimits(current, a),
    current: reportScenario(current, a),
    tenfold: reportScenario(tenfold, a),
    storage: tables.map((t) => reportStorage(t, a)),
    projectionStorage: baseTraffic.projections.flatMap((p) => {
      const source = tables.find((t) => t.shape.entity.name === p.entity);
      if (!source) return [];
      // With the design's schema, the projection's own columns and indexes; else a full copy.
      const emitted = (options.schemas ?? [])
        .find((schema) => schema.service === p.service)
        ?.tables.find((t) => t.projectionOf !== undefined && t.entity.name === p.entity);
      const shape = emitted ? tableShape(source.shape.entity, model, userEntity, a, emitted) : source.shape;
      return [
        {
          table: emitted?.name ?? `${source.shape.table}_projection`,
          service: p.service,
          copyOf: p.entity,
          rowBytes: shape.rowBytes,
          current: reportVolume(tableVolume(shape, 1, years, a), a),
          tenfold: reportVolume(tableVolume(shape, TENFOLD, years, a), a),
        },
      ];
    }),
    bottlenecks: rankBottlenecks(
      current,
      tenfold,
      tables,
      years,
      a,
      options.partitioned,
      hotRowBottlenecks(model, current, a),
    ),
    notes: notes(model, current, tables, userEntity?.name),
  });
}

function singleNodeLimits(current: ScenarioFigures, a: CapacityAssumptions): SingleNodeLimits {
  const peak = current.traffic.peakRequestsPerSecond;
  const multiple = (value: number) => (Number.isFinite(value) && value > 0 ? roundMultiple(value) : null);
  const atPeak = (value: number) => (Number.isFinite(value) && value > 0 ? roundWhole(value * peak) : null);
  return {
    serviceInstanceRequestsPerSecond: roundRate(requestsPerInstance(a.service)),
    postgresPrimaries: current.databases.map((db) => {
      const rps = current.services.find((s) => s.service === db.service)?.requestsPerSecond ?? 0;
      return {
        service: db.service,
        saturatesAtMultiple: multiple(1 / db.utilisation),
        saturatesAtPeakRequestsPerSecond: atPeak(1 / db.utilisation),
        writesSaturateAtMultiple: multiple(a.postgres.writesPerSecond / db.writesPerSecond),
        connectionsSaturateAtMultiple: multiple(connectionsSaturateAt(db, rps, a)),
      };
    }),
    redisNode:
      current.cacheOpsPerSecond > 0
        ? {
            saturatesAtMultiple: roundMultiple(a.cache.opsPerSecond / current.cacheOpsPerSecond),
            saturatesAtPeakRequestsPerSecond: roundWhole(
              (a.cache.opsPerSecond / current.cacheOpsPerSecond) * peak,
            ),
          }
        : null,
  };
}

function reportStorage(table: SizedTable, a: CapacityAssumptions): TableStorageReport {
  const { shape } = table;
  return {
    entity: shape.entity.name,
    table: shape.table,
    service: shape.entity.service,
    rowSource: shape.growth.source,
    rowBytes: shape.rowBytes,
    rowsPerPage: shape.rowsPerPage,
    indexes: shape.indexes.map((index, i) => ({
      columns: [...index.columns],
      unique: index.unique,
      reasons: [...index.reasons],
      entryBytes: index.entryBytes,
      entriesPerPage: index.entriesPerPage,
      currentBytes: roundOrNull(table.current.indexBytes[i], roundWhole),
      tenfoldBytes: roundOrNull(table.tenfold.indexBytes[i], roundWhole),
    })),
    current: reportVolume(table.current, a),
    tenfold: reportVolume(table.tenfold, a),
  };
}

function reportVolume(volume: TableVolume, a: CapacityAssumptions): TableVolumeReport {
  const total = totalBytes(volume);
  const indexBytes =
    total === undefined || volume.heapBytes === undefined ? undefined : total - volume.heapBytes;
  return {
    rowsPerDay: roundRate(volume.rowsPerDay),
    rowsAtRetention: roundOrNull(volume.rowsAtRetention, roundWhole),
    heapBytes: roundOrNull(volume.heapBytes, roundWhole),
    indexBytes: roundOrNull(indexBytes, roundWhole),
    totalBytes: roundOrNull(total, roundWhole),
    storageMonthlyUsd: roundOrNull(
      total === undefined ? undefined : (total / 2 ** 30) * a.postgres.storageGbMonthlyUsd,
      (v) => roundTo(v, 2),
    ),
    passesThresholdInMonth: volume.passesThresholdInMonth ?? null,
  };
}

function notes(
  model: Model,
  current: ScenarioFigures,
  tables: readonly SizedTable[],
  userEntity: string | undefined,
): string[] {
  const result: string[] = [];
  const { traffic } = current;
  const stated = model.scale.peakRequestsPerSecond;
  if (traffic.useCaseRequestsPerSecond > stated) {
    result.push(
      `Use cases add up to ${formatRate(traffic.useCaseRequestsPerSecond)} requests/s, more than scale.peakRequestsPerSecond ` +
        `(${formatRate(stated)}); their sum is used as the peak.`,
    );
  } else if (traffic.uncoveredReadsPerSecond + traffic.uncoveredWritesPerSecond > 0) {
    result.push(
      `${formatRate(traffic.uncoveredReadsPerSecond + traffic.uncoveredWritesPerSecond)} requests/s of the peak are not ` +
        `covered by use cases; they are split ${model.scale.readWriteRatio}:1 into reads and writes and spread evenly over all tables.`,
    );
  }
  if (userEntity !== undefined && tables.some((t) => t.shape.growth.source === "users")) {
    result.push(
      `${userEntity} has no growth; it is sized from scale.users (${formatCount(model.scale.users)} rows).`,
    );
  }
  for (const table of tables) {
    if (table.shape.growth.source === "unknown") {
      result.push(
        `${table.shape.entity.name} has no growth; add \`growth:\` to size the ${table.shape.table} table.`,
      );
    }
  }
  return result;
}

/** A plain copy so the report never shares (frozen) arrays with the defaults. */
function copyAssumptions(a: CapacityAssumptions): CapacityAssumptions {
  return {
    postgres: { ...a.postgres },
    cache: { ...a.cache },
    service: { ...a.service },
    storage: { ...a.storage },
    growth: { ...a.growth, userEntityNames: [...a.growth.userEntityNames] },
  };
}
