import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ErrorObject, Options, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import AjvDraft04Module from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { encodePointerSegment } from "../../import/openapi/json-pointer.js";
import { isJsonObject, type OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";

// CommonJS modules whose export is both `module.exports` and `.default`; NodeNext sees the former.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

/**
 * Validates example values against their schemas with ajv. One ajv instance per description holds
 * every file as a schema document, so a schema's `$ref`s (local or into other files) resolve as
 * JSON Schema references, and ajv compiles each referenced definition once for all examples. OpenAPI
 * 3.0 Schema Objects are draft-04 with `nullable` (which ajv understands); 3.1's are 2020-12.
 */
export class ExampleValidator {
  /**
   * Distinct schemas compiled per description. Ajv generates and compiles code for every schema a
   * checked one references: about 2 ms each on GitHub's description, whose 1,000 response schemas
   * would take longer than the rest of its review. The first 20 met (operations in path order) are
   * checked; measured figures are in docs/rules.md.
   */
  static readonly MAX_SCHEMAS = 20;
  private readonly ajv: InstanceType<typeof Ajv2020> | InstanceType<typeof AjvDraft04>;
  private readonly compiled = new Map<unknown, ValidateFunction | null>();

  constructor(private readonly context: OpenApiReviewContext) {
    const options: Options = {
      // The first error is enough for a finding a person fixes one at a time, and it compiles smaller code.
      allErrors: false,
      // Each error carries the schema it failed, so a rule can tell a readOnly property from another.
      verbose: true,
      strict: false,
      logger: false,
      validateSchema: false,
      // Lenient like the tools that read these examples: formats ajv does not know are ignored.
      validateFormats: true,
      // Referenced definitions compiled once as functions, and no optimising pass over the generated
      // code: together they halve compile time on large schemas, at no measurable validation cost.
      inlineRefs: false,
      code: { optimize: false },
    };
    this.ajv = context.version.startsWith("3.1") ? new Ajv2020(options) : new AjvDraft04(options);
    addFormats(this.ajv);
    for (const file of context.sourceFiles()) {
      try {
        this.ajv.addSchema(withoutExampleComponents(file.value) as object, fileUri(file.path));
      } catch {
        // A file ajv cannot register (duplicate ids inside it): its schemas are simply not checked.
      }
    }
  }

  /** The errors of `value` against `schema`, or undefined when the schema cannot be compiled. */
  validate(schema: OpenApiNode, value: unknown): readonly ErrorObject[] | undefined {
    const target = this.context.deref(schema);
    let validate = this.compiled.get(target.value);
    if (validate === undefined) {
      if (this.compiled.size >= ExampleValidator.MAX_SCHEMAS) return undefined;
      validate = null;
      const ref = `${fileUri(target.file.path)}#${target
        .pointer()
        .map((s) => `/${encodeURIComponent(encodePointerSegment(s))}`)
        .join("")}`;
      try {
        validate = this.ajv.compile({ $ref: ref });
      } catch {
        // A schema ajv rejects (`nullable` without `type`, an unknown draft): its examples are not checked.
      }
      this.compiled.set(target.value, validate);
    }
    if (validate === null) return undefined;
    return validate(value) ? [] : (validate.errors ?? []);
  }
}

/**
 * The file as ajv should hold it: without `components/examples`. Ajv walks every member of a schema
 * document it registers, and on GitHub's description the shared examples are most of the text;
 * schemas never point into them.
 */
function withoutExampleComponents(value: unknown): unknown {
  if (!isJsonObject(value) || !isJsonObject(value.components) || value.components.examples === undefined)
    return value;
  const { examples: _examples, ...components } = value.components;
  return { ...value, components };
}

function fileUri(path: string): string {
  return pathToFileURL(resolve(path)).href;
}
