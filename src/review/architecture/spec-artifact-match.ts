import { servicesOf as servicesOwning } from "../../analyze/integration/use-case-services.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import { partitionRoot } from "../../import/sql/partition-family.js";
import type { SqlReviewContext, SqlTable } from "../../import/sql/sql-review-context.js";
import { type Entity, Model } from "../../model/index.js";
import { nameForms, pathResource } from "../cross-artifact/api-table-match.js";
import type { SqlDatabase } from "./architecture-context.js";

/*
 * Which spec entity a table or an API resource stands for: the entity whose name, in snake_case
 * singular or plural, is the table name or the path's last literal segment (`OrderLine` ->
 * `order_lines`, `/v1/order-lines`). Only a single match counts.
 */

export function entityForName(model: Model, name: string): Entity | undefined {
  const forms = nameForms(name);
  const hits = model.entities.filter((e) => [...nameForms(e.name)].some((f) => forms.has(f)));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The entity a table stands for; a partition (`posts_2024_05`) stands for its partitioned table's. */
export function entityForTable(model: Model, sql: SqlReviewContext, table: SqlTable): Entity | undefined {
  return entityForName(model, partitionRoot(sql, table).name);
}

/**
 * The service a database belongs to: the one service its folder path names (`db/ordering/migrations`),
 * else the service whose entities own strictly the most of its tables, if one does.
 */
export function databaseService(model: Model, database: SqlDatabase): string | undefined {
  return (
    namedService(model, database.folder) ??
    majority(database.sql.tables.map((t) => entityForTable(model, database.sql, t)?.service))
  );
}

/**
 * The service an API description belongs to: the one service its path names (`openapi/ordering.yaml`),
 * else the service whose entities own strictly the most of its resources, if one does.
 */
export function documentService(model: Model, document: OpenApiReviewContext): string | undefined {
  const paths = [...new Set(document.operations.map((o) => o.path))];
  return (
    namedService(model, document.file.path) ?? majority(paths.map((p) => operationEntity(model, p)?.service))
  );
}

function namedService(model: Model, path: string): string | undefined {
  const segments = new Set(
    path.split(/[\\/]/).map((s) => s.replace(/\.(ya?ml|json|sql)$/i, "").toLowerCase()),
  );
  const named = model.services.filter((s) => segments.has(s.toLowerCase()));
  return named.length === 1 ? named[0] : undefined;
}

/** The entity an operation path acts on (`/v1/orders/{orderId}` -> Order). */
export function operationEntity(model: Model, path: string): Entity | undefined {
  const resource = pathResource(path);
  return resource === undefined ? undefined : entityForName(model, resource.segment);
}

function majority(services: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const service of services)
    if (service !== undefined) counts.set(service, (counts.get(service) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first !== undefined && (second === undefined || first[1] > second[1]) ? first[0] : undefined;
}

/** The services a use case touches, first the one that answers it (as archwright's integration analysis picks it). */
export function servicesOf(model: Model, names: readonly string[]): string[] {
  return servicesOwning(names, Model.entitiesByName(model));
}
