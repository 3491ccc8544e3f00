import { type Entity, Field, Model, type ScalarField, type UseCase } from "../model/index.js";
import { ANONYMOUS_ACTOR } from "../spec/check-spec.js";
import { allowsOperation } from "./append-only.js";
import { DEFAULT_MAX_LENGTH } from "./derive-tables.js";
import { exampleValue } from "./example-values.js";
import { isSagaParticipantWrite, primaryService, readsFromProjection } from "./integration.js";
import { collectionSegment, idParameterName, kebabCase, propertyName } from "./naming.js";

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
}

export type OperationKind = "list" | "get" | "create" | "update" | "delete";

export interface ResourceOperation {
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly method: "get" | "post" | "patch" | "delete";
  readonly path: string;
  readonly summary: string;
  /** Roles allowed; empty with `public` means anyone. */
  readonly roles: readonly string[];
  readonly public: boolean;
  /** Use cases served by this operation. */
  readonly useCases: readonly string[];
  /** Extra access rule in words (ownership). */
  readonly accessNote: string | undefined;
  /** Equality filters (list only). */
  readonly filters: readonly ApiProperty[];
  /** Allowed `sort` values (list only), first is the default. */
  readonly sorts: readonly string[];
  /** Peak requests per second from the use cases it serves. */
  readonly peakRps: number;
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
  const principal = principalEntity(model);
  return model.entities.map((entity) => deriveResource(model, entity, principal));
}

/** The entity that represents a signed-in person: ownership checks compare against it. */
export function principalEntity(model: Model): Entity | undefined {
  const named = ["User", "Account", "Member", "Customer", "Person"];
  for (const name of named) {
    const entity = model.entities.find((e) => e.name === name);
    if (entity) return entity;
  }
  return model.entities.find((e) => e.fields.some((f) => f.secret));
}

