import { type Entity, Field, type Model, type ScalarField } from "../model/index.js";
import { describeRule, type ResolvedRule, ruleFilterSql } from "./access/access-rules.js";
import { entityAccess } from "./access/entity-access.js";
import {
  type PlannedKind,
  type PlannedOperation,
  planOperations,
  type RoleGrant,
} from "./access/plan-operations.js";
import { impliedFilters } from "./access/row-keys.js";
import { DEFAULT_MAX_LENGTH } from "./derive-tables.js";
import { exampleValue } from "./example-values.js";
import {
  collectionSegment,
  columnName,
  idParameterName,
  kebabCase,
  pascalCase,
  propertyName,
  tableName,
} from "./naming.js";

/** REST resources derived from entities and use cases: what every API artifact is rendered from. */

export interface ApiSchema {
  readonly type: "string" | "integer" | "number" | "boolean" | "object";
  readonly format?: string;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

export interface ApiProperty {
  /** camelCase JSON name. */
  readonly name: string;
  readonly schema: ApiSchema;
  readonly description: string;
  /** Set only by the server (id, audit columns). */
  readonly readOnly: boolean;
  /** Accepted in create bodies. */
  readonly creatable: boolean;
  /** Accepted in update bodies. */
  readonly updatable: boolean;
  /** Must be sent on create (required and no default). */
  readonly requiredOnCreate: boolean;
  /** Always present (non-null) in responses. */
  readonly alwaysPresent: boolean;
  readonly example: unknown;
  readonly field: Field | undefined;
  /** Set when only these roles may write the property (privileged fields). */
  readonly writeRoles: readonly string[] | undefined;
  /** The caller's own id, taken from the token. */
  readonly tokenSet: boolean;
}

export type OperationKind = PlannedKind;

/** Who may call an operation on which rows, for one role. */
export interface OperationGrant {
  readonly role: string;
  /** The rows in words: "every row", "rows whose `author` is the caller". */
  readonly rows: string;
  /** The WHERE condition it implies over the entity's table, `:caller` being the caller's person id. */
  readonly filter: string;
}

export interface ResourceOperation {
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly method: "get" | "post" | "patch" | "delete";
  readonly path: string;
  readonly summary: string;
  /** Roles allowed; empty with `public` means anyone. */
  readonly roles: readonly string[];
  readonly public: boolean;
  /** Per allowed role: the rows it reaches. */
  readonly grants: readonly OperationGrant[];
  /** What a caller without a token reaches, when the operation is public. */
  readonly publicGrant: OperationGrant | undefined;
  /** Use cases served by this operation. */
  readonly useCases: readonly string[];
  /** Extra access rule in words (ownership, membership, state). */
  readonly accessNote: string | undefined;
  /** Equality filters (list only). */
  readonly filters: readonly ApiProperty[];
  /** Allowed `sort` values (list only), first is the default. */
  readonly sorts: readonly string[];
  /** Peak requests per second from the use cases it serves. */
  readonly peakRps: number;
  /** The request starts a saga: 202 Accepted with the row to poll. */
  readonly async: boolean;
  /** command: the state transition. */
  readonly transition:
    | {
        readonly field: string;
        readonly from: readonly string[];
        readonly to: string;
        readonly assigns: string | undefined;
      }
    | undefined;
  /** redirect: the url property answered in `Location`. */
  readonly redirectTo: string | undefined;
  /** get or redirect by a unique property instead of the key. */
  readonly lookupBy: ApiProperty | undefined;
  /** feed: whose rows appear, in words. */
  readonly feedRows: string | undefined;
  /** feed: the join entity and the property of this resource compared with the followed rows. */
  readonly feed: { readonly via: string; readonly on: string } | undefined;
  /** list/feed: properties the query compares by equality though no parameter names them. */
  readonly rowKeys: readonly string[];
  /** update: the properties this operation may change (undefined: every updatable one). */
  readonly updatable: readonly string[] | undefined;
}

export interface PathParameter {
  readonly name: string;
  readonly property: ApiProperty;
}

export interface Resource {
  readonly entity: Entity;
  readonly service: string;
  /** Schema name in OpenAPI (the entity name). */
  readonly schemaName: string;
  readonly collectionPath: string;
  readonly itemPath: string;
  readonly pathParameters: readonly PathParameter[];
  readonly properties: readonly ApiProperty[];
  readonly operations: readonly ResourceOperation[];
}

export const API_VERSION_PREFIX = "/v1";
export const PAGE_LIMIT = { default: 20, max: 100 } as const;

export function deriveResources(model: Model): Resource[] {
  return model.entities.map((entity) => deriveResource(model, entity));
}

function deriveResource(model: Model, entity: Entity): Resource {
  const collectionPath = `${API_VERSION_PREFIX}/${collectionSegment(entity.name)}`;
  const plans = planOperations(model, entity);
  const properties = deriveProperties(model, entity, plans);
  const keyProps =
    entity.key.length === 0
      ? [{ name: idParameterName(entity.name), property: properties.find((p) => p.name === "id") }]
      : entity.key.map((k) => {
          const field = entity.fields.find((f) => f.name === k);
          const name = propertyName(k, field !== undefined && Field.isRef(field));
          return { name, property: properties.find((p) => p.name === name) };
        });
  const pathParameters: PathParameter[] = keyProps.flatMap((k) =>
    k.property ? [{ name: k.name, property: k.property }] : [],
  );
  const itemPath = `${collectionPath}/${pathParameters.map((p) => `{${p.name}}`).join("/")}`;

  const words = entity.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const singular = `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
  const plural = collectionSegment(entity.name).replace(/-/g, " ");
  const mutable = properties.some((p) => p.updatable);
  const propertyOf = (fieldName: string) => {
    const field = entity.fields.find((f) => f.name === fieldName);
    return field ? properties.find((p) => p.field === field) : undefined;
  };
  const tokenSet = properties.filter((p) => p.tokenSet).map((p) => p.name);
  const tokenSetFields = new Set(properties.filter((p) => p.tokenSet).map((p) => p.field?.name));

  const operations: ResourceOperation[] = [];
  for (const plan of plans) {
    if (plan.kind === "update" && !mutable) continue;
    if (plan.grants.length === 0 && !plan.public) continue;
    const readers = plan.useCases;
    const filters = new Map<string, ApiProperty>();
    const sorts: string[] = [];
    if (plan.kind === "list" || plan.kind === "feed") {
      for (const useCase of readers) {
        for (const name of useCase.filter[entity.name] ?? []) {
          const prop = propertyOf(name);
          if (prop) filters.set(prop.name, prop);
        }
        const sort = useCase.sort[entity.name];
        if (sort) {
          const value = sort
            .map((x) => `${x.direction === "desc" ? "-" : ""}${sortPropertyName(entity, x.field)}`)
            .join(",");
          if (!sorts.includes(value)) sorts.push(value);
        }
      }
      if (!sorts.includes("id")) sorts.push("id");
    }
    const grants = plan.grants.map((g) => grantOf(model, entity, g.role, g.rows, g.references));
    const stated = plan.stated;
    const base = {
      roles: plan.grants.map((g) => g.role),
      public: plan.public,
      grants,
      publicGrant: plan.public ? grantOf(model, entity, "anonymous", plan.publicRows) : undefined,
      useCases: plan.callers.map((u) => u.name),
      filters: [...filters.values()],
      sorts,
      peakRps:
        plan.kind === "get" || plan.kind === "update" || plan.kind === "delete"
          ? 0
          : plan.callers.reduce((sum, u) => sum + u.peakRps, 0),
      async: plan.async,
      transition: undefined,
      redirectTo: undefined,
      lookupBy: undefined,
      feedRows: undefined,
      feed: undefined,
      rowKeys: [
        ...new Set(
          plan.kind === "list" || plan.kind === "feed"
            ? readers.flatMap((u) => impliedFilters(model, u, entity).map((f) => propertyOf(f)?.name ?? f))
            : [],
        ),
      ],
      updatable: undefined,
    };
    // On create, a grant whose only rule compares a token-set reference with the caller is met by
    // the token itself: the note says "set from the caller's token" instead of a row condition.
    const shownGrants =
      plan.kind === "create"
        ? plan.grants.map((g, i) => {
            const only = g.rows.length === 1 ? g.rows[0] : undefined;
            const metByToken =
              g.references.length === 0 &&
              only?.kind === "owner" &&
              only.path.length === 1 &&
              only.when.length === 0 &&
              tokenSetFields.has(only.path[0]?.name ?? "");
            return metByToken
              ? { ...(grants[i] as OperationGrant), filter: "true" }
              : (grants[i] as OperationGrant);
          })
        : grants;
    const note = (extra: string[] = []) =>
      accessNote(
        base.publicGrant ? [base.publicGrant, ...shownGrants] : shownGrants,
        plan.kind,
        plan.kind === "create" ? tokenSet : [],
        extra,
      );
    switch (plan.kind) {
      case "list":
        operations.push({
          ...base,
          operationId: `list${pluralPascal(entity.name)}`,
          kind: "list",
          method: "get",
          path: collectionPath,
          summary: `List ${plural}`,
          accessNote: note(),
        });
        break;
      case "create":
        operations.push({
          ...base,
          operationId: `create${entity.name}`,
          kind: "create",
          method: "post",
          path: collectionPath,
          summary: `Create ${singular}`,
          accessNote: note(),
        });
        break;
      case "get": {
        const by = stated?.kind === "get" && stated.by ? propertyOf(stated.by) : undefined;
        operations.push({
          ...base,
          operationId: by ? `get${entity.name}By${pascalCase(by.name)}` : `get${entity.name}`,
          kind: "get",
          method: "get",
          path: by ? `${collectionPath}/by-${kebabCase(by.name)}/{${by.name}}` : itemPath,
          summary: by ? `Get ${singular} by ${humanize(by.name).toLowerCase()}` : `Get ${singular}`,
          accessNote: note(),
          lookupBy: by,
        });
        break;
      }
      case "update": {
        const fields =
          plan.updateFields === undefined
            ? undefined
            : plan.updateFields.map((f) => propertyOf(f)?.name).filter((n): n is string => !!n);
        operations.push({
          ...base,
          operationId: `update${entity.name}`,
          kind: "update",
          method: "patch",
          path: itemPath,
          summary: `Update ${singular}`,
          accessNote: note(fields ? [`Only ${fields.map((f) => `\`${f}\``).join(", ")} may change.`] : []),
          updatable: fields,
        });
        break;
      }
      case "delete":
        operations.push({
          ...base,
          operationId: `delete${entity.name}`,
          kind: "delete",
          method: "delete",
          path: itemPath,
          summary: `Delete ${singular}`,
          accessNote: note(),
        });
        break;
      case "command": {
        if (stated?.kind !== "command") break;
        const field = propertyOf(stated.field)?.name ?? stated.field;
        const assigns = stated.assigns ? (propertyOf(stated.assigns)?.name ?? stated.assigns) : undefined;
        operations.push({
          ...base,
          operationId: `${lowerFirst(pascalCase(stated.name))}${entity.name}`,
          kind: "command",
          method: "post",
          path: `${itemPath}/${stated.name}`,
          summary: `${humanize(stated.name)} ${singular}`,
          accessNote: note([
            `Moves \`${field}\` from ${stated.from.map((v) => `\`${v}\``).join(" or ")} to \`${stated.to}\`; from any other state it answers 409 and changes nothing.${assigns ? ` Sets \`${assigns}\` to the caller.` : ""}`,
          ]),
          transition: { field, from: stated.from, to: stated.to, assigns },
        });
        break;
      }
      case "redirect": {
        if (stated?.kind !== "redirect") break;
        const by = propertyOf(stated.by);
        const to = propertyOf(stated.to)?.name ?? stated.to;
        if (!by) break;
        operations.push({
          ...base,
          operationId: `redirect${entity.name}`,
          kind: "redirect",
          method: "get",
          path: `${collectionPath}/{${by.name}}/target`,
          summary: `Redirect to ${singular}'s ${humanize(to).toLowerCase()}`,
          accessNote: note([`Answers 302 with \`Location\` set to the row's \`${to}\`.`]),
          redirectTo: to,
          lookupBy: by,
        });
        break;
      }
      case "feed": {
        if (stated?.kind !== "feed") break;
        const rows = `${plural} whose \`${stated.on}\` the caller follows (a ${stated.via} with \`${stated.caller}\` = the caller names them as \`${stated.match}\`)`;
        operations.push({
          ...base,
          operationId: `list${pluralPascal(entity.name)}Feed`,
          kind: "feed",
          method: "get",
          path: `${API_VERSION_PREFIX}/feeds/${collectionSegment(entity.name)}`,
          summary: `Feed of ${plural} from followed ${stated.via === "Follow" ? "people" : "rows"}`,
          accessNote: note([`Returns ${rows}.`]),
          feedRows: rows,
          feed: { via: stated.via, on: propertyOf(stated.on)?.name ?? stated.on },
        });
        break;
      }
    }
  }

  return {
    entity,
    service: entity.service,
    schemaName: entity.name,
    collectionPath,
    itemPath,
    pathParameters,
    properties,
    operations,
  };
}

