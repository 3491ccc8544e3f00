import { planAuthOperations } from "../../analyze/access/auth-operations.js";
import { personEntityOf } from "../../analyze/access/roles.js";
import type { Integration } from "../../analyze/integration.js";
import type { ServiceSchema } from "../../analyze/relational-schema.js";
import { clientRateLimit } from "../../analyze/stack/rate-limit.js";
import { type DesignDocInput, HANDOFF_FORMAT } from "../design-doc-input.js";

/** Version of the handoff.json layout; bumped on any breaking change (documented in docs/handoff.md, which test/emit/handoff-doc.test.ts keeps complete). */
export const HANDOFF_FORMAT_VERSION = 1;

export interface HandoffInput extends DesignDocInput {
  /** Capacity figures as plain data. */
  readonly capacityReport: unknown;
  readonly files: {
    readonly openapi: ReadonlyMap<string, string>;
    readonly migrations: ReadonlyMap<string, string[]>;
  };
}

/**
 * A machine-readable summary for orchestrators and coding agents: what to build, where its contracts
 * are, and what to do next. Keys are written in a fixed order so the file is byte-stable.
 */
export function emitHandoff(input: HandoffInput): string {
  const { model, schemas, resources, integration } = input;
  const handoff = {
    format: HANDOFF_FORMAT,
    version: HANDOFF_FORMAT_VERSION,
    system: {
      name: model.system.name,
      description: model.system.description,
      scale: {
        users: model.scale.users,
        dailyActiveUsers: model.scale.dailyActiveUsers,
        peakRequestsPerSecond: model.scale.peakRequestsPerSecond,
        readWriteRatio: model.scale.readWriteRatio,
        retentionYears: model.scale.retentionYears,
        availability: model.scale.availability,
        latencyP99Ms: model.scale.latencyP99Ms,
      },
      multiTenant: model.tenancy ? { tenantEntity: model.tenancy.entity } : null,
    },
    services: schemas.map((schema) => ({
      name: schema.service,
      entities: resources.filter((r) => r.service === schema.service).map((r) => r.entity.name),
      database: { engine: "postgresql", tables: schema.tables.map((t) => t.name) },
      openapi: input.files.openapi.get(schema.service) ?? null,
      migrations: input.files.migrations.get(schema.service) ?? [],
      publishes: integration.events.filter((e) => e.producer === schema.service).map((e) => e.name),
      consumes: integration.events.filter((e) => e.consumers.includes(schema.service)).map((e) => e.name),
    })),
    endpoints: [
      ...planAuthOperations(model).map((op) => ({
        service: op.service,
        method: op.method.toUpperCase(),
        path: op.path,
        operationId: op.operationId,
        purpose: op.summary,
        access: "public" as const,
        accessNote: null,
        useCases: [] as string[],
        peakRps: 0,
      })),
      ...resources.flatMap((r) =>
        r.operations.map((op) => ({
          service: r.service,
          method: op.method.toUpperCase(),
          path: op.path,
          operationId: op.operationId,
          purpose: op.summary,
          access: op.public ? "public" : op.roles,
          accessNote: op.accessNote ?? null,
          useCases: op.useCases,
          peakRps: op.peakRps,
        })),
      ),
    ],
    schema: schemas.map((s) => schemaSummary(s)),
    integrationPoints: integrationSummary(integration),
    serviceCut: input.cut
      ? {
          services: input.cut.services,
          built: input.applied
            ? { kind: input.applied.kind, services: input.applied.services, modules: input.applied.modules }
            : { kind: "proposed", services: input.cut.services },
          scores: input.cut.scores,
          recommendation: input.cut.recommendation,
          warnings: (input.applied?.warnings ?? input.cut.warnings).map((w) => ({
            code: w.code,
            message: w.message,
          })),
        }
      : null,
    technology: input.stack.map((c) => ({
      concern: c.concern,
      choice: c.choice,
      rationale: c.rationale,
      alternativesConsidered: c.alternatives.map((a) => ({ name: a.name, whyNot: a.whyNot })),
      tradeOff: c.tradeOff,
    })),
    monthlyCost: input.monthlyCost ?? null,
    performance: input.capacityReport,
    security: {
      rateLimit: { requestsPerSecondPerClient: clientRateLimit(model) },
      requirements: input.security.requirements,
      threats: input.security.threats,
      assumptions: input.security.assumptions,
      schemes: model.security.auth,
      roles: model.security.roleDetails.map((r) => ({
        name: r.name,
        person: r.person === null || r.system ? null : (personEntityOf(model, r.name)?.name ?? null),
        inherits: r.inherits,
        readOnly: r.readOnly,
        machine: r.system,
      })),
      accessMatrix: input.access,
      piiFields: model.entities.flatMap((e) =>
        e.fields.filter((f) => f.pii).map((f) => `${e.name}.${f.name}`),
      ),
      secretFields: model.entities.flatMap((e) =>
        e.fields.filter((f) => f.secret).map((f) => `${e.name}.${f.name}`),
      ),
    },
    assumptions: [
      "Each service owns one PostgreSQL database; services never read each other's tables.",
      "Clients call services only through the API gateway, which validates access tokens and rate-limits per client.",
      "Domain events are delivered at least once; consumers deduplicate through processed_events.",
      "The uuid_v7() SQL default exists for ad-hoc inserts; services should generate UUIDv7 keys themselves.",
    ],
    nextSteps: nextSteps(input),
  };
  return `${JSON.stringify(handoff, null, 2)}\n`;
}

