import { accessMatrix } from "../analyze/access/access-matrix.js";
import { checkAccess } from "../analyze/access/check-access.js";
import { formatRate, formatRows } from "../analyze/capacity/figure-format.js";
import { type CapacityOverrides, estimateCapacity } from "../analyze/capacity/index.js";
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
import { markUnloggedTables } from "../analyze/ephemeral-tables.js";
import { analyzeIntegration } from "../analyze/integration.js";
import { tableName } from "../analyze/naming.js";
import {
  chooseDeploymentPlatform,
  chooseStack,
  deploymentPlan,
  observabilityPlan,
  securityConsiderations,
  stackSignals,
} from "../analyze/stack/index.js";
import { monthlyCost } from "../analyze/stack/monthly-cost.js";
import { planProportion } from "../analyze/stack/proportion.js";
import { clientRateLimit } from "../analyze/stack/rate-limit.js";
import { type Diagnostic, InputError } from "../diagnostics/diagnostic.js";
import { type DesignDocInput, emitDesignMarkdown } from "../emit/doc/emit-design-md.js";
import { renderCapacityMarkdown } from "../emit/doc/render-capacity-markdown.js";
import { emitHandoff } from "../emit/handoff/emit-handoff.js";
import {
  emitArchitectureDiagram,
  emitErDiagram,
  emitSequenceDiagram,
  renderSvg,
  sequenceFileName,
  servingOperation,
} from "../emit/mermaid/index.js";
import { emitOpenApi } from "../emit/openapi/emit-openapi.js";
import { emitInitialMigration, type Migration } from "../emit/sql/emit-migrations.js";
import { Model } from "../model/index.js";
import { byteSize, NO_TRACE, type StageTrace } from "../trace/stage-trace.js";
import { bottleneckTiming } from "./bottleneck-timing.js";
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
  /** Records the decompose, derive, capacity and emit stages as spans (default: records nothing). */
  readonly trace?: StageTrace;
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
  /** Design-time access warnings (the errors stop the design instead). */
  readonly warnings: readonly Diagnostic[];
  /** What the artifacts must state alike; `checkDesign` compares them. */
  readonly statements: DesignStatements;
}

/**
 * Model -> the complete design package. Pure: no file system, no clock, no randomness without a
 * seed, so the same spec always yields byte-identical files.
 */
