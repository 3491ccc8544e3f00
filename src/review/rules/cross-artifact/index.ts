import type { CrossArtifactContext } from "../../cross-artifact/cross-artifact-context.js";
import type { Rule } from "../../rule.js";
import { createPropertyWithoutColumn } from "./create-property-without-column.js";
import { enumValuesMismatch } from "./enum-values-mismatch.js";
import { listParameterWithoutIndex } from "./list-parameter-without-index.js";
import { pathIdSequentialColumn } from "./path-id-sequential-column.js";
import { propertyColumnTypeMismatch } from "./property-column-type-mismatch.js";
import { propertyNullabilityMismatch } from "./property-nullability-mismatch.js";
import { responsePropertyWithoutColumn } from "./response-property-without-column.js";

/** Rules that read an OpenAPI description and the PostgreSQL schema behind it together. */
export const crossArtifactRules: readonly Rule<CrossArtifactContext>[] = Object.freeze([
  listParameterWithoutIndex,
  propertyColumnTypeMismatch,
  propertyNullabilityMismatch,
  responsePropertyWithoutColumn,
  createPropertyWithoutColumn,
  pathIdSequentialColumn,
  enumValuesMismatch,
]);