function deriveResource(model: Model, entity: Entity, principal: Entity | undefined): Resource {
  const collectionPath = `${API_VERSION_PREFIX}/${collectionSegment(entity.name)}`;
  const properties = deriveProperties(model, entity, principal);
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

  const byName = Model.entitiesByName(model);
  const readers = model.useCases.filter((u) => u.reads.includes(entity.name));
  // A use case whose answering service reads this entity from its own projection never calls this
  // entity's endpoints: its actor may still read the data (roles), but it is no traffic here.
  const callers = readers.filter(
    (u) =>
      entity.service === primaryService(u, byName) ||
      !readsFromProjection(u, byName, model.scale.latencyP99Ms),
  );
  // A use case that writes in several services runs as a saga: the client calls the orchestrator
  // only, and the other services write their part when the saga's message arrives. Such a step is
  // no reason to let the use case's actor call this entity's write endpoints.
  const writers = model.useCases.filter(
    (u) => u.writes.includes(entity.name) && !isSagaParticipantWrite(u, entity, byName),
  );
  const allRoles = model.security.roles;
  const baseRole = allRoles[0];
  const topRole = allRoles[allRoles.length - 1];
  // Roles are listed least privileged first: a use case's actor and every role above it may call.
  // An operation no use case asks for is open to the most privileged role only (deny by default).
  const rolesFor = (useCases: readonly UseCase[]) => {
    const allowed = new Set<string>();
    for (const u of useCases) {
      const from = u.actor === ANONYMOUS_ACTOR ? 0 : allRoles.indexOf(u.actor);
      for (const role of allRoles.slice(Math.max(0, from))) allowed.add(role);
    }
    if (allowed.size === 0 && topRole) allowed.add(topRole);
    return allRoles.filter((r) => allowed.has(r));
  };
  const isPublic = (useCases: readonly UseCase[]) => useCases.some((u) => u.actor === ANONYMOUS_ACTOR);
  const rps = (useCases: readonly UseCase[]) => useCases.reduce((sum, u) => sum + u.peakRps, 0);

  const ownerField =
    principal && principal !== entity
      ? entity.fields.find((f) => Field.isRef(f) && f.target === principal.name && f.required)
      : undefined;
  const ownerProperty = ownerField ? propertyName(ownerField.name, true) : undefined;
  const isPrincipal = principal === entity;
  const ownershipNote = (roles: readonly string[]) => {
    if (ownerProperty === undefined || !baseRole || !roles.includes(baseRole)) return undefined;
    const others = roles.filter((r) => r !== baseRole);
    return `\`${ownerProperty}\` is set from the caller's token. A ${baseRole} may change or delete only rows whose \`${ownerProperty}\` is the caller${others.length ? `; ${others.join(" and ")} may act on any row` : ""}.`;
  };
  const selfNote = (verb: string) =>
    isPrincipal && baseRole
      ? `A ${baseRole} may ${verb} only their own row (the id in the token).`
      : undefined;

  const filters = new Map<string, ApiProperty>();
  const sorts: string[] = [];
  for (const useCase of readers) {
    for (const name of useCase.filter[entity.name] ?? []) {
      const field = entity.fields.find((f) => f.name === name);
      const prop = field && properties.find((p) => p.field === field);
      if (prop) filters.set(prop.name, prop);
    }
    const sort = useCase.sort[entity.name];
    if (sort) {
      const value = sort
        .map((s) => `${s.direction === "desc" ? "-" : ""}${sortPropertyName(entity, s.field)}`)
        .join(",");
      if (!sorts.includes(value)) sorts.push(value);
    }
  }
  if (!sorts.includes("id")) sorts.push("id");

  const words = entity.name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const singular = `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
  const plural = collectionSegment(entity.name).replace(/-/g, " ");
  const mutable = properties.some((p) => p.updatable);
  const names = (useCases: readonly UseCase[]) => useCases.map((u) => u.name);
  const withSelf = (roles: readonly string[]) =>
    isPrincipal && baseRole && !roles.includes(baseRole)
      ? allRoles.filter((r) => r === baseRole || roles.includes(r))
      : roles;
  const readRoles = rolesFor(readers);
  const writeRoles = rolesFor(writers);

  const read = {
    roles: readRoles,
    public: isPublic(readers),
    useCases: names(callers),
    accessNote: privateReadNote(entity, ownerProperty, baseRole, readRoles),
  };
  const write = { roles: writeRoles, useCases: names(writers), accessNote: ownershipNote(writeRoles) };
  const self = (verb: string) => ({
    roles: withSelf(verb === "read" ? readRoles : writeRoles),
    useCases: names(verb === "read" ? callers : writers),
    accessNote: selfNote(verb),
  });
  const operation = (
    kind: OperationKind,
    method: ResourceOperation["method"],
    path: string,
    summary: string,
    access: Pick<ResourceOperation, "roles" | "useCases" | "accessNote"> & { public?: boolean },
  ): ResourceOperation => ({
    operationId: `${kind}${kind === "list" ? pluralPascal(entity.name) : entity.name}`,
    kind,
    method,
    path,
    summary,
    roles: access.roles,
    public: access.public ?? false,
    useCases: access.useCases,
    accessNote: access.accessNote,
    filters: kind === "list" ? [...filters.values()] : [],
    sorts: kind === "list" ? sorts : [],
    peakRps: kind === "list" ? rps(callers) : kind === "create" ? rps(writers) : 0,
  });
  const operations: ResourceOperation[] = [
    operation("list", "get", collectionPath, `List ${plural}`, read),
    operation("create", "post", collectionPath, `Create ${singular}`, {
      ...write,
      public: isPublic(writers),
    }),
    operation(
      "get",
      "get",
      itemPath,
      `Get ${singular}`,
      isPrincipal ? { ...self("read"), public: read.public } : read,
    ),
  ];
  if (mutable) {
    operations.push(
      operation("update", "patch", itemPath, `Update ${singular}`, isPrincipal ? self("change") : write),
    );
  }
  operations.push(operation("delete", "delete", itemPath, `Delete ${singular}`, write));

  return {
    entity,
    service: entity.service,
    schemaName: entity.name,
    collectionPath,
    itemPath,
    pathParameters,
    properties,
    operations: operations.filter((op) => allowsOperation(entity, op.kind)),
  };
}

/** Who sees which rows of a `private` entity: the owner's rows for the least privileged role. */
function privateReadNote(
  entity: Entity,
  ownerProperty: string | undefined,
  baseRole: string | undefined,
  roles: readonly string[],
): string | undefined {
  if (!entity.private || !baseRole || !roles.includes(baseRole)) return undefined;
  const others = roles.filter((r) => r !== baseRole);
  const above = others.length ? `; ${others.join(" and ")} see every row` : "";
  if (ownerProperty) {
    return `A ${baseRole} sees only rows whose \`${ownerProperty}\` is the caller: lists are filtered by the caller, and another caller's row answers 404${above}.`;
  }
  const parent = entity.fields.find((f) => Field.isRef(f) && f.required);
  const through = parent && Field.isRef(parent) ? `their own ${parent.target}` : "rows they own";
  return `A ${baseRole} sees only rows that belong to ${through}; another caller's row answers 404${above}.`;
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

function deriveProperties(model: Model, entity: Entity, principal: Entity | undefined): ApiProperty[] {
  const topRole = model.security.roles[model.security.roles.length - 1];
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
    const ownerRef =
      principal !== undefined &&
      principal !== entity &&
      Field.isRef(field) &&
      field.target === principal.name &&
      field.required;
    const fromServer = tenantManaged || ownerRef || field.serverSet;
    const privileged = field.privileged && !fromServer && topRole !== undefined;
    const origin = tenantManaged
      ? " Set from the caller's tenant."
      : ownerRef
        ? " Set from the caller's token."
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
