import { formatRate, formatRows } from "../analyze/capacity/figure-format.js";
import {
  type CapacityOverrides,
  estimateCapacity,
  renderCapacityMarkdown,
} from "../analyze/capacity/index.js";
import {
  type AppliedCut,
  applyServiceCut,
  type CutChoice,
  chooseAppliedCut,
  proposeServiceCut,
  type ServiceCut,
} from "../analyze/decompose/index.js";
import { deriveResources } from "../analyze/derive-resources.js";
import { deriveSchemas, partitionDecisions } from "../analyze/derive-tables.js";
import { analyzeIntegration } from "../analyze/integration.js";
import { tableName } from "../analyze/naming.js";
import {
  chooseStack,
  deploymentPlan,
  observabilityPlan,
  securityConsiderations,
} from "../analyze/stack/index.js";
import { type DesignDocInput, emitDesignMarkdown } from "../emit/doc/emit-design-md.js";
import { emitHandoff } from "../emit/handoff/emit-handoff.js";
import {
  emitArchitectureDiagram,
  emitErDiagram,
  emitSequenceDiagram,
  renderSvg,
  sequenceFileName,
} from "../emit/mermaid/index.js";
import { emitOpenApi } from "../emit/openapi/emit-openapi.js";
import { emitInitialMigration, type Migration } from "../emit/sql/emit-migrations.js";
import { Model } from "../model/index.js";
import type { DesignStatements } from "./cross-check-design.js";

export interface DesignOptions {
  /** Render each diagram to SVG as well (default true). */
  readonly svg?: boolean;
  /** Seed for the service-cut clustering. */
  readonly seed?: number;
  /**
   * When the spec places no entity: build the option the cut recommends (default), which may be a
   * modular monolith, or the best cut into services.
   */
  readonly cut?: CutChoice;
}

export interface DesignResult {
  /** The model after any proposed service cut was applied. */
  readonly model: Model;
  readonly cut: ServiceCut | undefined;
  /** The option of the cut this design builds. */
  readonly applied: AppliedCut | undefined;
  /** Relative path -> content, in a stable order. */
  readonly files: ReadonlyMap<string, string>;
  readonly migrations: ReadonlyMap<string, Migration>;
  /** What the artifacts must state alike; `checkDesign` compares them. */
  readonly statements: DesignStatements;
}

/**
 * Model -> the complete design package. Pure: no file system, no clock, no randomness without a
 * seed, so the same spec always yields byte-identical files.
 */
