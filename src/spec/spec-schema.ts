import { z } from "zod";
import { AUTH_METHODS, ON_DELETE_ACTIONS, SCALAR_TYPES } from "../model/index.js";

/**
 * The archwright.yaml format, version 1. This schema checks shape only; cross-references (refs,
 * keys, filters) are checked in check-spec.ts, where the whole document is in view. The JSON Schema
 * for editors is generated from this file, so descriptions here are what users see on hover.
 */

const ENTITY_NAME = /^[A-Z][A-Za-z0-9]*$/;
const FIELD_NAME = /^[a-z][A-Za-z0-9]*$/;
const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/*
 * Upper bounds keep every figure finite: nothing real has more than a trillion rows or users, or
 * more than a hundred million requests per second, and past those the capacity arithmetic would
 * print Infinity and NaN instead of an error.
 */
const positiveCount = z.number().int().min(0).max(1e12);
const rate = z.number().min(0).max(1e8);

export const fieldSchema = z
  .strictObject({
    type: z.enum(SCALAR_TYPES).optional().describe("Scalar type. Use `ref` instead for a relation."),
    ref: z.string().regex(ENTITY_NAME).optional().describe("Name of the entity this field points to."),
    onDelete: z
      .enum(ON_DELETE_ACTIONS)
      .optional()
      .describe("What happens to this row when the referenced row is deleted (ref only)."),
    max: z.number().optional().describe("Maximum length (string, text) or value (integer, bigint, decimal)."),
    min: z.number().optional().describe("Minimum length (string, text) or value (integer, bigint, decimal)."),
    precision: z.number().int().min(1).max(1000).optional().describe("Total digits (decimal only)."),
    scale: z.number().int().min(0).max(1000).optional().describe("Digits after the point (decimal only)."),
    values: z.array(z.string().min(1)).min(1).optional().describe("Allowed values (enum only)."),
    default: z.union([z.string(), z.number(), z.boolean()]).optional().describe("Default value."),
    unique: z.boolean().optional().describe("No two rows may share this value."),
    optional: z
      .boolean()
      .optional()
      .describe("The field may be absent (NULL). Fields are required by default."),
    pii: z.boolean().optional().describe("Personally identifiable information."),
    secret: z.boolean().optional().describe("Never returned by the API (hashes, tokens)."),
    immutable: z
      .boolean()
      .optional()
      .describe("Set at creation, never changed by clients. Default: true for refs and key parts."),
    readOnly: z
      .boolean()
      .optional()
      .describe("Set only by the service (computed totals, workflow states); never accepted from clients."),
    privileged: z
      .boolean()
      .optional()
      .describe(
        "Only the most privileged role may set it. Default: true for fields named role, plan, permissions.",
      ),
    description: z.string().optional(),
  })
  .describe("A field: either a scalar `type` or a `ref` to another entity.");

const ROLE_NAME = /^[a-z][a-z0-9-]*$/;
const REF_PATH = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
const ruleWhen = z
  .record(z.string().regex(FIELD_NAME), z.array(z.string().min(1)).min(1))
  .optional()
  .describe("Only rows whose enum fields hold these values, e.g. { visibility: [public] }.");
const ruleRoles = z
  .union([z.string().regex(ROLE_NAME), z.array(z.string().regex(ROLE_NAME)).min(1)])
  .optional()
  .describe("Only these roles (and roles that inherit them) are granted rows by this rule.");

