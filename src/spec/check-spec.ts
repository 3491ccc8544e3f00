import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { checkRoles } from "./check-roles.js";
import { checkCapacity } from "./checks/check-capacity.js";
import { checkEntities } from "./checks/check-entities.js";
import { checkScale } from "./checks/check-scale.js";
import { checkUseCases } from "./checks/check-use-cases.js";
import { reporter } from "./checks/report.js";
import type { SpecDocument } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

export { IMPLICIT_FIELDS } from "./checks/implicit-fields.js";

/**
 * Cross-reference checks that need the whole document: refs, keys, filters, sorts, actors and
 * name collisions once names become SQL identifiers. Returns every problem, not just the first,
 * in document order (scale, entities, tenancy, capacity, roles, use cases).
 */
export function checkSpec(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report = reporter(locator, problems);
  checkScale(spec, report);
  checkEntities(spec, report);
  problems.push(...checkCapacity(spec, locator));
  problems.push(...checkRoles(spec, locator));
  checkUseCases(spec, locator, report, problems);
  return problems;
}
