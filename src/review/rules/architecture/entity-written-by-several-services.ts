import type { Entity } from "../../../model/index.js";
import type { SourceLocation } from "../../../model/source-location.js";
import type { ArchitectureContext } from "../../architecture/architecture-context.js";
import {
  databaseService,
  documentService,
  entityForTable,
  operationEntity,
} from "../../architecture/spec-artifact-match.js";
import type { Rule } from "../../rule.js";

const WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);

export const entityWrittenBySeveralServices: Rule<ArchitectureContext> = {
  meta: {
    id: "entity-written-by-several-services",
    area: "architecture",
    defaultSeverity: "error",
    description:
      "Another service's artifacts write an entity the spec gives to one service: a write operation in its API, or a table for it in its database.",
    rationale:
      "Data with two writers has no owner: invariants live in two codebases, schema changes need both teams, and concurrent writes race. When several API descriptions are reviewed, each is taken to be the API of the service its file path names (`openapi/ordering.yaml`), else of the service owning most of its resources; when SQL files sit in several folders, each folder is the database of the service its path names (`db/ordering/`), else of the service owning most of its tables. A single description or folder may be a gateway or a shared database and is not judged.",
    howToFix:
      "Route writes through the owning service's API (or its events), and keep the entity's table in the owner's database only; or move the entity to the writing service in the spec.",
  },
  check(context, report) {
    const { model } = context;
    for (const document of context.documents.length > 1 ? context.documents : []) {
      const service = documentService(model, document);
      if (service === undefined) continue;
      for (const operation of document.operations) {
        if (!WRITE_METHODS.has(operation.method)) continue;
        const entity = operationEntity(model, operation.path);
        if (entity === undefined || entity.service === service) continue;
        report({
          message: `${operation.method.toUpperCase()} ${operation.path} in the ${service} API writes ${entity.name}, which the spec gives to service ${entity.service}.`,
          location: document.locate(operation.node),
          fix: fixFor(entity),
          related: [ownerNote(entity)],
        });
      }
    }
    for (const database of context.databases.length > 1 ? context.databases : []) {
      const service = databaseService(model, database);
      if (service === undefined) continue;
      for (const table of database.sql.tables) {
        const entity = entityForTable(model, database.sql, table);
        if (entity === undefined || entity.service === service) continue;
        report({
          message: `Table ${table.displayName} for ${entity.name} is in the ${service} database (${database.folder}), but the spec gives ${entity.name} to service ${entity.service}.`,
          location: table.location,
          fix: fixFor(entity),
          related: [ownerNote(entity)],
        });
      }
    }
  },
};

function fixFor(entity: Entity): string {
  return `Let only ${entity.service} write ${entity.name}; others call its API or react to its events.`;
}

function ownerNote(entity: Entity): { message: string; location: SourceLocation } {
  return { message: `${entity.name} is in service ${entity.service}`, location: entity.location };
}
