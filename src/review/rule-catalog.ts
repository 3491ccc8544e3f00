import type { SqlReviewContext } from "../import/sql/sql-review-context.js";
import type { ArchitectureContext } from "./architecture/architecture-context.js";
import type { CrossArtifactContext } from "./cross-artifact/cross-artifact-context.js";
import type { OpenApiRule } from "./openapi/openapi-rule.js";
import type { Rule, RuleMeta } from "./rule.js";
import { apiDesignRules } from "./rules/api-design/index.js";
import { apiSecurityRules } from "./rules/api-security/index.js";
import { apiValidityRules } from "./rules/api-validity/index.js";
import { architectureRules } from "./rules/architecture/index.js";
import { breakingChangeRules } from "./rules/breaking-change/index.js";
import { crossArtifactRules } from "./rules/cross-artifact/index.js";
import { migrationRules } from "./rules/migration/index.js";
import { schemaRules } from "./rules/schema/index.js";

/**
 * A rule together with the kind of input it reads: one OpenAPI description, the SQL catalog, both
 * together (`openapi+sql`), or a spec Model with whatever artifacts came with it (`spec`).
 */
export type CatalogEntry =
  | { readonly input: "openapi"; readonly rule: OpenApiRule }
  | { readonly input: "sql"; readonly rule: Rule<SqlReviewContext> }
  | { readonly input: "openapi+sql"; readonly rule: Rule<CrossArtifactContext> }
  | { readonly input: "spec"; readonly rule: Rule<ArchitectureContext> };

/** Every rule `archwright review` can run, grouped by area, each area sorted by id. */
export const ruleCatalog: readonly CatalogEntry[] = Object.freeze([
  ...apiValidityRules.map((rule) => ({ input: "openapi" as const, rule })),
  ...apiDesignRules.map((rule) => ({ input: "openapi" as const, rule })),
  ...apiSecurityRules.map((rule) => ({ input: "openapi" as const, rule })),
  ...[...schemaRules].sort(byId).map((rule) => ({ input: "sql" as const, rule })),
  ...[...migrationRules].sort(byId).map((rule) => ({ input: "sql" as const, rule })),
  ...[...crossArtifactRules].sort(byId).map((rule) => ({ input: "openapi+sql" as const, rule })),
  ...[...architectureRules].sort(byId).map((rule) => ({ input: "spec" as const, rule })),
]);

function byId(a: { meta: RuleMeta }, b: { meta: RuleMeta }): number {
  return a.meta.id.localeCompare(b.meta.id);
}

/** Every rule: those `archwright review` runs, then the breaking-change rules `archwright diff` runs. */
export function ruleMetas(): RuleMeta[] {
  return [...ruleCatalog.map((entry) => entry.rule.meta), ...breakingChangeRules.map((rule) => rule.meta)];
}

export function findRule(id: string): RuleMeta | undefined {
  return ruleMetas().find((meta) => meta.id === id);
}
