import type { SqlReviewContext, SqlType } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { changesToExistingTables } from "../../sql/changes-to-existing-tables.js";
import { previousDeclaration } from "../../sql/previous-declaration.js";

export const columnTypeChange: Rule<SqlReviewContext> = {
  meta: {
    id: "column-type-change",
    area: "migration",
    defaultSeverity: "warning",
    description: "A migration changes a column's type on an existing table.",
    rationale:
      "Most type changes rewrite the table and rebuild its indexes under an ACCESS EXCLUSIVE lock, and clients that read the old type may break. Only a few changes are metadata-only: widening or removing a varchar limit, varchar to text, raising numeric precision at the same scale; those are not reported when the old type is known.",
    howToFix:
      "Add a new column of the new type, backfill it in batches, switch reads and writes over, then drop the old column.",
  },
  check(context, report) {
    for (const change of changesToExistingTables(context)) {
      if (change.kind !== "alter-column-type") continue;
      // timestamptz to timestamp is time-zone-dropped's finding at the same place, with the worse harm.
      if (change.previousType?.name === "timestamptz" && change.type.name === "timestamp") continue;
      if (
        change.previousType &&
        !change.hasUsing &&
        isBinaryCompatibleWidening(change.previousType, change.type)
      )
        continue;
      const from = change.previousType ? ` from ${change.previousType.text}` : "";
      report({
        message: `Changing ${change.tableDisplayName}.${change.column}${from} to ${change.type.text} can rewrite the table under an exclusive lock and break clients.`,
        location: change.location,
        fix: "Add a new column, backfill it, switch over, then drop the old one.",
        related: previousDeclaration(change),
      });
    }
  },
};

/** Changes PostgreSQL applies without rewriting the table or rebuilding indexes. */
function isBinaryCompatibleWidening(from: SqlType, to: SqlType): boolean {
  if (from.isArray !== to.isArray) return false;
  const [fromLength] = from.modifiers;
  const [toLength] = to.modifiers;
  if (from.name === "varchar" && to.name === "text") return true;
  if (from.name === "varchar" && to.name === "varchar") {
    return toLength === undefined || (fromLength !== undefined && toLength >= fromLength);
  }
  if (from.name === "numeric" && to.name === "numeric") {
    if (to.modifiers.length === 0) return true;
    const [p1, s1 = 0] = from.modifiers;
    const [p2, s2 = 0] = to.modifiers;
    return p1 !== undefined && p2 !== undefined && p2 >= p1 && s1 === s2;
  }
  return from.name === "cidr" && to.name === "inet";
}
