import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { exampleSchemaMismatch } from "./example-schema-mismatch.js";
import { openapiStructureInvalid } from "./openapi-structure-invalid.js";
import { refUnresolved } from "./ref-unresolved.js";
import { requiredPropertyUndeclared } from "./required-property-undeclared.js";

/** Rules that check a description is valid OpenAPI before it is judged, sorted by id. */
export const apiValidityRules: readonly OpenApiRule[] = Object.freeze([
  exampleSchemaMismatch,
  openapiStructureInvalid,
  refUnresolved,
  requiredPropertyUndeclared,
]);
