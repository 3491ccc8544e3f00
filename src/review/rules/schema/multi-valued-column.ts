import type { SqlColumn, SqlReviewContext } from "../../../import/sql/sql-review-context.js";
import type { Rule } from "../../rule.js";
import { columnType } from "../../sql/column-type.js";
import { reviewedTables } from "../../sql/reviewed-tables.js";

/**
 * Plural nouns that name lists. A general plural test would also catch free text such as
 * `notes` or `comments`, so the rule only trusts these and the `_ids` suffix.
 */
const LIST_NOUNS =
  /(^|_)(tags|labels|categories|keywords|emails|email_addresses|phones|phone_numbers|roles|permissions|scopes|groups|skills|interests|urls|links|aliases|recipients|attendees|members)$|_ids$/;
const STRING_TYPES = new Set(["text", "varchar", "bpchar"]);
const NUMBERED = /^(.*?[a-z])_?(\d+)$/;

export const multiValuedColumn: Rule<SqlReviewContext> = {
  meta: {
    id: "multi-valued-column",
    area: "schema",
    defaultSeverity: "warning",
    description:
      "A column stores a list in a string (`tags text`, `user_ids varchar`), or a table repeats numbered columns (`phone1, phone2, phone3`).",
    rationale:
      "Lists packed into strings cannot be indexed, joined, constrained or referenced by foreign keys, and every reader must parse them; numbered columns cap the list at an arbitrary size and make 'find rows containing X' an OR over every column.",
    howToFix:
      "Move the values to a child table with one row per value (with a foreign key and an index), or use an array or jsonb column when the list has no identity of its own.",
  },
  check(context, report) {
    for (const table of reviewedTables(context)) {
      for (const column of table.columns) {
        const type = columnType(context, column);
        if (type.isArray || !STRING_TYPES.has(type.name) || !LIST_NOUNS.test(column.name.toLowerCase()))
          continue;
        report({
          message: `Column ${table.displayName}.${column.name} is a ${type.text} named like a list; a delimited list in a string cannot be indexed or constrained.`,
          location: column.location,
          fix: `Move ${column.name} to a child table (or a ${type.name}[] / jsonb column).`,
        });
      }
      for (const group of numberedGroups(table.columns)) {
        const first = group[0];
        if (first === undefined) continue;
        report({
          message: `Table ${table.displayName} repeats numbered columns ${group.map((c) => c.name).join(", ")}.`,
          location: first.location,
          fix: "Store the repeated values as rows of a child table.",
        });
      }
    }
  },
};

/** Columns sharing a stem and numbered 1..n (or 0..n) with at least three members and one type. */
function numberedGroups(columns: readonly SqlColumn[]): SqlColumn[][] {
  const groups = new Map<string, SqlColumn[]>();
  for (const column of columns) {
    const match = NUMBERED.exec(column.name.toLowerCase());
    if (!match?.[1]) continue;
    const list = groups.get(match[1]) ?? [];
    list.push(column);
    groups.set(match[1], list);
  }
  return [...groups.values()].filter((group) => {
    if (group.length < 3 || new Set(group.map((c) => c.type.text)).size !== 1) return false;
    const numbers = group.map((c) => Number(NUMBERED.exec(c.name.toLowerCase())?.[2])).sort((a, b) => a - b);
    const start = numbers[0] ?? -1;
    return (start === 0 || start === 1) && numbers.every((n, i) => n === start + i);
  });
}
