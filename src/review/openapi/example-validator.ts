import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { encodePointer, type OutputUnit, type Schema, validate } from "@cfworker/json-schema";
import { parsePointer } from "../../import/openapi/json-pointer.js";
import { resolveRefPath } from "../../import/openapi/openapi-document.js";
import { isJsonObject, OpenApiNode } from "../../import/openapi/openapi-node.js";
import type { OpenApiReviewContext } from "../../import/openapi/openapi-review-context.js";
import type { OpenApiSourceFile } from "../../import/openapi/openapi-source-file.js";
import { nodeAtPointer } from "./node-at-pointer.js";

/** Which way an example travels: `readOnly` properties are not sent in requests, `writeOnly` not returned. */
export type ExampleDirection = "request" | "response";

/** One reason an example fails its schema: where in the example, and the validator's words. */
export interface ExampleError {
  /** JSON pointer segments inside the example value. */
  readonly at: readonly string[];
  readonly keyword: string;
  readonly message: string;
}

/** Annotations and extensions: never validated, and their values (`example: {id: 1}`) must not be read as schemas. */
const DROPPED = new Set(["example", "examples", "xml", "externalDocs", "discriminator"]);
/** Data, not schemas: kept as the same values. */
const DATA = new Set(["enum", "const", "default"]);
/** Keywords whose maps name properties, so any key below them is a property name, not a keyword. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Errors that only say "something below failed". */
const WRAPPERS = new Set(["$ref", "properties", "items", "prefixItems", "allOf", "additionalProperties"]);

/**
 * Validates example values against their schemas with @cfworker/json-schema, which interprets a
 * schema instead of generating code: ajv spends about 2 ms compiling each of the thousand response
 * schemas of GitHub's description, longer than the rest of its review. Each schema is copied once as
 * plain JSON Schema before use: annotations dropped, OpenAPI 3.0's `nullable` turned into a `null`
 * type, and `readOnly` (in requests) or `writeOnly` (in responses) properties taken out of
 * `required`, as the OpenAPI specification says. Referenced schemas are copied when first reached,
 * a component at a time, and each copied `$ref` carries the key of its target, so the validator
 * needs no pass of its own over the schemas (its `dereference` took half of this check's time).
 */
export class ExampleValidator {
  private readonly draft: "4" | "2020-12";
  private readonly files = new Map<string, OpenApiSourceFile>();
  private readonly lookups = new Map<ExampleDirection, Record<string, Schema | boolean>>();
  private readonly roots = new Map<ExampleDirection, Map<unknown, Schema | null>>();

  constructor(private readonly context: OpenApiReviewContext) {
    this.draft = context.version.startsWith("3.1") ? "2020-12" : "4";
    for (const file of context.sourceFiles()) this.files.set(fileUrl(file.path).href, file);
  }

  /** Why `value` fails `schema`; empty when it passes, undefined when the schema cannot be followed. */
  validate(schema: OpenApiNode, value: unknown, direction: ExampleDirection): ExampleError[] | undefined {
    const target = this.context.deref(schema);
    const root = this.rootCopy(target, direction);
    if (root === null) return undefined;
    const lookup = this.lookup(direction);
    let result: ReturnType<typeof validate>;
    try {
      result = validate(value, root, this.draft, lookup, true);
    } catch {
      return undefined;
    }
    if (result.valid) return [];
    // A reference the validator could not follow says nothing about the example.
    if (result.errors.some((e) => e.keyword === "$ref" && e.error.startsWith("Unresolved"))) return undefined;
    return result.errors.filter((e) => !WRAPPERS.has(e.keyword)).map(toExampleError);
  }

  private lookup(direction: ExampleDirection): Record<string, Schema | boolean> {
    let lookup = this.lookups.get(direction);
    if (lookup === undefined) {
      lookup = Object.create(null) as Record<string, Schema | boolean>;
      this.lookups.set(direction, lookup);
    }
    return lookup;
  }

  private rootCopy(target: OpenApiNode, direction: ExampleDirection): Schema | null {
    let roots = this.roots.get(direction);
    if (roots === undefined) {
      roots = new Map();
      this.roots.set(direction, roots);
    }
    const known = roots.get(target.value);
    if (known !== undefined) return known;
    const found = this.schemaAt(target.file, target.pointer(), direction);
    const copy = typeof found === "object" ? found : null;
    roots.set(target.value, copy);
    return copy;
  }

