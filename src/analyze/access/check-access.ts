import { type Diagnostic, diagnostic } from "../../diagnostics/diagnostic.js";
import {
  type AccessRule,
  ANONYMOUS_ACTOR,
  type Entity,
  Field,
  Model,
  SYSTEM_ACTOR,
  type UseCase,
} from "../../model/index.js";
import { AccessRuleError, limitsRows, ownerPath, resolveRule, ruleAppliesTo } from "./access-rules.js";
import { entityAccess } from "./entity-access.js";
import { isLegacySpec, type PlannedOperation, planOperations, WRITE_KINDS } from "./plan-operations.js";
import { personEntityOf, rolesIncluding } from "./roles.js";

export interface AccessCheck {
  /** The design would be unusable or unsafe: `design` stops with these (exit 2). */
  readonly errors: readonly Diagnostic[];
  /** Worth a look; the design is still built. */
  readonly warnings: readonly Diagnostic[];
}

/** Names of references that usually mean "the person who did this". */
const CALLER_NAMES =
  /^(owner|author|creator|createdBy|sender|submittedBy|requestedBy|uploadedBy|postedBy|placedBy)$/;

/**
 * Design-time checks that the API will be usable by every use case's actor and by nobody else:
 * rules resolve, every use case has an operation its actor may call on some row, read-only roles
 * never write, lists of owned rows are limited, callers cannot claim to be someone else.
 */
export function checkAccess(model: Model): AccessCheck {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const byName = Model.entitiesByName(model);

  // Every declared rule, on the entity it guards: the entity's own and each use case's `whose`.
  const declared: { entity: Entity; rule: AccessRule }[] = [];
  for (const entity of model.entities)
    for (const rule of [...(entity.access?.read ?? []), ...(entity.access?.write ?? [])])
      declared.push({ entity, rule });
  for (const u of model.useCases) {
    const op = u.operation;
    if ((op?.kind !== "list" && op?.kind !== "command") || !op.whose) continue;
    const entity = byName.get(op.entity);
    if (entity) for (const rule of op.whose) declared.push({ entity, rule });
  }
  let resolvable = true;
  for (const { entity, rule } of declared) {
    try {
      resolveRule(model, entity, rule);
    } catch (error) {
      if (!(error instanceof AccessRuleError)) throw error;
      resolvable = false;
      errors.push(
        diagnostic("access/unresolvable-rule", error.message, error.location, { expected: error.expected }),
      );
    }
  }
  if (!resolvable) return { errors, warnings };

  const plans = new Map(model.entities.map((e) => [e.name, planOperations(model, e)] as const));
  for (const u of model.useCases) errors.push(...useCaseProblems(model, u, plans));
  for (const entity of model.entities) {
    const own = plans.get(entity.name) ?? [];
    warnings.push(...entityWarnings(model, entity, own));
  }
  return { errors: dedupe(errors), warnings: dedupe(warnings) };
}