function schemaSummary(schema: ServiceSchema) {
  return {
    service: schema.service,
    enums: schema.enums.map((e) => ({ name: e.name, values: e.values })),
    tables: schema.tables.map((t) => ({
      name: t.name,
      entity: t.entity.name,
      primaryKey: t.primaryKey.columns,
      columns: t.columns.map((c) => ({
        name: c.name,
        type: c.sqlType,
        nullable: c.nullable,
        default: c.default ?? null,
      })),
      foreignKeys: t.foreignKeys.map((fk) => ({
        columns: fk.columns,
        references: `${fk.refTable}(${fk.refColumns.join(", ")})`,
        onDelete: fk.onDelete,
      })),
      crossServiceReferences: t.crossServiceRefs.map((r) => ({
        column: r.column,
        references: `${r.targetService}.${r.targetTable}(id)`,
      })),
      unique: t.uniques.map((u) => u.columns),
      indexes: t.indexes.map((i) => ({
        name: i.name,
        columns: i.columns.map((c) => `${c.expression ?? c.column}${c.direction === "desc" ? " DESC" : ""}`),
        unique: i.unique,
        reason: i.reason,
      })),
      rowLevelSecurity: t.tenantColumn ? { tenantColumn: t.tenantColumn, setting: "app.tenant_id" } : null,
      partitioning: t.partitioning ?? null,
      retentionDays: t.projectionOf ? null : (t.entity.retentionDays ?? null),
      unlogged: t.unlogged ?? false,
      serviceEnforcedReferences: t.unenforcedRefs.map((r) => ({
        column: r.column,
        references: `${r.refTable}(id)`,
        onDelete: r.onDelete,
      })),
    })),
    outbox: schema.messaging.outbox,
    inbox: schema.messaging.inbox,
  };
}

function integrationSummary(integration: Integration) {
  return {
    crossServiceRelations: integration.relations,
    events: integration.events.map((e) => ({
      name: e.name,
      producer: e.producer,
      consumers: e.consumers,
      channel: e.name,
      message: { contentType: "application/json", payload: e.payload },
      purpose: e.purpose,
    })),
    projections: integration.hotReads,
    sagas: integration.sagas,
  };
}

function nextSteps({ model, resources, schemas, integration }: HandoffInput) {
  const owned = resources.filter((r) => r.operations.some((o) => o.accessNote));
  return {
    implementer: [
      "Generate server stubs and clients from openapi/*.yaml; reject unknown body properties.",
      "Apply db/<service>/migrations in order; never edit an applied migration, add a new one.",
      ...(owned.length
        ? [
            `Enforce ownership checks on ${owned.map((r) => r.entity.name).join(", ")} writes (see accessNote per endpoint).`,
          ]
        : []),
      ...(integration.events.length
        ? ["Write events to the outbox in the same transaction as the change; run one relay per service."]
        : []),
      "Implement Idempotency-Key storage (24 h) for every create, and keyset pagination cursors that encode the sort key and id.",
    ],
    securityReviewer: [
      "Verify object-level authorization on every item endpoint (OWASP API1:2023).",
      "Check that secret fields never appear in responses or logs.",
      ...(model.entities.some((e) => e.fields.some((f) => f.pii))
        ? ["Review PII handling: masking in logs, export and erasure paths."]
        : []),
      ...(model.tenancy
        ? [
            "Test tenant isolation: row-level security must hide other tenants' rows when app.tenant_id is set.",
          ]
        : []),
    ],
    databaseAdmin: [
      `Provision ${schemas.length} PostgreSQL database(s) with PITR backups and a connection pooler (PgBouncer, transaction mode).`,
      "Check index usage after launch (pg_stat_user_indexes) and drop unused ones.",
      "Plan partitioning or archival for any table the capacity section flags before it reaches 100M rows.",
    ],
  };
}
