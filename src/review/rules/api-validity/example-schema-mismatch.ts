import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../../import/openapi/openapi-review-context.js";
import { type ExampleError, ExampleValidator } from "../../openapi/example-validator.js";
import { nodeAtPointer } from "../../openapi/node-at-pointer.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";

/** A schema with the examples given beside it (a media type or a parameter). */
interface ExampleSite {
  readonly holder: OpenApiNode;
  readonly schema: OpenApiNode;
  readonly where: string;
  readonly direction: "request" | "response";
  /** The media type is not JSON (XML, CSV, a form): a string example there is the encoded document. */
  readonly encoded: boolean;
}

/** Media types whose examples are JSON values: `application/json`, `+json` suffixes, any type. */
const JSON_MEDIA_TYPE = /^(\*\/\*|[^;]*[/+]json)\s*(;|$)/i;

export const exampleSchemaMismatch: OpenApiRule = {
  meta: {
    id: "example-schema-mismatch",
    area: "api-validity",
    defaultSeverity: "warning",
    description:
      "An `example` or `examples` value of a parameter, request body or response does not validate against the schema beside it.",
    rationale:
      "Examples are what people copy and what mock servers return. One that breaks its own schema either documents a payload the server rejects or shows that the schema is wrong, and contract tests built from it fail. Required `readOnly` properties are not expected in request examples, nor `writeOnly` ones in responses. An example that matches more than one `oneOf` alternative is reported too: it shows two alternatives overlap, so the value matches none. A string example under a media type that is not JSON (XML, CSV, a form) is the encoded document and is not compared with the schema.",
    howToFix:
      "Correct the example at the place the finding points to, or correct the schema if the example shows what the API really sends.",
  },
  check(context, report) {
    const sites = exampleSites(context);
    if (sites.length === 0) return;
    const validator = new ExampleValidator(context);
    // A shared example under a shared schema is checked once: GitHub's description reuses both.
    const checked = new Map<unknown, Set<unknown>>();
    for (const site of sites) {
      const schema = context.deref(site.schema).value;
      for (const example of examplesOf(context, site.holder)) {
        // An XML or CSV example is written as the document's text, which the schema describes
        // only once parsed: comparing the string with an object schema says nothing.
        if (site.encoded && typeof example.value.value === "string") continue;
        const pairs = checked.get(example.value.value) ?? new Set();
        if (pairs.has(schema) && typeof example.value.value === "object") continue;
        pairs.add(schema);
        checked.set(example.value.value, pairs);
        const errors = validator.validate(site.schema, example.value.value, site.direction);
        const error = errors === undefined ? undefined : mostSpecific(errors);
        if (error === undefined) continue;
        report({
          message: `${example.name} of ${site.where} does not match its schema: ${errorText(error)}`,
          location: context.locate(nodeAtPointer(example.value, error.at)),
          fix: "correct the example, or the schema if the example is right",
        });
      }
    }
  },
};

function exampleSites(context: OpenApiReviewContext): ExampleSite[] {
  const sites: ExampleSite[] = [];
  const seen = new Set<unknown>();
  const add = (
    holder: OpenApiNode,
    where: string,
    direction: ExampleSite["direction"],
    mediaType?: string,
  ): void => {
    const schema = holder.get("schema");
    const value = holder.object;
    if (schema === undefined || value === undefined || seen.has(value)) return;
    if (value.example === undefined && value.examples === undefined) return;
    seen.add(value);
    const encoded = mediaType !== undefined && !JSON_MEDIA_TYPE.test(mediaType);
    sites.push({ holder, schema, where, direction, encoded });
  };
  const media = (holder: OpenApiNode, where: string, direction: ExampleSite["direction"]): void => {
    for (const m of holder.get("content")?.children() ?? []) add(m, `${where} (${m.key})`, direction, m.key);
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

/** The error to report for one example: the deepest, since a failure inside is also reported by everything around it. */
function mostSpecific(errors: readonly ExampleError[]): ExampleError | undefined {
  return errors.reduce<ExampleError | undefined>(
    (best, e) => (best === undefined || e.at.length > best.at.length ? e : best),
    undefined,
  );
}

function errorText(error: ExampleError): string {
  const where = error.at.length === 0 ? "the value" : `\`${error.at.join(".")}\``;
  const m = error.message;
  const type = /^Instance type "(\w+)" is invalid\. Expected "(.+)"\.$/.exec(m);
  if (type !== null) return `${where} must be ${(type[2] ?? "").split('", "').join(" or ")}, got ${type[1]}`;
  const required = /^Instance does not have required property "(.*)"\.$/.exec(m);
  if (required !== null) return `${where} has no required property "${required[1]}"`;
  const oneOf = /^Instance does not match exactly one subschema \((\d+) matches\)\.$/.exec(m);
  if (oneOf !== null)
    return Number(oneOf[1]) > 1
      ? `${where} matches ${oneOf[1]} \`oneOf\` alternatives, so it matches none: the alternatives overlap`
      : `${where} matches none of the \`oneOf\` alternatives`;
  const enumeration = /^Instance does not match any of (.*)\.$/.exec(m);
  if (enumeration !== null) return `${where} must be one of ${enumeration[1]}`;
  const format = /^String does not match format "(.*)"\.$/.exec(m);
  if (format !== null) return `${where} is not a valid ${format[1]}`;
  if (error.keyword === "false") return `${where} is not allowed by the schema`;
  return `${where}: ${m.charAt(0).toLowerCase()}${m.slice(1).replace(/\.$/, "")}`;
}
