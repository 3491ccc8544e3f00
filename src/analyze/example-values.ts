import type { ScalarField } from "../model/index.js";
import type { ApiSchema } from "./derive-resources.js";
import { fnv1a } from "./stable-hash.js";

/**
 * Deterministic, plausible example values. Every example must validate against its own schema
 * (tests check this with ajv), so values are built from the constraints first and the name second.
 */

const NAMED_STRINGS: [RegExp, string][] = [
  [/display ?name|full ?name|^name$/i, "Ada Lovelace"],
  [/title/i, "Notes on the Analytical Engine"],
  [/body|content|text|message|comment/i, "The engine weaves algebraic patterns as the loom weaves flowers."],
  [/description|summary|bio/i, "A short description."],
  [/sku/i, "SKU-10042"],
  [/currency/i, "EUR"],
  [/country/i, "GB"],
  [/phone/i, "+44 20 7946 0958"],
  [/slug/i, "analytical-engine"],
  [/city/i, "London"],
  [/hash|password|secret|token/i, "s3cret-Passw0rd!"],
];

/** A UUIDv7-shaped id derived from the entity name, so the same entity always shows the same id. */
export function exampleId(seed: string): string {
  const hex = fnv1a(seed).toString(16).padStart(8, "0");
  return `0192f${hex.slice(0, 3)}-${hex.slice(3, 7)}-7${hex.slice(7, 8)}a1-8b2c-3d4e5f607182`;
}

export function exampleValue(
  entityName: string,
  propertyName: string,
  schema: ApiSchema,
  field?: ScalarField,
): unknown {
  if (field?.default !== undefined && field.type !== "decimal") return field.default;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case "boolean":
      return false;
    case "integer": {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? min + 100;
      return Math.min(max, Math.max(min, /quantity|count/i.test(propertyName) ? 2 : 1));
    }
    case "number":
      return schema.minimum ?? 1;
    case "object":
      return { key: "value" };
    case "string":
      return exampleString(entityName, propertyName, schema);
  }
}

function exampleString(entityName: string, propertyName: string, schema: ApiSchema): string {
  switch (schema.format) {
    case "uuid": {
      const target = propertyName === "id" ? entityName : propertyName.replace(/Id$/, "");
      return exampleId(target.charAt(0).toUpperCase() + target.slice(1));
    }
    case "date-time":
      return propertyName === "updatedAt" ? "2026-03-02T10:15:00Z" : "2026-03-01T09:30:00Z";
    case "date":
      return "2026-03-01";
    case "email":
      return "ada@example.com";
    case "uri":
      return "https://example.com/ada";
    case "decimal": {
      const scale = Number(/\{1,(\d+)\}\)\?\$$/.exec(schema.pattern ?? "")?.[1] ?? 0);
      return scale === 0 ? "9" : `9.${"50".padEnd(scale, "0").slice(0, scale)}`;
    }
    default:
      break;
  }
  let text = NAMED_STRINGS.find(([re]) => re.test(propertyName))?.[1] ?? `${propertyName} example`;
  const max = schema.maxLength ?? text.length;
  const min = schema.minLength ?? 0;
  if (text.length > max) text = text.slice(0, max);
  while (text.length < min) text += "x";
  return text;
}