function useCaseProblems(
  model: Model,
  u: UseCase,
  plans: ReadonlyMap<string, readonly PlannedOperation[]>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = Model.entitiesByName(model);
  const served = [...plans.values()].flat().filter((p) => p.useCases.includes(u));
  for (const plan of served) {
    for (const refusal of plan.refused.filter((r) => r.useCase === u)) {
      const readOnly = refusal.reason.endsWith("is read-only");
      out.push(
        diagnostic(
          readOnly ? "access/read-only-role-writes" : "access/use-case-unusable",
          `use case \`${u.name}\`: ${refusal.actor} cannot ${plan.kind === "command" && plan.stated?.kind === "command" ? `run \`${plan.stated.name}\` on` : `${plan.kind}`} ${plan.entity.name}: ${refusal.reason}`,
          u.location,
          {
            expected: readOnly
              ? `another actor, or drop \`readOnly\` from ${refusal.actor}`
              : `a rule in ${plan.entity.name}.access.${WRITE_KINDS.has(plan.kind) ? "write" : "read"} that grants ${refusal.actor} rows (owner, member, role or any)`,
          },
        ),
      );
    }
  }
  const op = u.operation;
  if (!op || u.actors.every((a) => a === SYSTEM_ACTOR)) return out;
  const entity = byName.get(op.entity);
  if (!entity) return out;
  if (entity.appendOnly && (op.kind === "update" || op.kind === "delete" || op.kind === "command")) {
    out.push(
      diagnostic(
        "access/append-only-change",
        `use case \`${u.name}\` ${op.kind === "command" ? `runs \`${op.name}\` on` : `${op.kind}s`} ${entity.name}, which is append-only: its rows never change once written`,
        op.location,
        { expected: `a create of a reversing or follow-up ${entity.name} row, or drop \`appendOnly\`` },
      ),
    );
    return out;
  }
  if (WRITE_KINDS.has(op.kind) && served.length === 0 && servicesWritten(u, byName) > 1) return out;
  if (op.kind === "update") {
    const plan = served.find((p) => p.kind === "update");
    const settable = entity.fields.filter(
      (f) => !f.serverSet && !f.immutable && !entity.key.includes(f.name),
    );
    if (plan && settable.length === 0)
      out.push(
        diagnostic(
          "access/use-case-unusable",
          `use case \`${u.name}\`: ${entity.name} has no field a client may change`,
          op.location,
          {
            expected: "a field that is not readOnly, immutable or part of the key; or a command",
          },
        ),
      );
  }
  const persons = u.actors
    .filter((a) => a !== ANONYMOUS_ACTOR && a !== SYSTEM_ACTOR)
    .map((a) => ({ actor: a, person: personEntityOf(model, a) }));
  if (op.kind === "feed") {
    const via = byName.get(op.via);
    const caller = via?.fields.find((f) => f.name === op.caller);
    for (const { actor, person } of persons) {
      if (!caller || !Field.isRef(caller) || caller.target !== person?.name)
        out.push(
          diagnostic(
            "access/feed-caller",
            `use case \`${u.name}\`: the feed compares \`${op.via}.${op.caller}\` with the caller, but ${actor}'s person entity is ${person?.name ?? "none"}`,
            op.location,
            {
              expected: `feed.caller naming a reference of ${op.via} to ${person?.name ?? "the caller's person entity"}`,
            },
          ),
        );
    }
  }
  if (op.kind === "command" && op.assigns) {
    const field = entity.fields.find((f) => f.name === op.assigns);
    for (const { actor, person } of persons) {
      if (!field || !Field.isRef(field) || field.target !== person?.name)
        out.push(
          diagnostic(
            "access/assigns-not-caller",
            `use case \`${u.name}\`: \`assigns: ${op.assigns}\` sets a reference to ${field && Field.isRef(field) ? field.target : "?"}, but ${actor}'s person entity is ${person?.name ?? "none"}`,
            op.location,
          ),
        );
    }
  }
  if (op.kind === "list" && op.whose) {
    const access = entityAccess(model, entity);
    const whose = op.whose.map((r) => resolveRule(model, entity, r));
    for (const actor of u.actors) {
      for (const role of rolesIncluding(model, actor)) {
        const read = access.read.filter((r) => ruleAppliesTo(model, r, role));
        const everyRow = read.some((r) => !limitsRows(r));
        for (const rule of whose.filter((r) => ruleAppliesTo(model, r, role))) {
          const granted =
            everyRow || read.some((r) => JSON.stringify(shape(r)) === JSON.stringify(shape(rule)));
          if (!granted)
            out.push(
              diagnostic(
                "access/whose-not-readable",
                `use case \`${u.name}\`: \`whose\` lists rows that ${entity.name}.access.read does not grant ${role}`,
                rule.location ?? op.location,
                { expected: `a rule that ${entity.name}.access.read also has for ${role}` },
              ),
            );
        }
      }
    }
  }
  return out;
}

/** A rule's meaning without its location, to compare two rules. */
function shape(rule: ReturnType<typeof resolveRule>): unknown {
  return { base: baseShape(rule), when: rule.when.map((w) => [w.field, [...w.values].sort()]) };
}