export const accessRuleSchema = z
  .union([
    z
      .enum(["public", "any", "owner", "member"])
      .describe(
        "`public`: anyone, signed in or not. `any`: every row, to every role the operation admits. `owner`: rows whose reference to the caller's person entity is the caller. `member`: rows the caller joins through the one entity linking them.",
      ),
    z.strictObject({
      owner: z
        .string()
        .regex(REF_PATH, "a dot path of reference fields, e.g. account.owner")
        .describe("Reference path ending at the caller's person entity, e.g. `author` or `account.owner`."),
      roles: ruleRoles,
      when: ruleWhen,
    }),
    z.strictObject({
      member: z
        .string()
        .regex(ENTITY_NAME)
        .describe("Join entity with a reference to the caller's person entity (e.g. Membership)."),
      of: z
        .string()
        .regex(REF_PATH)
        .optional()
        .describe("Reference path to the row the join entity points at; omit when it points at this entity."),
      caller: z
        .string()
        .regex(FIELD_NAME)
        .optional()
        .describe("The join entity's reference that is the caller (Follow.follower), when it has two."),
      roles: ruleRoles,
      when: ruleWhen,
    }),
    z.strictObject({
      role: z
        .union([z.string().regex(ROLE_NAME), z.array(z.string().regex(ROLE_NAME)).min(1)])
        .describe("These roles reach every row."),
      when: ruleWhen,
    }),
    z.strictObject({
      public: z.literal(true).describe("Anyone, signed in or not."),
      when: ruleWhen,
    }),
    z.strictObject({
      any: z.literal(true).describe("Every row, to every role the operation admits."),
      when: ruleWhen,
    }),
  ])
  .describe("Who reaches which rows: public, any, owner, member, or a role.");

const accessRulesSchema = z.union([accessRuleSchema, z.array(accessRuleSchema).min(1)]);

export const entitySchema = z.strictObject({
  description: z.string().optional(),
  service: z
    .string()
    .regex(SERVICE_NAME, "a kebab-case service name")
    .optional()
    .describe("The service that owns this entity. Omit to let archwright propose one."),
  key: z
    .array(z.string().regex(FIELD_NAME))
    .min(1)
    .optional()
    .describe("Fields forming a natural composite primary key. Omit for a generated UUID `id`."),
  unique: z
    .array(z.array(z.string().regex(FIELD_NAME)).min(2))
    .optional()
    .describe("Groups of fields unique together, e.g. [[product, warehouse]]."),
  fields: z.record(z.string().regex(FIELD_NAME, "a camelCase field name"), fieldSchema),
  growth: z
    .strictObject({
      perActiveUserPerDay: z.number().min(0).max(1e6).optional(),
      perDay: z.number().min(0).max(1e12).optional(),
      rows: positiveCount.optional(),
    })
    .optional()
    .describe("How fast rows accumulate; drives storage and archival planning."),
  private: z
    .boolean()
    .optional()
    .describe("Rows belong to one person (orders, payments): the least privileged role reads only its own."),
  versioned: z
    .boolean()
    .optional()
    .describe("Optimistic locking with a `version` column. Default: on when several use cases write it."),
  appendOnly: z
    .boolean()
    .optional()
    .describe(
      "Rows are never updated or deleted (ledger postings, audit events): no update/delete operations, the database refuses UPDATE and DELETE.",
    ),
  retention: z
    .string()
    .regex(/^[1-9]\d{0,4}[dwmy]$/, "a whole number followed by d, w, m or y, e.g. 30d")
    .optional()
    .describe(
      "How long a row is kept (30d, 12w, 18m, 7y), instead of scale.retentionYears: older rows are dropped with their partition or deleted by a scheduled job.",
    ),
  ephemeral: z
    .boolean()
    .optional()
    .describe(
      "Latest-value state that can be rebuilt (a driver's current position, a presence flag): an UNLOGGED table, or a Redis key with a TTL at high write rates. Lost on a crash.",
    ),
  sumsToZero: z
    .strictObject({
      field: z.string().regex(FIELD_NAME).describe("A numeric field (decimal, integer, bigint)."),
      per: z.string().regex(FIELD_NAME).describe("A ref field: the rows sharing its value sum to zero."),
    })
    .optional()
    .describe(
      "Invariant: the `field` values of the rows sharing one `per` sum to zero (the postings of an entry), checked at commit.",
    ),
  access: z
    .strictObject({
      read: accessRulesSchema.optional().describe("Rows each caller may list and get."),
      write: accessRulesSchema
        .optional()
        .describe("Rows each caller may create, update, delete or move through a command."),
    })
    .optional()
    .describe("Object-level authorization. Omit for the documented defaults (docs/spec.md, Access)."),
});

const sortSchema = z.union([
  z.string().regex(/^-?[a-z][A-Za-z0-9]*$/),
  z.array(z.string().regex(/^-?[a-z][A-Za-z0-9]*$/)).min(1),
]);

