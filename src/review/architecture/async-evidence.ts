import { primaryService, readsFromProjection } from "../../analyze/integration.js";
import { tableName } from "../../analyze/naming.js";
import { type Entity, Model, type UseCase } from "../../model/index.js";
import type { ArchitectureContext, SqlDatabase } from "./architecture-context.js";
import { databaseService } from "./spec-artifact-match.js";

/*
 * Whether a use case's work in other services happens off the request path. The reviewed SQL of
 * the answering service is the evidence when there is some; without it, the spec decides the way
 * the design would: a multi-service write gets a saga, and a read across
 * services gets a local projection when `readsFromProjection` says the design plans one.
 */

/** The reviewed databases of the service that answers `useCase`. */
export function answeringDatabases(context: ArchitectureContext, useCase: UseCase): SqlDatabase[] {
  const { model } = context;
  const answering = primaryService(useCase, Model.entitiesByName(model));
  return context.databases.filter((d) => databaseService(model, d) === answering);
}

/**
 * True when the writes of `useCase` in other services run as a saga after the response: the
 * answering service's database has an `outbox` table, or, with no SQL for it, always, because the
 * design plans a saga for every use case that writes in several services.
 */
export function writesRunAsSaga(context: ArchitectureContext, useCase: UseCase): boolean {
  const databases = answeringDatabases(context, useCase);
  return databases.length > 0 ? databases.some((d) => d.sql.tables.some((t) => t.name === "outbox")) : true;
}

/**
 * True when the answering service reads `entity` from a local projection: its database has a
 * `<table>_projection` table, or, with no SQL for it, the design plans one.
 */
export function readFromProjection(context: ArchitectureContext, useCase: UseCase, entity: Entity): boolean {
  const databases = answeringDatabases(context, useCase);
  const projection = `${tableName(entity.name)}_projection`;
  return databases.length > 0
    ? databases.some((d) => d.sql.tables.some((t) => t.name === projection))
    : readsFromProjection(useCase, Model.entitiesByName(context.model), context.model.scale.latencyP99Ms);
}
