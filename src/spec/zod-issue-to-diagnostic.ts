import type { z } from "zod";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { PathSegment, YamlLocator } from "./yaml-locator.js";

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/**
 * zod's own messages name JSON types and regexes; users wrote YAML. This turns each issue into a
 * sentence about their document, pointing at the key or value they wrote.
 */
export function zodIssueToDiagnostic(
  issue: ZodIssue,
  root: AnySchema,
  input: unknown,
  locator: YamlLocator,
): Diagnostic[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
  const where = describePath(path);
  const value = valueAt(input, path);

  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(schemaAt(root, path));
      return issue.keys.map((key) =>
        diagnostic(
          "spec/unknown-property",
          `unknown property \`${key}\`${where ? ` in ${where}` : ""}`,
          locator.locate([...path, key], { key: true }),
          {
            expected: allowed.length ? `one of ${allowed.join(", ")}` : undefined,
            suggestion: didYouMean(key, allowed),
          },
        ),
      );
    }
    case "invalid_key": {
      const inner = issue.issues[0];
      const wanted = inner && inner.code === "invalid_format" ? inner.message : "a valid name";
      return [
        diagnostic(
          "spec/invalid-name",
          `\`${String(path[path.length - 1])}\` is not ${wanted}`,
          locator.locate(path, { key: true }),
          {
            expected: wanted,
          },
        ),
      ];
    }
    case "invalid_type": {
      if (value === undefined) {
        const parent = path.slice(0, -1);
        const name = String(path[path.length - 1]);
        return [
          diagnostic(
            "spec/missing-property",
            `missing required property \`${name}\`${parent.length ? ` in ${describePath(parent)}` : ""}`,
            locator.locate(parent, { key: true }),
            { expected: `\`${name}\`: ${issue.expected}` },
          ),
        ];
      }
      return [
        diagnostic(
          "spec/wrong-type",
          `${where} must be ${article(issue.expected)}, not ${typeName(value)}`,
          locator.locate(path),
          {
            expected: issue.expected,
          },
        ),
      ];
    }
    case "invalid_value": {
      const values = issue.values.map(String);
      const shown = typeof value === "string" ? `\`${value}\`` : JSON.stringify(value);
      return [
        diagnostic("spec/invalid-value", `${shown} is not a valid value for ${where}`, locator.locate(path), {
          expected: values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${values.join(", ")}`,
          suggestion: typeof value === "string" ? didYouMean(value, values) : undefined,
        }),
      ];
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const op = issue.code === "too_small" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
      const what =
        issue.origin === "array" ? "number of items" : issue.origin === "string" ? "length" : "value";
      const shown = Array.isArray(value) ? `${value.length} item(s)` : JSON.stringify(value);
      return [
        diagnostic(
          "spec/out-of-range",
          `${where} ${what} must be ${op} ${String(bound)}, got ${shown}`,
          locator.locate(path),
          {
            expected: `${what} ${op} ${String(bound)}`,
          },
        ),
      ];
    }
    case "invalid_format": {
      const wanted = issue.message.startsWith("Invalid") ? `matching ${issue.format}` : issue.message;
      return [
        diagnostic(
          "spec/invalid-format",
          `${JSON.stringify(value)} in ${where} is not ${wanted}`,
          locator.locate(path),
          {
            expected: wanted,
          },
        ),
      ];
    }
    case "invalid_union": {
      const expected = unionExpectation(schemaAt(root, path));
      return [
        diagnostic(
          "spec/wrong-type",
          `${where} must be ${expected}, not ${JSON.stringify(value)}`,
          locator.locate(path),
          {
            expected,
          },
        ),
      ];
    }
    default:
      return [diagnostic("spec/invalid", `${where}: ${issue.message}`, locator.locate(path))];
  }
}

export function describePath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out ? `\`${out}\`` : "the document";
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    string: "a string",
    number: "a number",
    boolean: "true or false",
    record: "a mapping",
  };
  return words[expected] ?? expected;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, AnySchema>;
  valueType?: AnySchema;
  element?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
}

function def(schema: AnySchema): SchemaDef {
  return schema._zod.def as unknown as SchemaDef;
}

/** Walks the zod schema along a document path (zod 4's `_zod.def` is its documented introspection surface). */
function schemaAt(root: AnySchema, path: readonly PathSegment[]): AnySchema | undefined {
  let current: AnySchema | undefined = unwrap(root);
  for (const segment of path) {
    if (!current) return undefined;
    const d = def(current);
    if (d.type === "object") current = d.shape?.[String(segment)];
    else if (d.type === "record") current = d.valueType;
    else if (d.type === "array") current = d.element;
    else return undefined;
    current = current ? unwrap(current) : undefined;
  }
  return current;
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (
    let d = def(current);
    (d.type === "optional" || d.type === "default") && d.innerType;
    d = def(current)
  ) {
    current = d.innerType;
  }
  return current;
}

function allowedKeys(schema: AnySchema | undefined): string[] {
  if (!schema) return [];
  const d = def(schema);
  return d.type === "object" && d.shape ? Object.keys(d.shape).filter((k) => !k.startsWith("$")) : [];
}

function unionExpectation(schema: AnySchema | undefined): string {
  if (!schema) return "a valid value";
  const d = def(schema);
  if (d.type !== "union" || !d.options) return article(d.type);
  return d.options.map((o) => article(def(o).type)).join(" or ");
}
