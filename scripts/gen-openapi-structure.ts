import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type OpenApiMinor,
  PRECOMPILED,
  structureValidatorSource,
} from "../src/review/openapi/openapi-structure-validator.js";

/** Writes the precompiled OpenAPI structure validators; a test fails when a committed one is stale. */
for (const minor of ["3.0", "3.1"] as const satisfies readonly OpenApiMinor[]) {
  const target = new URL(PRECOMPILED[minor], new URL("../src/review/openapi/", import.meta.url));
  writeFileSync(fileURLToPath(target), structureValidatorSource(minor));
}