function baseShape(rule: ReturnType<typeof resolveRule>): unknown {
  switch (rule.kind) {
    case "owner":
      return { kind: rule.kind, path: rule.path.map((f) => f.name) };
    case "member":
      return { kind: rule.kind, via: rule.via.name, of: rule.of.map((f) => f.name) };
    case "role":
      return { kind: rule.kind, roles: rule.roles };
    default:
      return { kind: rule.kind };
  }
}

function servicesWritten(u: UseCase, byName: ReadonlyMap<string, Entity>): number {
  return new Set(u.writes.map((w) => byName.get(w)?.service)).size;
}

function entityWarnings(model: Model, entity: Entity, plans: readonly PlannedOperation[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const access = entityAccess(model, entity);
  const written = plans.filter((p) => WRITE_KINDS.has(p.kind) && p.grants.length > 0);
  const read = plans.filter((p) => !WRITE_KINDS.has(p.kind) && (p.grants.length > 0 || p.public));
  const readByUseCase = model.useCases.some((u) => u.reads.includes(entity.name));
  if (!isLegacySpec(model) && written.length > 0 && read.length === 0 && !readByUseCase) {
    out.push(
      diagnostic(
        "access/written-never-read",
        `${entity.name} is written (${written.map((p) => p.kind).join(", ")}) but no use case reads it: no role can ever see what was written`,
        entity.location,
        {
          expected:
            "a use case that lists or gets it, or mark the data as internal by reading it from a system use case",
        },
      ),
    );
  }
  for (const plan of plans.filter((p) => p.kind === "create")) {
    for (const grant of plan.grants) {
      // The creator is the row's owner through a reference set from its token; a create that must
      // name a readable parent is seen through that parent instead.
      const owned = grant.rows.filter((r) => r.kind === "owner" && r.path.length === 1);
      if (owned.length === 0 || grant.references.length > 0) continue;
      const read = access.read.filter((r) => ruleAppliesTo(model, r, grant.role));
      const sees = read.some(
        (r) => !limitsRows(r) || owned.some((o) => JSON.stringify(shape(o)) === JSON.stringify(shape(r))),
      );
      if (!sees)
        out.push(
          diagnostic(
            "access/creator-cannot-read",
            `a ${grant.role} creates ${entity.name} rows it owns but its read rules do not include its own rows: it cannot see what it just created`,
            entity.access?.location ?? entity.location,
            {
              expected: `add \`{ owner: ${owned[0]?.kind === "owner" ? owned[0].path.map((f) => f.name).join(".") : "..."} }\` to ${entity.name}.access.read`,
            },
          ),
        );
    }
  }
  if (!access.readDeclared && !entity.private) {
    for (const plan of plans.filter((p) => p.kind === "list")) {
      const exposed = plan.grants.filter((g) => {
        const person = personEntityOf(model, g.role);
        return (
          g.rows.length === 0 &&
          person !== undefined &&
          person !== entity &&
          ownerPath(model, entity, 1)?.person === person.name
        );
      });
      if (exposed.length > 0)
        out.push(
          diagnostic(
            "access/list-not-limited",
            `${exposed.map((g) => g.role).join(", ")} list${exposed.length === 1 ? "s" : ""} every ${entity.name}, though each row has an owner: declare ${entity.name}.access.read (public, owner, member...) to say who sees which rows`,
            entity.location,
          ),
        );
    }
  }
  for (const field of entity.fields) {
    if (!Field.isRef(field) || field.serverSet || !CALLER_NAMES.test(field.name)) continue;
    const isPerson = model.security.roles.some((r) => personEntityOf(model, r)?.name === field.target);
    const tokenSet = access.write.some(
      (r) => r.kind === "owner" && r.path.length === 1 && r.path[0] === field,
    );
    if (isPerson && !tokenSet && plans.some((p) => p.kind === "create" && p.grants.length > 0))
      out.push(
        diagnostic(
          "access/caller-field-client-set",
          `\`${entity.name}.${field.name}\` names the person who acted, but clients send it: anyone could act as anyone`,
          field.location,
          {
            expected: `\`owner: ${field.name}\` in ${entity.name}.access.write (set from the token), or readOnly`,
          },
        ),
      );
  }
  return out;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}|${d.message}|${d.location.line}|${d.location.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