const entityOrObject = <T extends z.ZodRawShape>(shape: T) =>
  z.union([
    z.string().regex(ENTITY_NAME),
    z.strictObject({ entity: z.string().regex(ENTITY_NAME), ...shape }),
  ]);

export const useCaseSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  actor: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .describe(
      "Who performs it: a role from security.roles (or a list of roles), `anonymous` for public access, or `system` for the service's own jobs.",
    ),
  create: z.string().regex(ENTITY_NAME).optional().describe("The use case creates one row of this entity."),
  update: entityOrObject({
    fields: z.array(z.string().regex(FIELD_NAME)).min(1).optional().describe("The fields it may change."),
  })
    .optional()
    .describe("The use case changes a row of this entity (only `fields`, when given)."),
  delete: z.string().regex(ENTITY_NAME).optional().describe("The use case deletes a row of this entity."),
  get: entityOrObject({
    by: z.string().regex(FIELD_NAME).optional().describe("A unique field to look the row up by."),
  })
    .optional()
    .describe("The use case reads one row of this entity."),
  list: entityOrObject({
    whose: accessRulesSchema.optional().describe("Only rows matching these rules (e.g. `owner`, `member`)."),
  })
    .optional()
    .describe("The use case lists rows of this entity."),
  command: z
    .strictObject({
      entity: z.string().regex(ENTITY_NAME),
      name: z
        .string()
        .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "a kebab-case command name")
        .describe("The action, e.g. `accept`: POST /v1/<resources>/{id}/accept."),
      field: z.string().regex(FIELD_NAME).describe("The enum field holding the state."),
      from: z.array(z.string().min(1)).min(1).describe("States the command may start from."),
      to: z.string().min(1).describe("The state it moves to."),
      assigns: z
        .string()
        .regex(FIELD_NAME)
        .optional()
        .describe("A reference to the caller's person entity that the command sets to the caller."),
      whose: accessRulesSchema
        .optional()
        .describe(
          "Rows the actors may run it on, instead of the entity's write rules (e.g. any requested trip).",
        ),
    })
    .optional()
    .describe("A state transition on an enum field."),
  redirect: z
    .strictObject({
      entity: z.string().regex(ENTITY_NAME),
      by: z.string().regex(FIELD_NAME).describe("The unique field in the path, e.g. slug."),
      to: z.string().regex(FIELD_NAME).describe("The url field to redirect to."),
    })
    .optional()
    .describe("Answers 302 with the row's url: GET /v1/<resources>/{by}/target."),
  feed: z
    .strictObject({
      entity: z.string().regex(ENTITY_NAME),
      via: z.string().regex(ENTITY_NAME).describe("The join entity of who follows whom (e.g. Follow)."),
      caller: z.string().regex(FIELD_NAME).optional().describe("The reference of `via` that is the caller."),
      match: z
        .string()
        .regex(FIELD_NAME)
        .optional()
        .describe("The reference of `via` naming whose rows appear."),
      on: z
        .string()
        .regex(FIELD_NAME)
        .optional()
        .describe("The reference of `entity` compared with `match` (e.g. author)."),
    })
    .optional()
    .describe("Rows of `entity` from the people the caller follows through `via`."),
  reads: z.array(z.string().regex(ENTITY_NAME)).optional(),
  writes: z.array(z.string().regex(ENTITY_NAME)).optional(),
  filter: z
    .record(z.string().regex(ENTITY_NAME), z.array(z.string().regex(FIELD_NAME)).min(1))
    .optional()
    .describe("Entity -> fields the use case filters on (equality)."),
  sort: z
    .record(z.string().regex(ENTITY_NAME), sortSchema)
    .optional()
    .describe("Entity -> sort order, e.g. `-createdAt` (descending)."),
  peakRps: rate.describe("Requests per second at peak."),
  transactional: z.boolean().optional().describe("The writes must commit atomically."),
  consistency: z
    .enum(["strong", "eventual"])
    .optional()
    .describe(
      "strong: reads and writes see committed state (no projection, one database transaction); eventual: accepts projections and a saga across services.",
    ),
  rowsPerCall: z
    .record(z.string().regex(ENTITY_NAME), z.number().min(0).max(1e6))
    .optional()
    .describe(
      "Entity -> rows one call writes (or reads) of it, default 1: a double-entry transfer writes 2 postings, a message to a channel fans out to every member.",
    ),
  hotRows: z
    .record(z.string().regex(ENTITY_NAME), z.number().int().min(1).max(1000))
    .optional()
    .describe(
      "Entity -> rows of it every call updates that are the same rows on every call (a system fee account's balance): capacity flags each as a hot row.",
    ),
});

