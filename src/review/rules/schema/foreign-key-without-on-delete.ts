import type { SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

export const foreignKeyWithoutOnDelete: Rule<SqlReviewContext> = {
  meta: {
    id: "foreign-key-without-on-delete",
    area: "schema",
    defaultSeverity: "info",
    description:
      "A foreign key does not say what happens when the referenced row is deleted (not reported in pg_dump output, which omits NO ACTION; a dump committed without its header is known by its layout).",
    rationale:
      "The default, NO ACTION, makes deleting a parent fail while children exist. That is often right, but when nobody chose it, deletes fail in production or orphan-cleanup code grows in the application. Writing the action down records the lifecycle decision. pg_dump omits an explicit NO ACTION, so keys in a dump are not reported: there the missing action says nothing.",
    howToFix:
      "Add `ON DELETE CASCADE` for owned children, `ON DELETE SET NULL` for optional links, or `ON DELETE RESTRICT` / `NO ACTION` to state that deletes must be refused.",
  },
  check(context, report) {
    // pg_dump prints no ON DELETE for NO ACTION, whether or not someone chose it: in a dump a
    // missing action is no evidence of a missing decision.
    const dumps = new Set(context.files.filter((f) => f.isDump).map((f) => f.path));
    for (const table of reviewedTables(context)) {
      for (const fk of table.constraints) {
        if (fk.kind !== "foreign-key" || fk.onDeleteExplicit || fk.references === undefined) continue;
        if (dumps.has(fk.location.file)) continue;
        report({
          message: `Foreign key ${fk.name ?? `(${fk.columns.join(", ")})`} from ${table.displayName} to ${displayOf(fk.references.table)} has no ON DELETE action.`,
          location: fk.location,
          fix: "State ON DELETE CASCADE, SET NULL or RESTRICT.",
        });
      }
    }
  },
};

function displayOf(key: string): string {
  return key.startsWith("public.") ? key.slice("public.".length) : key;
}
