import type { ErrorObject } from "ajv";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import { parsePointer } from "../../import/openapi/json-pointer.js";
import { isJsonObject } from "../../import/openapi/openapi-node.js";

/** One structural problem of an OpenAPI document, at the node it concerns. */
export interface StructureProblem {
  /** JSON pointer segments of the node to point at (a member's key, an item). */
  readonly pointer: readonly string[];
  readonly message: string;
  readonly fix: string;
}

const COMPOSITE = new Set(["oneOf", "anyOf", "if", "allOf"]);

/**
 * Turns the OpenAPI schema's ajv errors into one problem per place. The schema expresses most
 * objects as `oneOf: [Thing, Reference]` and 3.0 parameters as one `oneOf` branch per `in`, so a
 * single typo makes ajv report every branch's failure. Hand-written because no library reduces
 * ajv's errors to the branch that was meant (better-ajv-errors and ajv-errors change wording, not
 * the choice). Branches are told apart by instance, not by schema path, since each referenced
 * definition is its own function whose paths start afresh: ajv reports a failed `oneOf` right after
 * the errors of its branches, so those are the run of errors just before it that lie at or below
 * the same node. Among them, an `enum` or `const` error on a direct member (`in`) or a `type` error
 * on the node is a branch's discriminator failing. When every branch failed its discriminator the
 * allowed values are merged into one error (`in` must be one of path, query, ...); when some branch
 * passed it, that branch was meant and the discriminator errors of the others are dropped. The
 * Reference branch (`required $ref`) and the summaries themselves are dropped.
 */
export function structureProblems(errors: readonly ErrorObject[], document: unknown): StructureProblem[] {
  const kept: (ErrorObject | undefined)[] = [...errors];
  const merged = new Set<ErrorObject>();
  for (let i = 0; i < kept.length; i++) {
    const summary = kept[i];
    if (summary === undefined || (summary.keyword !== "oneOf" && summary.keyword !== "anyOf")) continue;
    if (passing(summary).length > 1) continue;
    const base = summary.instancePath;
    let start = i;
    while (start > 0 && within(errors[start - 1]?.instancePath ?? "\u0000", base)) start--;
    const branchCount = Array.isArray(summary.schema) ? summary.schema.length : 0;
    const discriminators: number[] = [];
    for (let j = start; j < i; j++) {
      const error = kept[j];
      if (error !== undefined && !merged.has(error) && isDiscriminatorFailure(error, base))
        discriminators.push(j);
    }
    if (discriminators.length === 0) continue;
    if (discriminators.length >= branchCount) {
      const first = kept[discriminators[0] ?? -1];
      const same = discriminators.every((j) => kept[j]?.instancePath === first?.instancePath);
      if (first !== undefined && same) {
        const allowed = discriminators.flatMap((j) => {
          const e = kept[j];
          return e === undefined ? [] : allowedValues(e);
        });
        for (let j = start; j < i; j++) kept[j] = undefined;
        const one: ErrorObject = {
          ...first,
          keyword: "enum",
          params: { allowedValues: [...new Set(allowed)] },
        };
        merged.add(one);
        kept[i] = one;
        continue;
      }
    }
    for (const j of discriminators) kept[j] = undefined;
  }
  const reduced = kept.filter(
    (e): e is ErrorObject =>
      e !== undefined &&
      !(e.keyword === "required" && missing(e) === "$ref") &&
      (!COMPOSITE.has(e.keyword) || passing(e).length > 1),
  );

  const problems = new Map<string, StructureProblem>();
  for (const error of reduced) {
    const problem = describe(error, document);
    const key = problem.pointer.join("\u0000");
    // One problem per place: the first error ajv reports there is the outermost and most telling.
    if (!problems.has(key)) problems.set(key, problem);
  }
  return [...problems.values()];
}

