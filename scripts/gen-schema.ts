import { writeFileSync } from "node:fs";
import { specJsonSchema } from "../src/spec/spec-schema.js";

/** Regenerates schema/archwright.schema.json; a test fails when the committed file is stale. */
writeFileSync("schema/archwright.schema.json", `${JSON.stringify(specJsonSchema(), null, 2)}\n`);
