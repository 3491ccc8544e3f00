import type { Entity } from "../model/index.js";

/**
 * Whether the REST API offers an operation on an entity. Append-only rows (ledger postings, audit
 * events) are facts: once written they are never changed or removed, so their resource has no
 * update and no delete; a correction is a new, reversing row. The migration enforces the same rule
 * in the database (emit/sql), so a client that bypasses the API cannot rewrite history either.
 */
export function allowsOperation(
  entity: Entity,
  kind: "list" | "get" | "create" | "update" | "delete" | "command" | "redirect" | "feed",
): boolean {
  if (!entity.appendOnly) return true;
  // A command moves a row to another state: a change like any other.
  return kind !== "update" && kind !== "delete" && kind !== "command";
}