export function designSystem(specModel: Model, options: DesignOptions = {}): DesignResult {
  const needsCut = specModel.entities.some((e) => !e.serviceExplicit);
  const cut = needsCut ? proposeServiceCut(specModel, { seed: options.seed ?? 1 }) : undefined;
  const applied = cut ? chooseAppliedCut(specModel, cut, options.cut) : undefined;
  const model = applied ? applyServiceCut(specModel, applied) : specModel;

  const integration = analyzeIntegration(model);
  const resources = deriveResources(model);
  const overrides = model.capacity?.overrides as CapacityOverrides | undefined;
  const projections = integration.hotReads.map((h) => ({ useCase: h.useCase, owner: h.owner }));
  // Tables that pass the row threshold within retention at today's load are partitioned from the
  // first migration: converting a large table later means copying all of it.
  const firstEstimate = estimateCapacity(model, overrides, { projections });
  const partition = new Map(
    firstEstimate.storage
      .filter((t) => t.current.passesThresholdInMonth !== null)
      .map((t) => [
        t.entity,
        `passes ${formatRows(firstEstimate.assumptions.growth.rowThreshold)} rows in month ${t.current.passesThresholdInMonth} of ${formatRate(model.scale.retentionYears * 12)}`,
      ]),
  );
  const schemaOptions = {
    partition,
    rowsPerDay: new Map(firstEstimate.storage.map((t) => [t.entity, t.current.rowsPerDay])),
    rowThreshold: firstEstimate.assumptions.growth.rowThreshold,
  };
  const schemas = deriveSchemas(model, integration, schemaOptions);
  const partitionSkips = [...partitionDecisions(model, schemaOptions)].flatMap(([name, decision]) => {
    const entity = Model.entitiesByName(model).get(name);
    return decision.skipped && entity
      ? [{ service: entity.service, table: tableName(name), reason: decision.skipped }]
      : [];
  });
  const partitioned = new Map(
    schemas.flatMap((s) =>
      s.tables.flatMap((t) => (t.partitioning ? [[t.entity.name, t.partitioning] as const] : [])),
    ),
  );
  // Reported figures size the tables as emitted (tenant column, partition key in the primary key).
  const capacityReport = estimateCapacity(model, overrides, { projections, partitioned, schemas });
  const capacityMarkdown = renderCapacityMarkdown(capacityReport);
  const topBottleneck = capacityReport.bottlenecks[0];

  const files = new Map<string, string>();
  const openapiPaths = new Map<string, string>();
  const migrationPaths = new Map<string, string[]>();
  const migrations = new Map<string, Migration>();
  for (const schema of schemas) {
    const openapiPath = `openapi/${schema.service}.yaml`;
    files.set(openapiPath, emitOpenApi(model, schema.service, resources));
    openapiPaths.set(schema.service, openapiPath);
    const migration = emitInitialMigration(schema);
    migrations.set(schema.service, migration);
    const base = `db/${schema.service}/migrations/0001_init`;
    files.set(`${base}.up.sql`, migration.up);
    files.set(`${base}.down.sql`, migration.down);
    migrationPaths.set(schema.service, [`${base}.up.sql`, `${base}.down.sql`]);
  }

  const architectureDiagram = emitArchitectureDiagram(model, schemas, integration);
  const erDiagrams = new Map(schemas.map((s) => [s.service, emitErDiagram(s)]));
  const diagrams = new Map<string, string>([["architecture", architectureDiagram]]);
  for (const [service, text] of erDiagrams) diagrams.set(`erd-${service}`, text);
  // Diagrams draw the cache where the capacity plan puts one, so the two never disagree.
  const cachedEntities = new Set(capacityReport.current.tables.filter((t) => t.cached).map((t) => t.entity));
  for (const useCase of model.useCases)
    diagrams.set(
      sequenceFileName(useCase),
      emitSequenceDiagram(model, useCase, integration, { cachedEntities }),
    );
  for (const [name, text] of diagrams) {
    files.set(`diagrams/${name}.mmd`, text);
    if (options.svg !== false) files.set(`diagrams/${name}.svg`, renderSvg(text));
  }

  const docInput: DesignDocInput = {
    model,
    cut,
    applied,
    integration,
    schemas,
    resources,
    architectureDiagram,
    erDiagrams,
    capacity: {
      ...capacityMarkdown,
      headline: topBottleneck
        ? `${topBottleneck.resource}, ${
            topBottleneck.bitesAtMultiple === 0
              ? "already from the start"
              : topBottleneck.bitesInMonth !== null
                ? `in month ${topBottleneck.bitesInMonth} at today's load`
                : topBottleneck.bitesInMonthAtTenfold !== null
                  ? `in month ${topBottleneck.bitesInMonthAtTenfold} at 10x load`
                  : `at ${topBottleneck.bitesAtMultiple}x today's load`
          }. Mitigation: ${topBottleneck.mitigation.replace(/\.?$/, ".")}`
        : "nothing saturates a single node of each tier at 10x under the stated assumptions.",
    },
    stack: chooseStack(model, integration, {
      readReplicas: capacityReport.current.instances.readReplicas,
      readReplicasAtTenfold: capacityReport.tenfold.instances.readReplicas,
      cachedEntities: [...cachedEntities],
    }),
    security: securityConsiderations(model),
    observability: observabilityPlan(model),
    deployment: deploymentPlan(model, model.services, capacityReport.current.services),
    partitionSkips,
  };
  files.set("DESIGN.md", emitDesignMarkdown(docInput));
  files.set(
    "handoff.json",
    emitHandoff({
      ...docInput,
      capacityReport,
      files: { openapi: openapiPaths, migrations: migrationPaths },
    }),
  );
  const ordered = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const statements: DesignStatements = {
    files: ordered,
    schemas,
    capacity: capacityReport,
    unpartitioned: partitionSkips.map((s) => s.table),
  };
  return { model, cut, applied, files: ordered, migrations, statements };
}
