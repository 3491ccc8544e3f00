import type { SqlChange } from "../../import/sql/sql-review-context.js";
import type { SourceLocation } from "../../model/source-location.js";

/**
 * Where the column a type change alters was declared, with the type declared there: given a base
 * schema and a migration, the finding points at the migration and names the base file's line.
 */
export function previousDeclaration(change: SqlChange): { message: string; location: SourceLocation }[] {
  if (change.kind !== "alter-column-type" || change.previousType === undefined) return [];
  const location = change.previousLocation;
  if (location === undefined || location.file === change.file) return [];
  return [
    {
      message: `${change.tableDisplayName}.${change.column} is declared ${change.previousType.text} here`,
      location,
    },
  ];
}