  /**
   * The copy of the schema at `segments` in `file`, registering it first. A component is registered
   * whole, so that a reference into it and one to it find the same copies.
   */
  private schemaAt(
    file: OpenApiSourceFile,
    segments: readonly string[],
    direction: ExampleDirection,
  ): Schema | boolean | undefined {
    const lookup = this.lookup(direction);
    const wanted = schemaKey(file.path, segments);
    const queue: { file: OpenApiSourceFile; segments: readonly string[] }[] = [{ file, segments }];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const key = schemaKey(next.file.path, next.segments);
      if (lookup[key] !== undefined) continue;
      const unit = unitOf(next.segments);
      const unitKey = schemaKey(next.file.path, unit);
      let copy = lookup[unitKey];
      if (copy === undefined) {
        const node = nodeAtPointer(OpenApiNode.root(next.file), unit);
        if (node.pointer().length !== unit.length) continue;
        const refs: PendingRef[] = [];
        const made = toJsonSchema(node.value, next.file.path, direction, this.draft === "4", refs);
        if (typeof made !== "object" || made === null || Array.isArray(made)) continue;
        copy = made as Schema;
        lookup[unitKey] = copy;
        for (const ref of refs) {
          const target = this.files.get(fileUrl(ref.path).href);
          if (target !== undefined && lookup[ref.key] === undefined)
            queue.push({ file: target, segments: ref.segments });
        }
      }
      // A reference into a component: the same place inside the component's copy.
      let inner: unknown = copy;
      for (const segment of next.segments.slice(unit.length)) {
        inner = Array.isArray(inner)
          ? inner[Number(segment)]
          : isJsonObject(inner)
            ? inner[segment]
            : undefined;
      }
      if (typeof inner === "boolean" || isJsonObject(inner)) lookup[key] = inner as Schema | boolean;
    }
    return lookup[wanted];
  }
}

/** A `$ref` met while copying: the key it was given and the place it names. */
interface PendingRef {
  readonly key: string;
  readonly path: string;
  readonly segments: readonly string[];
}

/** The unit copied at once: a whole component, so that references to it and into it share one copy. */
function unitOf(segments: readonly string[]): readonly string[] {
  return segments[0] === "components" && segments.length > 3 ? segments.slice(0, 3) : segments;
}

/** One spelling per place, for the lookup and for every `$ref` that names the place. */
function schemaKey(path: string, segments: readonly string[]): string {
  return `${fileUrl(path).href}#${encodeSegments(segments)}`;
}

function encodeSegments(segments: readonly string[]): string {
  return segments.map((s) => `/${encodePointer(s)}`).join("");
}

function toExampleError(unit: OutputUnit): ExampleError {
  return {
    at: fragmentSegments(unit.instanceLocation.replace(/^#/, "")) ?? [],
    keyword: unit.keyword,
    message: unit.error,
  };
}

/** `/a~1b/0` (percent-encoded, as a URI fragment) to its segments; undefined when it is not a pointer. */
function fragmentSegments(fragment: string): string[] | undefined {
  if (fragment === "") return [];
  if (!fragment.startsWith("/")) return undefined;
  try {
    return fragment
      .slice(1)
      .split("/")
      .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
  } catch {
    return undefined;
  }
}

/**
 * A plain JSON Schema copy of an OpenAPI Schema Object (see ExampleValidator). `refs` receives every
 * `$ref` met, to copy its target next.
 */
function toJsonSchema(
  value: unknown,
  path: string,
  direction: ExampleDirection,
  openapi30: boolean,
  refs: PendingRef[],
): unknown {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item, path, direction, openapi30, refs));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (DATA.has(key)) out[key] = child;
    else if (NAME_MAPS.has(key) && isJsonObject(child)) {
      const map: Record<string, unknown> = {};
      for (const name of Object.keys(child))
        map[name] = toJsonSchema(child[name], path, direction, openapi30, refs);
      out[key] = map;
    } else out[key] = toJsonSchema(child, path, direction, openapi30, refs);
  }
  if (openapi30 && value.nullable === true && typeof value.type === "string") {
    out.type = [value.type, "null"];
    // Read as its authors mean it: a nullable enum admits null without listing it.
    if (Array.isArray(value.enum) && !value.enum.includes(null)) out.enum = [...value.enum, null];
  }
  if (Array.isArray(value.required) && isJsonObject(value.properties)) {
    const skip = direction === "request" ? "readOnly" : "writeOnly";
    const properties = value.properties;
    out.required = value.required.filter((name) => {
      const property = typeof name === "string" ? properties[name] : undefined;
      return !(isJsonObject(property) && property[skip] === true);
    });
  }
  if (typeof value.$ref === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(value.$ref)) {
    // Resolved here, as the importer does, so the validator finds the copy under the same key.
    const hash = value.$ref.indexOf("#");
    const filePart = hash === -1 ? value.$ref : value.$ref.slice(0, hash);
    const target = filePart === "" ? path : resolveRefPath(path, filePart);
    const segments = parsePointer(hash === -1 ? "" : value.$ref.slice(hash));
    const key = schemaKey(target, segments);
    out.__absolute_ref__ = key;
    refs.push({ key, path: target, segments });
  }
  // 3.0.3 gives `nullable` no effect without `type`, but descriptions (GitHub's among them) write it
  // beside `allOf` to mean "this, or null"; reading it so avoids a finding on every such null.
  if (openapi30 && value.nullable === true && value.type === undefined && value.$ref === undefined)
    return { anyOf: [{ type: "null" }, out] };
  return out;
}

function fileUrl(path: string): URL {
  return pathToFileURL(resolve(path));
}
