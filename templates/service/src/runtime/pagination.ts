import type { Row } from "./database.js";
import { HttpProblem } from "./problem.js";

/** A position in a keyset-ordered list: the sort column's value (as text) and the key's values. */
export type Cursor = readonly (string | null)[];

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.every((v) => v === null || typeof v === "string")) return value;
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem(400, "The cursor is not one this service issued.");
}

export interface SortOrder {
  readonly orderBy: string;
  /** Extra select-list entries that carry the cursor at full precision. */
  readonly cursorColumns: string;
  after(cursor: Cursor, add: (value: unknown) => string): string;
  cursorOf(row: Row): Cursor;
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Keyset pagination over `sort` (a leading `-` is descending) with the key as the tie-break, in the
 * order the design's indexes hold: PostgreSQL's default NULLS LAST ascending, NULLS FIRST descending.
 */
export function sortOrder(
  sort: string,
  columnOf: (property: string) => string,
  keyColumns: readonly string[],
  exact: (column: string) => boolean = () => false,
): SortOrder {
  const descending = sort.startsWith("-");
  const column = columnOf(descending ? sort.slice(1) : sort);
  const direction = descending ? "DESC" : "ASC";
  const sortColumn = keyColumns.includes(column) && keyColumns.length === 1 ? undefined : column;
  const ordered = [...(sortColumn ? [sortColumn] : []), ...keyColumns];
  const keys = `(${keyColumns.map(q).join(", ")})`;
  const cmp = descending ? "<" : ">";
  return {
    orderBy: ordered.map((c) => `${q(c)} ${direction}`).join(", "),
    // A timestamp comes back as a Date, which keeps milliseconds of PostgreSQL's microseconds: the
    // cursor takes its text. A column `exact` names (a key: uuid, integer, text) skips the cast.
    cursorColumns: ordered.map((c, i) => `${q(c)}${exact(c) ? "" : "::text"} AS "__cursor${i}"`).join(", "),
    cursorOf: (row) =>
      ordered.map((_, i) => {
        const value = row[`__cursor${i}`];
        return value === null || value === undefined ? null : String(value);
      }),
    after(cursor, add) {
      if (cursor.length !== ordered.length)
        throw new HttpProblem(400, "The cursor belongs to another sort order.");
      const keyValues = `(${cursor
        .slice(sortColumn ? 1 : 0)
        .map((v) => add(v))
        .join(", ")})`;
      const afterKey = `${keys} ${cmp} ${keyValues}`;
      if (!sortColumn) return afterKey;
      const value = cursor[0] ?? null;
      const s = q(sortColumn);
      if (value === null)
        return descending
          ? `((${s} IS NULL AND ${afterKey}) OR ${s} IS NOT NULL)`
          : `(${s} IS NULL AND ${afterKey})`;
      const v = add(value);
      const beyond = `(${s} ${cmp} ${v} OR (${s} = ${v} AND ${afterKey}))`;
      return descending ? beyond : `(${beyond} OR ${s} IS NULL)`;
    },
  };
}