/** The status an operation answers on success, with its reason phrase. */
export function successStatusOf(op: ResourceOperation): [number, string] {
  switch (op.kind) {
    case "create":
      return op.async ? [202, "Accepted"] : [201, "Created"];
    case "delete":
      return [204, "No Content"];
    case "redirect":
      return [302, "Found"];
    default:
      return [200, "OK"];
  }
}

function grantOf(
  model: Model,
  entity: Entity,
  role: string,
  rows: readonly ResolvedRule[],
  references: RoleGrant["references"] = [],
): OperationGrant {
  const own =
    rows.length === 0
      ? { rows: "every row", filter: "true" }
      : {
          rows: rows.map(describeRule).join(", or "),
          filter: orSql(rows.map((r) => ruleFilterSql(model, entity, r))),
        };
  if (references.length === 0) return { role, ...own };
  // The referenced row must be one the caller may read: checked in the same transaction as the insert.
  const texts = references.map(
    (r) =>
      `\`${propertyName(r.field.name, true)}\` must name a ${r.target.name} the caller may read (${r.rules.map(describeRule).join(", or ")})`,
  );
  const checks = references.map((r) => {
    const inner = orSql(r.rules.map((x) => ruleFilterSql(model, r.target, x)));
    const where = r.target.service === entity.service ? inner : `${inner} /* asked of ${r.target.service} */`;
    return `${columnName(r.field.name, true)} IN (SELECT id FROM ${tableName(r.target.name)} WHERE ${where})`;
  });
  return {
    role,
    rows: own.filter === "true" ? texts.join("; ") : `${own.rows}; ${texts.join("; ")}`,
    filter: [...(own.filter === "true" ? [] : [own.filter]), ...checks].join(" AND "),
  };
}

