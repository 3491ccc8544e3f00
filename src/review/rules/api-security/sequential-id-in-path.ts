import type { OpenApiNode } from "../../../import/openapi/openapi-node.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { schemaTypes } from "../../openapi/schema-walk.js";

const ID_NAME = /^id$|[_-]id$|[a-z]Id$|ID$/;
/**
 * Prose that says the ids are not handed out in sequence: random or snowflake ids, ids of 9 to 11
 * digits ("Meeting IDs can be longer than 10 digits", "the meeting ID in long format").
 */
const NOT_SEQUENTIAL_PROSE =
  /\brandom|\bunpredictable|\bsnowflake|\bnon-?sequential|\bnot sequential|\b\d+(?:\s*(?:to|-|–)\s*\d+)?\s+digits\b|\blonger than \d+|["*]*\blong\b["*]*\s*format/i;
/** A floor this high says ids are drawn from a wide space, not counted up from 1. */
const RANDOM_ID_FLOOR = 100_000_000;

export const sequentialIdInPath: OpenApiRule = {
  meta: {
    id: "sequential-id-in-path",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "A path parameter that identifies an object (`{id}`, `{user_id}`) is an integer the description does not say is random.",
    rationale:
      "Sequential integer ids are enumerable: a client that is allowed `/orders/41` tries `/orders/42`. Any missed object-level authorization check becomes a data breach, and ids leak business volumes.",
    howToFix:
      "Expose opaque identifiers (UUIDv7, ULID or prefixed random ids) in URLs, and check object-level authorization on every access regardless.",
    owasp: "API1:2023 Broken Object Level Authorization",
  },
  check(context, report) {
    const candidates: { name: string; parameter: OpenApiNode }[] = [];
    // One description that says an id is random speaks for every parameter of that name in the API:
    // Zoom describes `meetingId` as "longer than 10 digits" on some operations and as "The meeting ID." on others.
    const notSequential = new Set<string>();
    const seen = new Set<unknown>();
    for (const operation of context.operations) {
      for (const parameter of operation.parameters) {
        const name = parameter.string("name") ?? "";
        if (parameter.string("in") !== "path" || !ID_NAME.test(name) || seen.has(parameter.value)) continue;
        seen.add(parameter.value);
        const schemaEntry = parameter.get("schema");
        const schema = schemaEntry === undefined ? undefined : context.deref(schemaEntry);
        if (schema === undefined || !schemaTypes(schema).includes("integer")) continue;
        const description = `${parameter.string("description") ?? ""} ${schema.string("description") ?? ""}`;
        const minimum = schema.object?.minimum;
        if (
          NOT_SEQUENTIAL_PROSE.test(description) ||
          (typeof minimum === "number" && minimum >= RANDOM_ID_FLOOR)
        ) {
          notSequential.add(name);
          continue;
        }
        candidates.push({ name, parameter });
      }
    }
    for (const { name, parameter } of candidates) {
      if (notSequential.has(name)) continue;
      report({
        message: `path parameter "${name}" is a sequential integer id`,
        location: context.locate(parameter),
        fix: "use an opaque string id (UUIDv7 or ULID) in the path",
      });
    }
  },
};