export function designSystem(specModel: Model, options: DesignOptions = {}): DesignResult {
  const trace = options.trace ?? NO_TRACE;
  const decomposing = trace.begin("decompose", { "archwright.input.entities": specModel.entities.length });
  const needsCut = specModel.entities.some((e) => !e.serviceExplicit);
  const cut = needsCut ? proposeServiceCut(specModel, { seed: options.seed ?? 1 }) : undefined;
  const applied = cut ? chooseAppliedCut(specModel, cut, options.cut) : undefined;
  const model = applied ? applyServiceCut(specModel, applied) : specModel;
  decomposing.end({
    "archwright.output.services": model.services.length,
    "archwright.output.proposed": needsCut,
  });
  // A design some use case's actor cannot use, or that lets a read-only role write, is wrong
  // however valid its files are: stop with the located reasons.
  const access = checkAccess(model);
  if (access.errors.length > 0) throw new InputError(access.errors);

  // The first capacity estimate belongs to derive: it decides which tables are partitioned.
  const deriving = trace.begin("derive", {
    "archwright.input.entities": model.entities.length,
    "archwright.input.use_cases": model.useCases.length,
  });
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
  // A small system gets a small stack: instance sizes from this first estimate, idempotency keys in
  // its own database when a second store would take almost nothing off it.
  const proportion = planProportion(model, firstEstimate, overrides);
  const schemas = deriveSchemas(model, integration, schemaOptions)
    .map(markUnloggedTables)
    .map((s) =>
      proportion.keyValueStore === "postgres"
        ? { ...s, messaging: { ...s.messaging, idempotencyKeys: true } }
        : s,
    );
  const partitionSkips = [...partitionDecisions(model, schemaOptions)].flatMap(([name, decision]) => {
    const entity = Model.entitiesByName(model).get(name);
    return decision.skipped && entity
      ? [{ service: entity.service, table: tableName(name), reason: decision.skipped }]
      : [];
  });
  const tableCount = schemas.reduce((n, s) => n + s.tables.length, 0);
  deriving.end({
    "archwright.output.tables": tableCount,
    "archwright.output.operations": resources.reduce((n, r) => n + r.operations.length, 0),
    "archwright.output.events": integration.events.length,
  });
  const sizing = trace.begin("capacity", { "archwright.input.tables": tableCount });
  const partitioned = new Map(
    schemas.flatMap((s) =>
      s.tables.flatMap((t) => (t.partitioning ? [[t.entity.name, t.partitioning] as const] : [])),
    ),
  );
  // Reported figures size the tables as emitted (tenant column, partition key in the primary key).
  const capacityReport = estimateCapacity(model, proportion.overrides, { projections, partitioned, schemas });
  const capacityMarkdown = renderCapacityMarkdown(capacityReport);
  const topBottleneck = capacityReport.bottlenecks[0];
  sizing.end({ "archwright.output.bottlenecks": capacityReport.bottlenecks.length });
  const emitting = trace.begin("emit", { "archwright.input.services": schemas.length });

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
  for (const useCase of model.useCases) {
    const operation = servingOperation(resources, useCase);
    diagrams.set(
      sequenceFileName(useCase),
      emitSequenceDiagram(model, useCase, integration, {
        cachedEntities,
        ...(operation ? { operation } : {}),
      }),
    );
  }
  for (const [name, text] of diagrams) {
    files.set(`diagrams/${name}.mmd`, text);
    if (options.svg !== false) files.set(`diagrams/${name}.svg`, renderSvg(text));
  }

  const deployment = deploymentPlan(
    model,
    model.services,
    capacityReport.current.services,
    capacityReport.tenfold.services,
  );
  const docInput: DesignDocInput = {
    model,
    cut,
    applied,
    integration,
    schemas,
    resources,
    access: accessMatrix(model, resources),
    architectureDiagram,
    erDiagrams,
    capacity: {
      ...capacityMarkdown,
      headline: topBottleneck
        ? `${topBottleneck.resource}, ${bottleneckTiming(topBottleneck)}. Mitigation: ${topBottleneck.mitigation.replace(/\.?$/, ".")}`
        : "nothing saturates a single node of each tier at 10x under the stated assumptions.",
    },
    stack: chooseStack(
      model,
      integration,
      {
        readReplicas: capacityReport.current.instances.readReplicas,
        readReplicasAtTenfold: capacityReport.tenfold.instances.readReplicas,
        cachedEntities: [...cachedEntities],
      },
      proportion,
      capacityReport,
    ),
    monthlyCost: monthlyCost(
      model,
      capacityReport,
      proportion,
      stackSignals(model, integration, {
        reads: proportion.readRequestsPerSecond,
        writes: proportion.writeRequestsPerSecond,
      }),
      chooseDeploymentPlatform(model, model.services),
      deployment,
    ),
    security: securityConsiderations(
      model,
      integration,
      proportion.keyValueStore === "redis" ? "redis" : "in-process",
    ),
    observability: observabilityPlan(model, integration, {
      redis: proportion.keyValueStore === "redis" || cachedEntities.size > 0,
    }),
    deployment,
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
  emitting.end({
    "archwright.output.files": ordered.size,
    "archwright.output.bytes": byteSize(ordered.values()),
  });
  const statements: DesignStatements = {
    files: ordered,
    schemas,
    capacity: capacityReport,
    unpartitioned: partitionSkips.map((s) => s.table),
    rateLimitPerSecond: clientRateLimit(model),
  };
  return { model, cut, applied, files: ordered, migrations, warnings: access.warnings, statements };
}