/** Conditions joined with OR, each in parentheses when it has an AND of its own. */
function orSql(conditions: readonly string[]): string {
  if (conditions.length === 1) return conditions[0] ?? "true";
  return conditions.map((c) => (/ AND /.test(c) ? `(${c})` : c)).join(" OR ");
}

/** The access rule of one operation in words, for its OpenAPI description and DESIGN.md. */
function accessNote(
  shown: readonly OperationGrant[],
  kind: OperationKind,
  tokenSet: readonly string[],
  extra: readonly string[],
): string | undefined {
  const parts: string[] = [];
  if (tokenSet.length > 0)
    parts.push(
      `${tokenSet.map((p) => `\`${p}\``).join(" and ")} ${tokenSet.length === 1 ? "is" : "are"} set from the caller's token.`,
    );
  if (shown.some((g) => g.filter !== "true")) {
    const byRows = new Map<string, string[]>();
    for (const g of shown) {
      const rows = g.filter === "true" ? "every row" : g.rows;
      byRows.set(rows, [...(byRows.get(rows) ?? []), g.role]);
    }
    const rows = [...byRows.entries()].map(([text, roles]) => `${roles.join(", ")}: ${text}`).join("; ");
    const consequence =
      kind === "list" || kind === "feed"
        ? "The condition is part of the query, so other rows never appear."
        : kind === "create"
          ? "A reference to a row outside them answers 403."
          : "Any other row answers 404.";
    parts.push(`Row access (${rows}). ${consequence}`);
  }
  parts.push(...extra);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

