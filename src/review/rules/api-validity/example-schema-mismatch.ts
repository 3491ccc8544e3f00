import type { ErrorObject } from "ajv";
import { parsePointer } from "../../../import/openapi/json-pointer.js";
import { isJsonObject, type OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import { ExampleValidator } from "../../openapi/example-validator.js";
import { nodeAtPointer } from "../../openapi/node-at-pointer.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";

/** A schema with the examples given beside it (a media type or a parameter). */
interface ExampleSite {
  readonly holder: OpenApiNode;
  readonly schema: OpenApiNode;
  readonly where: string;
  readonly direction: "request" | "response";
}

export const exampleSchemaMismatch: OpenApiRule = {
  meta: {
    id: "example-schema-mismatch",
    area: "api-validity",
    defaultSeverity: "warning",
    description:
      "An `example` or `examples` value of a parameter, request body or response does not validate against the schema beside it.",
    rationale:
      "Examples are what people copy and what mock servers return. One that breaks its own schema either documents a payload the server rejects or shows that the schema is wrong, and contract tests built from it fail. Required `readOnly` properties are not expected in request examples, nor `writeOnly` ones in responses.",
    howToFix:
      "Correct the example at the place the finding points to, or correct the schema if the example shows what the API really sends.",
  },
  check(context, report) {
    const sites = exampleSites(context);
    if (sites.length === 0) return;
    const validator = new ExampleValidator(context);
    for (const site of sites) {
      for (const example of examplesOf(context, site.holder)) {
        const errors = validator.validate(site.schema, example.value.value);
        if (errors === undefined || errors.length === 0) continue;
        const error = mostSpecific(errors, site.direction);
        if (error === undefined) continue;
        const at = parsePointer(error.instancePath);
        const extra = (error.params as { additionalProperty?: unknown }).additionalProperty;
        const pointer = typeof extra === "string" ? [...at, extra] : at;
        report({
          message: `${example.name} of ${site.where} does not match its schema: ${errorText(error)}`,
          location: context.locate(nodeAtPointer(example.value, pointer)),
          fix: "correct the example, or the schema if the example is right",
        });
      }
    }
  },
};

function exampleSites(context: OpenApiReviewContext): ExampleSite[] {
  const sites: ExampleSite[] = [];
  const seen = new Set<unknown>();
  const add = (holder: OpenApiNode, where: string, direction: ExampleSite["direction"]): void => {
    const schema = holder.get("schema");
    const value = holder.object;
    if (schema === undefined || value === undefined || seen.has(value)) return;
    if (value.example === undefined && value.examples === undefined) return;
    seen.add(value);
    sites.push({ holder, schema, where, direction });
  };
  const media = (holder: OpenApiNode, where: string, direction: ExampleSite["direction"]): void => {
    for (const m of holder.get("content")?.children() ?? []) add(m, `${where} (${m.key})`, direction);
  };
  for (const operation of context.operations) {
    const name = `${operation.method.toUpperCase()} ${operation.path}`;
    for (const parameter of operation.parameters) {
      const where = `parameter "${parameter.string("name") ?? ""}" of ${name}`;
      add(parameter, where, "request");
      media(parameter, where, "request");
    }
    const body = operation.node.get("requestBody");
    if (body !== undefined) media(context.deref(body), `the request body of ${name}`, "request");
    for (const response of operation.node.get("responses")?.children() ?? []) {
      media(context.deref(response), `the ${response.key} response of ${name}`, "response");
    }
  }
  return sites;
}

/** `example`, or each `examples` entry's `value` (following `$ref`s; `externalValue` is not fetched). */
function examplesOf(
  context: OpenApiReviewContext,
  holder: OpenApiNode,
): { readonly name: string; readonly value: OpenApiNode }[] {
  const single = holder.get("example");
  if (single !== undefined) return [{ name: "the example", value: single }];
  const out: { name: string; value: OpenApiNode }[] = [];
  for (const entry of holder.get("examples")?.children() ?? []) {
    const value = context.deref(entry).get("value");
    if (value !== undefined) out.push({ name: `example "${entry.key}"`, value });
  }
  return out;
}

/**
 * The error to report for one example: the deepest, since ajv reports a failed `oneOf` both for
 * every alternative and as a whole. A missing `readOnly` property is fine in a request, a missing
 * `writeOnly` one in a response.
 */
function mostSpecific(
  errors: readonly ErrorObject[],
  direction: ExampleSite["direction"],
): ErrorObject | undefined {
  const skip = direction === "request" ? "readOnly" : "writeOnly";
  const relevant = errors.filter((e) => {
    if (e.keyword === "required") {
      const name = String((e.params as { missingProperty?: unknown }).missingProperty ?? "");
      const properties = e.parentSchema?.properties;
      const property = isJsonObject(properties) ? properties[name] : undefined;
      return !(isJsonObject(property) && property[skip] === true);
    }
    if (e.keyword === "oneOf" || e.keyword === "anyOf") {
      const passing = (e.params as { passingSchemas?: unknown }).passingSchemas;
      return Array.isArray(passing);
    }
    return e.keyword !== "if" && e.keyword !== "allOf";
  });
  return relevant.reduce<ErrorObject | undefined>(
    (best, e) => (best === undefined || depth(e) > depth(best) ? e : best),
    undefined,
  );
}

function depth(error: ErrorObject): number {
  return error.instancePath === "" ? 0 : error.instancePath.split("/").length;
}

function errorText(error: ErrorObject): string {
  const where = error.instancePath === "" ? "the value" : `\`${parsePointer(error.instancePath).join(".")}\``;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${where} has no required property "${String(params.missingProperty)}"`;
    case "additionalProperties":
      return `${where} has the property "${String(params.additionalProperty)}", which the schema does not allow`;
    case "enum":
      return `${where} must be one of ${(Array.isArray(params.allowedValues) ? params.allowedValues : []).map((v) => JSON.stringify(v)).join(", ")}`;
    case "oneOf":
      return `${where} matches more than one \`oneOf\` alternative (${(params.passingSchemas as number[]).join(" and ")}), so it matches none: the alternatives overlap`;
    default:
      return `${where} ${error.message ?? "is invalid"}`;
  }
}