export const specSchema = z
  .strictObject({
    $schema: z.string().optional(),
    archwright: z.literal(1).describe("Spec format version."),
    system: z.strictObject({
      name: z.string().min(1),
      description: z.string().min(1),
      teamSize: z
        .number()
        .int()
        .min(1)
        .max(100_000)
        .optional()
        .describe("Engineers who will build and run the system."),
    }),
    scale: z.strictObject({
      users: positiveCount,
      dailyActiveUsers: positiveCount,
      peakRequestsPerSecond: rate,
      readWriteRatio: z.number().min(0).max(1e6).optional().describe("Reads per write. Default 10."),
      retentionYears: z.number().min(0).max(100).optional().describe("How long data is kept. Default 3."),
      availability: z
        .union([z.string().regex(/^\d{1,3}(\.\d+)?$/), z.number()])
        .optional()
        .describe('Availability target in percent, e.g. "99.9". Default 99.9.'),
      latencyP99Ms: z
        .number()
        .min(1)
        .max(600_000)
        .optional()
        .describe("p99 latency target in ms. Default 300."),
    }),
    security: z
      .strictObject({
        auth: z.array(z.enum(AUTH_METHODS)).min(1).optional(),
        person: z
          .string()
          .regex(ENTITY_NAME)
          .optional()
          .describe(
            "The entity whose row is the signed-in person, for every role that does not name its own.",
          ),
        roles: z
          .array(
            z.union([
              z.string().regex(ROLE_NAME),
              z.strictObject({
                name: z.string().regex(ROLE_NAME),
                description: z.string().optional(),
                person: z
                  .union([z.string().regex(ENTITY_NAME), z.literal("none")])
                  .optional()
                  .describe("The entity whose row is this role's signed-in person, or `none`."),
                inherits: z
                  .array(z.string().regex(ROLE_NAME))
                  .optional()
                  .describe("Roles whose permissions this role also has. Default: none (a peer)."),
                readOnly: z.boolean().optional().describe("Never granted a write, even an inherited one."),
                system: z
                  .boolean()
                  .optional()
                  .describe("A machine client (partner, integration) using client credentials; no person."),
              }),
            ]),
          )
          .min(1)
          .optional()
          .describe(
            "Roles. A plain name inherits every plain name before it (a ladder); an object role inherits only what it names.",
          ),
        compliance: z.array(z.enum(["gdpr", "pci-dss", "hipaa", "soc2"])).optional(),
      })
      .optional(),
    tenancy: z
      .strictObject({ entity: z.string().regex(ENTITY_NAME).describe("The entity that is the tenant.") })
      .optional()
      .describe("Multi-tenant isolation: every other entity belongs to one tenant."),
    capacity: z
      .strictObject(
        Object.fromEntries(
          ["postgres", "cache", "service", "storage", "growth"].map((group) => [
            group,
            z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])).optional(),
          ]),
        ),
      )
      .optional()
      .describe(
        "Per-node capacity assumptions to override (see docs/capacity.md), e.g. postgres: { writesPerSecond: 8000 }.",
      ),
    entities: z.record(z.string().regex(ENTITY_NAME, "a PascalCase entity name"), entitySchema),
    useCases: z.array(useCaseSchema).optional(),
  })
  .describe("archwright.yaml: a system description that archwright turns into a backend design.");

export type SpecDocument = z.infer<typeof specSchema>;
export type SpecField = z.infer<typeof fieldSchema>;
export type SpecEntity = z.infer<typeof entitySchema>;
export type SpecUseCase = z.infer<typeof useCaseSchema>;
export type SpecAccessRule = z.infer<typeof accessRuleSchema>;
export type SpecRole = NonNullable<NonNullable<SpecDocument["security"]>["roles"]>[number];

export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(specSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...schema, title: "archwright.yaml" };
}