function sortPropertyName(entity: Entity, field: string): string {
  const f = entity.fields.find((x) => x.name === field);
  return f ? propertyName(f.name, Field.isRef(f)) : field;
}

function pluralPascal(entityName: string): string {
  return kebabCase(collectionSegment(entityName))
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function deriveProperties(model: Model, entity: Entity, plans: readonly PlannedOperation[]): ApiProperty[] {
  const topRole = model.security.roles[model.security.roles.length - 1];
  // A reference an `owner` write rule compares with the caller is the caller: it comes from the
  // token, never from the body (so nobody can create a row as someone else).
  const fromToken = new Set(
    entityAccess(model, entity)
      .write.filter((r) => r.kind === "owner" && r.path.length === 1)
      .map((r) => (r.kind === "owner" ? r.path[0]?.name : undefined)),
  );
  // A state a command moves, and a reference a command sets to the caller, are the service's to set.
  const commandSet = new Set(
    plans.flatMap((p) =>
      p.stated?.kind === "command" ? [p.stated.field, ...(p.stated.assigns ? [p.stated.assigns] : [])] : [],
    ),
  );
  const props: ApiProperty[] = [];
  const system = (name: string, schema: ApiSchema, description: string): ApiProperty => ({
    name,
    schema,
    description,
    readOnly: true,
    creatable: false,
    updatable: false,
    requiredOnCreate: false,
    alwaysPresent: true,
    example: exampleValue(entity.name, name, schema),
    field: undefined,
    writeRoles: undefined,
    tokenSet: false,
  });
  if (entity.key.length === 0) {
    props.push(
      system(
        "id",
        { type: "string", format: "uuid" },
        `Identifier of the ${entity.name} (UUIDv7, time-ordered).`,
      ),
    );
  }
  for (const field of entity.fields) {
    if (field.secret) {
      // Secrets are accepted on write (e.g. a password the service hashes) but never returned.
      continue;
    }
    const name = propertyName(field.name, Field.isRef(field));
    const schema = Field.isRef(field) ? ({ type: "string", format: "uuid" } as const) : scalarSchema(field);
    const isKey = entity.key.includes(field.name);
    const tenantManaged =
      model.tenancy !== undefined && Field.isRef(field) && field.target === model.tenancy.entity;
    const hasDefault = Field.isScalar(field) && field.default !== undefined;
    // Owner references come from the caller's token, tenant references from the token's tenant,
    // and server-set fields from the service: none of them is the client's to send.
    const ownerRef = fromToken.has(field.name);
    const byCommand = commandSet.has(field.name);
    const fromServer = tenantManaged || ownerRef || field.serverSet || byCommand;
    const privileged = field.privileged && !fromServer && topRole !== undefined;
    const origin = tenantManaged
      ? " Set from the caller's tenant."
      : ownerRef
        ? " Set from the caller's token."
        : byCommand
          ? " Changed only by its commands."
          : field.serverSet
            ? " Set by the service."
            : privileged
              ? ` Only ${topRole} may set or change it; others get 403.`
              : "";
    props.push({
      name,
      schema,
      description: `${
        field.description ??
        (Field.isRef(field)
          ? `Identifier of the referenced ${field.target}.`
          : `${humanize(field.name)}${field.pii ? " (personal data)" : ""}.`)
      }${origin}`,
      readOnly: fromServer,
      tokenSet: ownerRef,
      // A privileged field with a default is left to it on create; without one, only topRole can create.
      creatable: !fromServer && !(privileged && hasDefault),
      updatable: !fromServer && !field.immutable && !isKey,
      requiredOnCreate: !fromServer && !(privileged && hasDefault) && field.required && !hasDefault,
      writeRoles: privileged && topRole !== undefined ? [topRole] : undefined,
      alwaysPresent: field.required,
      example: exampleValue(entity.name, name, schema, Field.isScalar(field) ? field : undefined),
      field,
    });
  }
  props.push(
    system("createdAt", { type: "string", format: "date-time" }, "When the row was created."),
    system("updatedAt", { type: "string", format: "date-time" }, "When the row last changed."),
  );
  if (entity.versioned) {
    props.push({
      ...system(
        "version",
        { type: "integer", format: "int32", minimum: 1, maximum: 2147483647 },
        "Optimistic-lock version: send it back on update; a stale value gets 409.",
      ),
      readOnly: false,
      updatable: true,
      example: 1,
    });
  }
  return props;
}

/** Fields whose values are secrets the client sends but never reads back (e.g. a password to hash). */
export function writeOnlySecrets(entity: Entity): Field[] {
  return entity.fields.filter((f) => f.secret);
}

export function scalarSchema(field: ScalarField): ApiSchema {
  switch (field.type) {
    case "string":
    case "text":
    case "email":
    case "url": {
      const max = field.max ?? (field.type === "text" ? 65536 : DEFAULT_MAX_LENGTH[field.type]);
      const min = field.min ?? (field.required ? 1 : undefined);
      const format = field.type === "email" ? "email" : field.type === "url" ? "uri" : undefined;
      return {
        type: "string",
        ...(format ? { format } : {}),
        ...(min !== undefined ? { minLength: min } : {}),
        maxLength: max,
      };
    }
    case "integer":
      return {
        type: "integer",
        format: "int32",
        minimum: field.min ?? -2147483648,
        maximum: field.max ?? 2147483647,
      };
    case "bigint":
      // Bounded to 2^53 - 1: JavaScript clients parse JSON numbers as doubles and would round beyond it.
      return {
        type: "integer",
        format: "int64",
        minimum: field.min ?? -Number.MAX_SAFE_INTEGER,
        maximum: field.max ?? Number.MAX_SAFE_INTEGER,
      };
    case "decimal": {
      // Decimals travel as strings: JSON numbers are binary floats and would corrupt money amounts.
      const scale = field.scale ?? 4;
      const whole = Math.max(1, (field.precision ?? 19) - scale);
      const fraction = scale > 0 ? `(\\.\\d{1,${scale}})?` : "";
      return {
        type: "string",
        format: "decimal",
        pattern: `^-?\\d{1,${whole}}${fraction}$`,
        maxLength: (field.precision ?? 19) + 2,
      };
    }
    case "boolean":
      return { type: "boolean" };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "date":
      return { type: "string", format: "date" };
    case "timestamp":
      return { type: "string", format: "date-time" };
    case "enum":
      return { type: "string", enum: field.values };
    case "json":
      return { type: "object" };
  }
}

function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
