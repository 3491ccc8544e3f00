import pluralize from "pluralize";
import { snakeCase } from "../../../analyze/naming.js";
import { matchOperations } from "../../cross-artifact/api-table-match.js";
import { isSequential } from "../../cross-artifact/column-type-class.js";
import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import type { Rule } from "../../rule.js";

export const pathIdSequentialColumn: Rule<CrossArtifactContext> = {
  meta: {
    id: "path-id-sequential-column",
    area: "cross-artifact",
    defaultSeverity: "warning",
    description: "A path id is the table's sequence-generated primary key (serial or identity).",
    rationale:
      "Consecutive ids let anyone count the rows (how many orders a shop took this week) and walk every resource by incrementing a number, which turns one missing authorization check into a full data leak (OWASP API1:2023 Broken Object Level Authorization). The OpenAPI description alone may call the id a string; only the table shows it is a counter.",
    howToFix:
      "Expose a random identifier (a uuid column, v7 for index locality) in URLs and keep the sequence internal, or switch the key to uuid.",
  },
  check(context, report) {
    for (const { document, operation, table, shape } of matchOperations(
      context.documents,
      context.sql,
      context.tableAliases,
    )) {
      if (shape !== "item") continue;
      const keyColumns = table.primaryKey?.columns ?? [];
      if (keyColumns.length !== 1) continue;
      const key = table.columns.find((c) => c.name === keyColumns[0]);
      if (key === undefined || !isSequential(key)) continue;
      const placeholder = /\{([^}]+)\}$/.exec(operation.path)?.[1];
      const parameter = operation.parameters.find(
        (p) => p.string("in") === "path" && p.string("name") === placeholder,
      );
      if (placeholder === undefined || parameter === undefined) continue;
      const name = snakeCase(placeholder.replace(/-/g, "_"));
      const singular = pluralize.singular(table.name);
      if (![key.name, "id", `${singular}_${key.name}`, `${singular}_id`].includes(name)) continue;
      report({
        message: `Path parameter ${placeholder} of ${operation.path} is ${table.displayName}.${key.name}, a ${key.type.text} filled from a sequence; ids can be guessed and counted.`,
        location: document.locate(parameter),
        fix: `Identify ${table.displayName} rows in URLs by a uuid column instead of ${key.name}.`,
        related: [{ message: `column ${table.displayName}.${key.name}`, location: key.location }],
      });
    }
  },
};