function within(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function isDiscriminatorFailure(error: ErrorObject, base: string): boolean {
  if (error.keyword === "type") return error.instancePath === base;
  if (error.keyword !== "enum" && error.keyword !== "const") return false;
  const rest = error.instancePath.slice(base.length);
  return error.instancePath.startsWith(base) && rest.split("/").length === 2;
}

function missing(error: ErrorObject): string {
  return String((error.params as { missingProperty?: unknown }).missingProperty ?? "");
}

function passing(error: ErrorObject): number[] {
  const p = (error.params as { passingSchemas?: unknown }).passingSchemas;
  return Array.isArray(p) ? p.filter((n): n is number => typeof n === "number") : [];
}

function allowedValues(error: ErrorObject): unknown[] {
  const params = error.params as { allowedValues?: unknown; allowedValue?: unknown };
  if (Array.isArray(params.allowedValues)) return params.allowedValues;
  return [params.allowedValue];
}

function valueAt(document: unknown, pointer: readonly string[]): unknown {
  let value = document;
  for (const segment of pointer) {
    if (Array.isArray(value)) value = value[Number(segment)];
    else if (isJsonObject(value)) value = value[segment];
    else return undefined;
  }
  return value;
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `\`${text !== undefined && text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

/** What the node is, for a message: `parameter "q"`, `info`, `response "99"`. */
function subject(pointer: readonly string[], document: unknown): string {
  const last = pointer[pointer.length - 1];
  const parent = pointer[pointer.length - 2];
  if (last === undefined) return "the document";
  if (parent === "parameters") {
    const name = valueAt(document, pointer);
    const n = isJsonObject(name) && typeof name.name === "string" ? name.name : last;
    return `parameter "${n}"`;
  }
  if (parent === "responses") return `response "${last}"`;
  return /^\d+$/.test(last) ? `item ${last} of \`${parent ?? ""}\`` : `\`${last}\``;
}

function isPathParameter(pointer: readonly string[], document: unknown): boolean {
  const node = valueAt(document, pointer);
  return pointer[pointer.length - 2] === "parameters" && isJsonObject(node) && node.in === "path";
}

function describe(error: ErrorObject, document: unknown): StructureProblem {
  const at = parsePointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const actual = valueAt(document, at);
  switch (error.keyword) {
    case "required": {
      const field = missing(error);
      if (field === "required" && isPathParameter(at, document))
        return {
          pointer: at,
          message: `path ${subject(at, document)} must have \`required: true\``,
          fix: "add `required: true`: a path parameter is always present",
        };
      if (field === "default" && at[at.length - 1] === "responses")
        return {
          pointer: at,
          message: "`responses` declares no valid status code and no `default` response",
          fix: "declare at least one response under a status code (200, 404, 2XX) or `default`",
        };
      return {
        pointer: at,
        message: `${subject(at, document)} has no \`${field}\`, which OpenAPI requires`,
        fix: `add \`${field}\``,
      };
    }
    case "enum":
    case "const": {
      const allowed = allowedValues(error);
      const owner = at.slice(0, -1);
      if (at[at.length - 1] === "required" && isPathParameter(owner, document))
        return {
          pointer: at,
          message: `path ${subject(owner, document)} must have \`required: true\`, not ${show(actual)}`,
          fix: "set `required: true`: a path parameter is always present",
        };
      const guess =
        typeof actual === "string"
          ? didYouMean(
              actual,
              allowed.filter((v): v is string => typeof v === "string"),
            )
          : undefined;
      const list = allowed.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
      return {
        pointer: at,
        message: `\`${at[at.length - 1] ?? ""}\` must be ${allowed.length === 1 ? "" : "one of "}${list}; got ${show(actual)}${guess === undefined ? "" : ` (did you mean \`${guess}\`?)`}`,
        fix: guess === undefined ? `use one of ${list}` : `write \`${guess}\``,
      };
    }
    case "additionalProperties":
    case "unevaluatedProperties": {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty ?? "");
      const pointer = [...at, key];
      if (at[at.length - 1] === "responses")
        return {
          pointer,
          message: `response code "${key}" is not a status code: use 100-599, 1XX-5XX or \`default\``,
          fix: "write a three-digit HTTP status code",
        };
      const known = isJsonObject(error.parentSchema?.properties)
        ? Object.keys(error.parentSchema.properties)
        : [];
      const guess = didYouMean(key, known);
      return {
        pointer,
        message: `${subject(at, document)} has the unknown field \`${key}\`${guess === undefined ? "" : ` (did you mean \`${guess}\`?)`}`,
        fix:
          guess === undefined
            ? "remove it, or prefix it with `x-` to make it an extension"
            : `rename it to \`${guess}\``,
      };
    }
    case "type":
      return {
        pointer: at,
        message: `${subject(at, document)} must be ${String(params.type)}, got ${Array.isArray(actual) ? "an array" : actual === null ? "null" : typeof actual}`,
        fix: `write ${String(params.type) === "object" ? "a mapping" : `a ${String(params.type)}`}`,
      };
    case "pattern":
      return {
        pointer: at,
        message: `${subject(at, document)} is ${show(actual)}, which does not match ${String(params.pattern)}`,
        fix: "write a value the OpenAPI specification allows here",
      };
    case "not": {
      const why =
        typeof error.parentSchema?.description === "string" ? error.parentSchema.description : undefined;
      return {
        pointer: at,
        message: `${subject(at, document)}: ${why ?? "a combination of fields that OpenAPI forbids"}`,
        fix: "keep only one of the fields",
      };
    }
    default:
      return {
        pointer: at,
        message: `${subject(at, document)} ${error.message ?? "is invalid"}`,
        fix: "follow the OpenAPI specification for this object",
      };
  }
}
