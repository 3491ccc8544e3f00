import type { SqlIndex } from "../../import/sql/sql-review-context.js";

const KIND: Readonly<Record<SqlIndex["origin"], string>> = {
  index: "index",
  "primary-key": "primary key",
  unique: "unique constraint",
  exclude: "exclusion constraint",
};

/** How an index reads in a message: `unique index users_email_idx (email)`, `primary key users_pkey (id)`. */
export function describeIndex(index: SqlIndex): string {
  const kind = index.origin === "index" && index.unique ? "unique index" : KIND[index.origin];
  const keys = index.keys.map((k) => k.column ?? "(expression)").join(", ");
  return `${kind}${index.name ? ` ${index.name}` : ""} (${keys})`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Same table, method and partial predicate: the only indexes whose keys can be compared. */
export function comparable(a: SqlIndex, b: SqlIndex): boolean {
  return a.table === b.table && a.method === b.method && a.predicate === b.predicate;
}
