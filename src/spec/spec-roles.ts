import type { SpecDocument } from "./spec-schema.js";

/** Roles of a spec that declares none. */
export const DEFAULT_ROLES = ["user", "admin"];

/** Role names in spec order, whether written as plain names or as role objects. */
export function roleNames(spec: SpecDocument): string[] {
  return (spec.security?.roles ?? DEFAULT_ROLES).map((r) => (typeof r === "string" ? r : r.name));
}
