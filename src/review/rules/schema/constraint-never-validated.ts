import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const constraintNeverValidated: Rule<SqlReviewContext> = {
  meta: {
    id: "constraint-never-validated",
    area: "schema",
    defaultSeverity: "warning",
    description: "A constraint added NOT VALID is never validated in a schema dump or build.",
    rationale:
      "NOT VALID is the safe first half of adding a constraint. Left unvalidated, old rows may still violate it, and the planner cannot use a CHECK for partition pruning or SET NOT NULL; a later `VALIDATE CONSTRAINT` only takes a light lock. Migration files are left alone, since the validation belongs in a later migration.",
    howToFix: "Run `ALTER TABLE ... VALIDATE CONSTRAINT name;` after fixing any violating rows.",
  },
  check(context, report) {
    const migrationFiles = new Set(context.files.filter((f) => f.isMigration).map((f) => f.path));
    for (const table of reviewedTables(context)) {
      for (const constraint of table.constraints) {
        if (!constraint.notValid || constraint.validatedLater || migrationFiles.has(constraint.location.file))
          continue;
        report({
          message: `Constraint ${constraint.name ?? constraint.kind} on ${table.displayName} is NOT VALID and never validated.`,
          location: constraint.location,
          fix: `ALTER TABLE ${table.displayName} VALIDATE CONSTRAINT ${constraint.name ?? "name"};`,
        });
      }
    }
  },
};
