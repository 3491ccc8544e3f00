import pluralize from "pluralize";
import type { SpecDocument, SpecEntity, SpecField, SpecUseCase } from "../spec/spec-schema.js";
import {
  type BriefAction,
  type BriefComposition,
  findActions,
  findCompositions,
  VIEW_HEADS,
} from "./brief-actions.js";
import {
  classifyDoer,
  isPeopleWord,
  isPersonNoun as isPersonNounLike,
  isPrivilegedRole,
  orderRoles,
} from "./brief-roles.js";
import { type BriefSentence, splitBrief } from "./brief-sentences.js";
import {
  CREATE_VERBS,
  PERSON_OBJECTS,
  READ_VERBS,
  TRANSACTION_VERBS,
  VAGUE_NOUNS,
  VERB_RECORDS,
} from "./brief-vocabulary.js";
import { type CatalogUseCase, DOMAINS, PERSON_ENTITY } from "./domain-catalog.js";
import { type DomainMatch, matchDomains, sentenceWords } from "./domain-match.js";
import { guessFieldType } from "./field-type-guess.js";
import { findScaleFigures, type ScaleFigure } from "./scale-figures.js";

/** Where in the brief a drafted item came from. */
export interface DraftSource {
  /** 1-based sentence number. */
  readonly sentence: number;
  readonly text: string;
  /** Character offsets of the sentence in the brief. */
  readonly start: number;
  readonly end: number;
}

/** One drafted item and why it is there; `path` is its place in the spec document. */
export interface DraftItem {
  readonly kind: "system" | "scale" | "role" | "security" | "tenancy" | "entity" | "field" | "useCase";
  readonly name: string;
  /** For use cases: "verb Entity", the name a person's expectation uses. */
  readonly key?: string;
  /** `brief`: read from the text; `catalog`: added from a matched domain; `assumption`: a default. */
  readonly origin: "brief" | "catalog" | "assumption";
  readonly source?: DraftSource;
  readonly path: readonly (string | number)[];
  /** The comment written above the item. */
  readonly note: string;
}

export interface SpecDraft {
  readonly spec: SpecDocument;
  readonly questions: readonly string[];
  readonly assumptions: readonly string[];
  readonly items: readonly DraftItem[];
  /** Ids of the catalog domains the brief matched. */
  readonly domains: readonly string[];
}

const RESERVED_FIELDS = new Set(["id", "createdAt", "updatedAt", "version"]);

/** Defaults for what a brief leaves out; stated in the draft's assumptions. */
const DEFAULT_USERS = 10_000;
const DAU_SHARE = 0.2;
const MAU_TO_DAU = 0.3;
const REQUESTS_PER_ACTIVE_USER_PER_DAY = 40;
const PEAK_TO_AVERAGE = 4;
const DEFAULT_READ_WRITE = 10;
const TEXT_ENTITY_GROWTH = 0.1;

type NumericFigure = Exclude<ScaleFigure, { kind: "availability" } | { kind: "rowsPerDay" }>;

interface EntityDraft {
  readonly name: string;
  readonly spec: SpecEntity & { fields: Record<string, SpecField> };
  readonly origin: DraftItem["origin"];
  readonly source: BriefSentence | undefined;
  readonly note: string;
  readonly order: number;
  readonly fieldNotes: Map<
    string,
    { origin: DraftItem["origin"]; source: BriefSentence | undefined; note: string }
  >;
  /** The figure an entity's growth comes from, when the brief gives one. */
  growthNote?: { source: BriefSentence; note: string };
}

interface UseCaseDraft {
  spec: SpecUseCase;
  key: string;
  kind: "read" | "write";
  origin: DraftItem["origin"];
  source: BriefSentence | undefined;
  note: string;
}

/**
 * A plain-English brief -> a draft spec that validates, with every item traced to the sentence it
 * came from and what the brief leaves open as questions and assumptions. Pure and deterministic.
 */
export function draftSpec(text: string): SpecDraft {
  return new Drafter(text).draft();
}

class Drafter {
  private readonly sentences: BriefSentence[];
  private readonly domains: DomainMatch[];
  private readonly actions: BriefAction[];
  private readonly compositions: BriefComposition[];
  private readonly entities = new Map<string, EntityDraft>();
  private readonly useCases: UseCaseDraft[] = [];
  private readonly roles = new Map<string, BriefSentence>();
  private readonly questions: string[] = [];
  private readonly assumptions: string[] = [];
  private readonly items: DraftItem[] = [];
  /** Catalog words of the matched domains -> entity name. */
  private readonly catalogWords = new Map<string, string>();

  constructor(private readonly text: string) {
    this.sentences = splitBrief(text);
    this.domains = matchDomains(this.sentences);
    this.actions = this.sentences.flatMap(findActions);
    this.compositions = this.sentences.flatMap(findCompositions);
    for (const match of this.domains)
      for (const entity of match.domain.entities)
        for (const word of [entity.name.toLowerCase(), ...entity.words])
          if (!this.catalogWords.has(word)) this.catalogWords.set(word, entity.name);
  }

  draft(): SpecDraft {
    this.collectRoles();
    const roles = this.orderedRoles();
    this.addPerson(roles);
    this.addCatalogEntities();
    this.addActions(roles);
    this.addCompositions();
    this.addCatalogUseCases(roles);
    this.fillEmptyEntities();
    const scale = this.scale();
    this.applyGrowth();
    this.spreadLoad(scale.peakRequestsPerSecond, scale.readWriteRatio ?? DEFAULT_READ_WRITE);
    const security = this.security(roles);
    const system = this.system();
    const tenancy = this.domains.find((d) => d.domain.tenancy !== undefined);
    if (tenancy?.domain.tenancy !== undefined) {
      this.item(
        "tenancy",
        "tenancy",
        "catalog",
        tenancy.sentence,
        ["tenancy"],
        "multi-tenant: every row belongs to one organization",
      );
    }
    for (const match of this.domains) for (const q of match.domain.questions) this.ask(q);

    const entities: Record<string, SpecEntity> = {};
    for (const entity of [...this.entities.values()].sort((a, b) => a.order - b.order)) {
      entities[entity.name] = entity.spec;
      this.item("entity", entity.name, entity.origin, entity.source, ["entities", entity.name], entity.note);
      for (const [field, note] of entity.fieldNotes)
        this.item(
          "field",
          `${entity.name}.${field}`,
          note.origin,
          note.source,
          ["entities", entity.name, "fields", field],
          note.note,
        );
      if (entity.growthNote)
        this.item(
          "scale",
          `${entity.name}.growth`,
          "brief",
          entity.growthNote.source,
          ["entities", entity.name, "growth"],
          entity.growthNote.note,
        );
    }
    this.useCases.forEach((u, index) => {
      this.items.push({
        kind: "useCase",
        name: u.spec.name,
        key: u.key,
        origin: u.origin,
        ...(u.source ? { source: toSource(u.source) } : {}),
        path: ["useCases", index],
        note: sourceNote(u.origin, u.source, u.note),
      });
    });
    const spec: SpecDocument = {
      archwright: 1,
      system,
      scale,
      security,
      ...(tenancy?.domain.tenancy !== undefined ? { tenancy: { entity: tenancy.domain.tenancy } } : {}),
      entities,
      ...(this.useCases.length > 0 ? { useCases: this.useCases.map((u) => orderedUseCase(u.spec)) } : {}),
    };
    return {
      spec,
      questions: this.questions,
      assumptions: this.assumptions,
      items: this.items,
      domains: this.domains.map((d) => d.domain.id),
    };
  }

  // --- roles -------------------------------------------------------------------------------

  private thingWords(): ReadonlySet<string> {
    const words = new Set<string>(Object.values(VERB_RECORDS));
    for (const domain of DOMAINS)
      for (const entity of domain.entities) for (const w of entity.words) if (w !== "device") words.add(w);
    for (const c of this.compositions) if (!isPeopleWord(c.whole)) words.add(c.whole);
    for (const a of this.actions) if (!isPersonNounLike(a.object)) words.add(a.object);
    return words;
  }

  private collectRoles(): void {
    const things = this.thingWords();
    for (const action of this.actions) {
      const doer = classifyDoer(action.subject, things, action.subjectPlural);
      if (doer.kind === "role" && !this.roles.has(doer.role)) this.roles.set(doer.role, action.sentence);
      // IoT devices call the API themselves: they are a client role, not a person.
      if (
        doer.kind === "thing" &&
        this.catalogWords.get(action.subject) === "Device" &&
        !this.roles.has("device")
      )
        this.roles.set("device", action.sentence);
    }
  }

  private orderedRoles(): string[] {
    let roles = orderRoles([...this.roles.keys()]);
    if (roles.length === 0) {
      roles = ["user", "admin"];
      this.assume("The brief names no roles: drafted `user` and `admin`.");
      this.ask("Who uses the system, and which kinds of users may do more than others?");
      this.item(
        "role",
        "user",
        "assumption",
        undefined,
        ["security", "roles"],
        "assumed: no roles in the brief",
      );
      return roles;
    }
    for (const role of roles) {
      this.item("role", role, "brief", this.roles.get(role), ["security", "roles"], `role \`${role}\``);
    }
    if (!roles.some(isPrivilegedRole)) {
      roles.push("admin");
      this.assume(
        "Added an `admin` role, most privileged: operations no use case opens are reserved to it (deny by default).",
      );
    }
    if (roles.length > 1)
      this.ask(
        `Is the role order right, least privileged first: ${roles.join(" < ")}? Each role may do what those before it may.`,
      );
    return roles;
  }

  /** The role name of a doer, or `anonymous`; undefined for the system or a thing. */
  private actor(action: BriefAction): string | undefined {
    const doer = classifyDoer(action.subject, this.thingWords(), action.subjectPlural);
    if (doer.kind === "role") return doer.role;
    if (doer.kind === "anonymous") return "anonymous";
    if (doer.kind === "thing" && this.catalogWords.get(action.subject) === "Device") return "device";
    return undefined;
  }

  // --- entities ----------------------------------------------------------------------------

  private addPerson(roles: readonly string[]): void {
    const source = this.roles.values().next().value;
    const fields: Record<string, SpecField> = {
      email: { type: "email", unique: true, pii: true },
      displayName: { type: "string", max: 80 },
    };
    if (roles.length > 1) fields.role = { type: "enum", values: [...roles], default: roles[0] ?? "user" };
    this.addEntity(
      PERSON_ENTITY,
      { fields },
      source ? "brief" : "assumption",
      source,
      "the people who sign in",
      -1,
    );
    this.noteField(
      PERSON_ENTITY,
      "email",
      "assumption",
      undefined,
      "assumed: people sign in with an email address",
    );
    if (fields.role)
      this.noteField(PERSON_ENTITY, "role", "brief", source, "one value per role in security.roles");
  }

  private addCatalogEntities(): void {
    for (const match of this.domains) {
      for (const entity of match.domain.entities) {
        const named = this.sentences.find((s) => entity.words.some((w) => sentenceWords(s).has(w)));
        if (!entity.core && named === undefined) continue;
        const source = named ?? match.sentence;
        const note = named
          ? `${match.domain.label.toLowerCase()} catalog entity, named in the brief`
          : `${match.domain.label.toLowerCase()} catalog entity: such systems have one`;
        this.addEntity(
          entity.name,
          structuredClone(entity.spec) as EntityDraft["spec"],
          "catalog",
          source,
          note,
          source.number,
        );
      }
    }
  }

  private addEntity(
    name: string,
    spec: EntityDraft["spec"],
    origin: DraftItem["origin"],
    source: BriefSentence | undefined,
    note: string,
    order = source?.number ?? 1000,
  ): EntityDraft {
    const existing = this.entities.get(name);
    if (existing) return existing;
    const entity: EntityDraft = { name, spec, origin, source, note, order, fieldNotes: new Map() };
    this.entities.set(name, entity);
    return entity;
  }

  private noteField(
    entity: string,
    field: string,
    origin: DraftItem["origin"],
    source: BriefSentence | undefined,
    note: string,
  ) {
    this.entities.get(entity)?.fieldNotes.set(field, { origin, source, note });
  }

  /** The entity a noun phrase names: a catalog entity, the person entity, or a new one. */
  private resolve(noun: string, source: BriefSentence, create: boolean): string | undefined {
    let words = noun.split(" ").filter((w) => /^[a-z][a-z0-9]*$/.test(w));
    if (words.length > 1 && VIEW_HEADS.has(words.at(-1) ?? "")) words = words.slice(0, -1);
    const phrase = words.join(" ");
    const head = words.at(-1) ?? "";
    if (head === "") return undefined;
    const catalog = this.catalogWords.get(phrase) ?? this.catalogWords.get(head);
    if (catalog !== undefined) return catalog;
    if (PERSON_OBJECTS.has(head) || this.isRoleWord(phrase)) return PERSON_ENTITY;
    if (VAGUE_NOUNS.has(head) || VIEW_HEADS.has(head)) return undefined;
    const name = pascal(words.map((w, i) => (i === words.length - 1 ? pluralize.singular(w) : w)));
    if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) return undefined;
    if (this.entities.has(name)) return name;
    if (!create) return undefined;
    this.addEntity(name, { fields: {} }, "brief", source, "named in the brief");
    return name;
  }

  private isRoleWord(noun: string): boolean {
    if (isPeopleWord(noun)) return true;
    const doer = classifyDoer(noun, this.thingWords());
    return doer.kind === "role" && this.roles.has(doer.role);
  }

  private addRef(
    entity: string,
    field: string,
    target: string,
    optional: boolean,
    source: BriefSentence,
    note: string,
    onDelete?: SpecField["onDelete"],
  ): void {
    const draft = this.entities.get(entity);
    const targetDraft = this.entities.get(target);
    if (!draft || !targetDraft || targetDraft.spec.key !== undefined) return;
    if (entity === target && !optional) return;
    if (this.tenantEntity() === entity) return;
    if (!/^[a-z][A-Za-z0-9]*$/.test(field) || RESERVED_FIELDS.has(field) || draft.spec.fields[field]) return;
    if (Object.values(draft.spec.fields).some((f) => f.ref === target && target !== PERSON_ENTITY)) return;
    draft.spec.fields[field] = {
      ref: target,
      ...(optional ? { optional: true } : {}),
      ...(onDelete ? { onDelete } : {}),
    };
    this.noteField(entity, field, "brief", source, note);
  }

  private tenantEntity(): string | undefined {
    return this.domains.find((d) => d.domain.tenancy !== undefined)?.domain.tenancy;
  }

  // --- use cases ---------------------------------------------------------------------------

  private addActions(roles: readonly string[]): void {
    for (const action of this.actions) {
      const actor = this.actor(action);
      if (actor === undefined) {
        if (classifyDoer(action.subject, this.thingWords()).kind === "system")
          this.ask(
            `Sentence ${action.sentence.number} says the ${action.subject} should ${action.verb} ${pluralize.plural(action.object)}: is that a background job, and what triggers it? (not drafted as a use case)`,
          );
        continue;
      }
      if (actor !== "anonymous" && actor !== "device" && !roles.includes(actor)) continue;
      // "landlords list apartments" publishes them; "customers list their orders" reads them.
      const kind = READ_VERBS.has(action.verb) || (action.verb === "list" && action.own) ? "read" : "write";
      const target = this.actionEntity(action, actor, kind);
      if (target === undefined) continue;
      const useCase: SpecUseCase = { name: useCaseName(action), actor, peakRps: 0 };
      if (kind === "read") {
        useCase.reads = [target];
        const ownField = action.own ? this.ownerField(target, actor) : undefined;
        if (ownField) useCase.filter = { [target]: [ownField] };
        if (action.plural || action.own) useCase.sort = { [target]: "-createdAt" };
      } else {
        useCase.writes = [target];
        this.linkDoer(target, actor, action);
      }
      this.addUseCase({
        spec: useCase,
        key: `${action.verb} ${target}`,
        kind,
        origin: "brief",
        source: action.sentence,
        note: `${actor === "anonymous" ? "anyone" : actor} ${kind === "read" ? "reads" : "writes"} ${target}`,
      });
    }
  }

  /** The entity an action works on; people acted on by people become a relation entity. */
  private actionEntity(action: BriefAction, actor: string, kind: "read" | "write"): string | undefined {
    // "comment on posts", "follow members": a verb the catalog knows as a thing names what is written.
    const byVerb = kind === "write" ? this.catalogWords.get(action.verb) : undefined;
    if (byVerb !== undefined && this.entities.has(byVerb)) {
      const object = this.resolve(action.object, action.sentence, false);
      const catalogObject = object !== undefined && this.entities.get(object)?.origin === "catalog";
      if (action.preposition !== undefined || object === PERSON_ENTITY || catalogObject) return byVerb;
    }
    if (kind === "write" && action.container !== undefined) {
      const container = this.resolve(action.container, action.sentence, true);
      if (container !== undefined && container !== PERSON_ENTITY) return container;
    }
    const record = VERB_RECORDS[action.verb];
    if (kind === "write" && record !== undefined && action.verb === "pay") return this.payment(action, actor);
    const objectIsPerson =
      this.isRoleWord(action.object) && !PERSON_OBJECTS.has(action.object.split(" ").at(-1) ?? "");
    if (objectIsPerson && (kind === "read" || isPrivilegedRole(actor) || actor === "anonymous"))
      return PERSON_ENTITY;
    const makesRecord =
      kind === "write" &&
      record !== undefined &&
      (objectIsPerson || action.preposition !== undefined || TRANSACTION_VERBS.has(action.verb));
    if (!makesRecord) {
      if (objectIsPerson) return this.relation(action, actor, pascal([gerund(action.verb)]));
      return this.resolve(action.object, action.sentence, true);
    }
    if (objectIsPerson) return this.relation(action, actor, pascal([record]));
    const about = this.resolve(action.object, action.sentence, true);
    const name = this.resolve(record, action.sentence, true);
    if (name === undefined || name === PERSON_ENTITY) return about;
    if (about !== undefined && about !== name) {
      this.addRef(
        name,
        camel(lastWord(action.object)),
        about,
        false,
        action.sentence,
        `what the ${record} is for`,
      );
    }
    return name;
  }

  /** "riders rate drivers": a row linking two people. */
  private relation(action: BriefAction, actor: string, name: string): string | undefined {
    if (!/^[A-Z][A-Za-z0-9]+$/.test(name) || name === PERSON_ENTITY) return undefined;
    const existing = this.catalogWords.get(name.toLowerCase());
    if (existing !== undefined && this.entities.has(existing)) return existing;
    if (!this.entities.has(name)) {
      this.addEntity(
        name,
        { fields: {} },
        "brief",
        action.sentence,
        `one ${actor} ${action.verb}s another person`,
      );
      const objectRole = classifyDoer(action.object, this.thingWords());
      const objectField = objectRole.kind === "role" ? camel(objectRole.role) : "subject";
      const subjectField = camel(actor);
      this.addRef(
        name,
        subjectField,
        PERSON_ENTITY,
        false,
        action.sentence,
        `the ${actor} who ${action.verb}s`,
      );
      this.addRef(
        name,
        objectField === subjectField ? `other${pascal([objectField])}` : objectField,
        PERSON_ENTITY,
        false,
        action.sentence,
        `the person ${action.verb.endsWith("e") ? `${action.verb}d` : `${action.verb}ed`}`,
      );
    }
    return name;
  }

  /** "riders pay the fare": a Payment whose amount is named after what is paid. */
  private payment(action: BriefAction, actor: string): string | undefined {
    const name = this.resolve("payment", action.sentence, true);
    const entity = name ? this.entities.get(name) : undefined;
    if (!name || !entity) return undefined;
    const field = camel(lastWord(action.object));
    const known = this.resolve(action.object, action.sentence, false);
    if (known !== undefined && known !== PERSON_ENTITY && known !== name) {
      this.addRef(name, field, known, false, action.sentence, `what the ${actor} pays for`);
    } else if (
      entity.origin !== "catalog" &&
      !entity.spec.fields[field] &&
      /^[a-z][A-Za-z0-9]*$/.test(field) &&
      !RESERVED_FIELDS.has(field)
    ) {
      const type = guessFieldType(field);
      entity.spec.fields[field] =
        type.type === "decimal" ? type : { type: "decimal", precision: 12, scale: 2, min: 0 };
      this.noteField(name, field, "brief", action.sentence, `the ${action.object} paid`);
    }
    return name;
  }

  /** A person who creates a row owns it; a person who acts on it later is recorded on it. */
  private linkDoer(target: string, actor: string, action: BriefAction): void {
    const entity = this.entities.get(target);
    if (!entity || target === PERSON_ENTITY || actor === "anonymous" || actor === "device") return;
    if (isPrivilegedRole(actor) || entity.origin === "catalog" || entity.spec.key !== undefined) return;
    const personRefs = Object.values(entity.spec.fields).filter((f) => f.ref === PERSON_ENTITY);
    const field = camel(actor);
    if (entity.spec.fields[field]) return;
    // A verb that leaves a record ("pay", "apply") creates that record, so its doer owns it.
    const creating = CREATE_VERBS.has(action.verb) || VERB_RECORDS[action.verb] !== undefined;
    const creates = creating && !personRefs.some((f) => f.optional !== true);
    this.addRef(
      target,
      field,
      PERSON_ENTITY,
      !creates,
      action.sentence,
      creates ? `the ${actor} who ${action.verb}s it owns it` : `the ${actor} who ${action.verb}s it`,
    );
  }

  private ownerField(target: string, actor: string): string | undefined {
    const entity = this.entities.get(target);
    if (!entity) return undefined;
    const own = entity.spec.fields[camel(actor)];
    if (own?.ref === PERSON_ENTITY) return camel(actor);
    return Object.entries(entity.spec.fields).find(
      ([, f]) => f.ref === PERSON_ENTITY && f.optional !== true,
    )?.[0];
  }

  private addUseCase(draft: UseCaseDraft): void {
    if (this.useCases.some((u) => u.key === draft.key && u.spec.actor === draft.spec.actor)) return;
    let name = draft.spec.name;
    for (let n = 2; this.useCases.some((u) => u.spec.name === name); n++) name = `${draft.spec.name} (${n})`;
    draft.spec.name = name;
    this.useCases.push(draft);
  }

  private addCatalogUseCases(roles: readonly string[]): void {
    for (const match of this.domains) {
      for (const c of match.domain.useCases) {
        const entities = [...(c.reads ?? []), ...(c.writes ?? [])];
        if (!entities.every((e) => this.entities.has(e))) continue;
        if (this.useCases.some((u) => u.key === c.key)) continue;
        const kind = (c.writes ?? []).length > 0 ? "write" : "read";
        const first = kind === "write" ? c.writes?.[0] : c.reads?.[0];
        const actor = catalogActor(c, roles);
        const same = this.useCases.find(
          (u) =>
            u.origin === "brief" &&
            u.kind === kind &&
            u.spec.actor === actor &&
            (kind === "write" ? u.spec.writes?.[0] : u.spec.reads?.[0]) === first,
        );
        if (same) {
          if (kind === "read" && same.spec.filter === undefined && c.filter) {
            same.spec.filter = copyRecord(c.filter);
            same.spec.sort = copyRecord(c.sort ?? {});
          }
          continue;
        }
        this.addUseCase({
          spec: catalogUseCase(c, roles),
          key: c.key,
          kind,
          origin: "catalog",
          source: match.sentence,
          note: `${match.domain.label.toLowerCase()} catalog use case`,
        });
      }
    }
  }

  // --- compositions ------------------------------------------------------------------------

  private addCompositions(): void {
    for (const c of this.compositions) {
      if (c.whole.split(" ").some((w) => /^(we|i|you|it|they|this|that|each|every)$/.test(w))) continue;
      const whole = this.resolve(c.whole, c.sentence, true);
      if (whole === undefined) continue;
      for (const part of c.parts) {
        if (c.belongsTo) {
          const parent = this.resolve(part.noun, c.sentence, true);
          if (parent && parent !== whole)
            this.addRef(
              whole,
              camel(lastWord(part.noun)),
              parent,
              false,
              c.sentence,
              `a ${c.whole} belongs to a ${part.noun}`,
            );
          continue;
        }
        const known = this.resolve(part.noun, c.sentence, false);
        if (known !== undefined && known !== whole) {
          const field = camel(lastWord(part.noun));
          const note = `a ${c.whole} has ${part.plural ? pluralize.plural(part.noun) : `a ${part.noun}`}`;
          if (known === PERSON_ENTITY) {
            // "a trip has a driver": a reference to the person; "a team has members" needs a join.
            if (!part.plural && whole !== PERSON_ENTITY)
              this.addRef(whole, field, known, true, c.sentence, note);
          } else if (part.plural) {
            this.addRef(known, camel(lastWord(c.whole)), whole, false, c.sentence, note, "cascade");
          } else {
            this.addRef(whole, field, known, false, c.sentence, note);
          }
          continue;
        }
        const field = camel(part.noun);
        const scalar = guessFieldType(field);
        if (part.plural && scalar.type === "string" && scalar.max === 255) {
          const child = this.resolve(part.noun, c.sentence, true);
          if (child && child !== whole)
            this.addRef(
              child,
              camel(lastWord(c.whole)),
              whole,
              false,
              c.sentence,
              `a ${c.whole} has ${pluralize.plural(part.noun)}`,
              "cascade",
            );
          continue;
        }
        const entity = this.entities.get(whole);
        if (!entity || RESERVED_FIELDS.has(field) || /Id$/.test(field) || entity.spec.fields[field]) continue;
        if (!/^[a-z][A-Za-z0-9]*$/.test(field)) continue;
        entity.spec.fields[field] = whole === PERSON_ENTITY ? { ...scalar, optional: true } : scalar;
        this.noteField(whole, field, "brief", c.sentence, `a ${c.whole} has a ${part.noun}`);
      }
    }
  }

  /** An entity the brief names but never describes gets a name field, stated as an assumption. */
  private fillEmptyEntities(): void {
    const empty: string[] = [];
    for (const entity of this.entities.values()) {
      if (Object.keys(entity.spec.fields).length > 0) continue;
      entity.spec.fields.name = { type: "string", max: 200 };
      entity.fieldNotes.set("name", {
        origin: "assumption",
        source: undefined,
        note: "assumed: the brief says nothing of its attributes",
      });
      empty.push(entity.name);
    }
    if (empty.length > 0)
      this.assume(`${list(empty)} got a \`name\` field only: the brief does not say what they hold.`);
    const bare = [...this.entities.values()]
      .filter((e) => e.origin === "brief" && e.name !== PERSON_ENTITY && e.spec.key === undefined)
      .filter((e) => empty.includes(e.name) || Object.values(e.spec.fields).every((f) => f.ref !== undefined))
      .map((e) => e.name);
    if (bare.length > 0) this.ask(`What does each ${list(bare, "or")} record hold besides its references?`);
  }

  // --- scale -------------------------------------------------------------------------------

  private scale(): SpecDocument["scale"] {
    const figures = findScaleFigures(this.sentences, (noun) => this.isRoleWord(noun));
    const first = (kind: NumericFigure["kind"]): NumericFigure | undefined =>
      figures.find((f): f is NumericFigure => f.kind === kind);
    const stated = (key: string, figure: ScaleFigure | undefined) => {
      if (figure) this.item("scale", key, "brief", figure.sentence, ["scale", key], `"${figure.text}"`);
    };
    const assumed = (key: string, note: string) =>
      this.item("scale", key, "assumption", undefined, ["scale", key], `assumed: ${note}`);

    const usersFigure = figures.filter((f) => f.kind === "users");
    let users = usersFigure.length > 0 ? usersFigure.reduce((sum, f) => sum + Number(f.value), 0) : undefined;
    const dau = first("dailyActiveUsers");
    const mau = first("monthlyActiveUsers");
    let dailyActiveUsers = dau?.value;
    if (users !== undefined)
      this.item(
        "scale",
        "users",
        "brief",
        usersFigure[0]?.sentence,
        ["scale", "users"],
        `"${usersFigure.map((f) => f.text).join('", "')}"`,
      );
    if (users === undefined && mau) {
      users = mau.value;
      stated("users", mau);
    }
    stated("dailyActiveUsers", dau);
    if (dailyActiveUsers === undefined && mau) {
      dailyActiveUsers = Math.round(mau.value * MAU_TO_DAU);
      assumed("dailyActiveUsers", `${MAU_TO_DAU * 100}% of monthly active users are active on a given day`);
      this.assume(`Daily active users are ${MAU_TO_DAU * 100}% of the monthly active users.`);
    }
    if (users === undefined && dailyActiveUsers !== undefined) {
      users = Math.round(dailyActiveUsers / DAU_SHARE);
      assumed("users", `${DAU_SHARE * 100}% of registered users are active on a given day`);
      this.assume(
        `Registered users: ${fmt(users)}, assuming ${DAU_SHARE * 100}% of them are active on a given day.`,
      );
    }
    if (users === undefined) {
      users = DEFAULT_USERS;
      assumed("users", "the brief gives no user count");
      this.assume(`${fmt(DEFAULT_USERS)} registered users: the brief gives no user count.`);
      this.ask("How many users will there be at launch and in a year, and how many on a typical day?");
    }
    if (dailyActiveUsers === undefined) {
      dailyActiveUsers = Math.round(users * DAU_SHARE);
      assumed("dailyActiveUsers", `${DAU_SHARE * 100}% of registered users a day`);
      this.assume(`${fmt(dailyActiveUsers)} daily active users: ${DAU_SHARE * 100}% of registered users.`);
    }
    if (dailyActiveUsers > users) {
      users = dailyActiveUsers;
      this.assume("Registered users raised to the daily active figure, which cannot exceed it.");
    }
    const rps = first("peakRequestsPerSecond");
    let peak = rps?.value;
    stated("peakRequestsPerSecond", rps);
    if (peak === undefined) {
      const derived = Math.max(
        1,
        Math.round(((dailyActiveUsers * REQUESTS_PER_ACTIVE_USER_PER_DAY) / 86400) * PEAK_TO_AVERAGE),
      );
      const perSecond = figures.reduce(
        (sum, f) => sum + (f.kind === "rowsPerDay" ? (f.perSecond ?? 0) : 0),
        0,
      );
      peak = Math.max(derived, Math.round(perSecond));
      assumed(
        "peakRequestsPerSecond",
        `${REQUESTS_PER_ACTIVE_USER_PER_DAY} requests per active user a day, peak ${PEAK_TO_AVERAGE}x the average`,
      );
      this.assume(
        `Peak ${fmt(peak)} requests per second: ${REQUESTS_PER_ACTIVE_USER_PER_DAY} requests per active user a day, the peak hour ${PEAK_TO_AVERAGE}x the average${perSecond > 0 ? ", and at least the per-second write rates the brief states" : ""}.`,
      );
      this.ask("What request rate must the API sustain at peak?");
    }
    const scale: SpecDocument["scale"] = {
      users: Math.round(clamp(users, 1e12)),
      dailyActiveUsers: Math.round(clamp(dailyActiveUsers, 1e12)),
      peakRequestsPerSecond: clamp(peak, 1e8),
    };
    const retention = first("retentionYears");
    if (retention && retention.value <= 100) {
      scale.retentionYears = retention.value;
      stated("retentionYears", retention);
    } else {
      this.assume("Rows are kept 3 years (the default retention).");
      this.ask("How long must data be kept, and may old rows be archived or deleted?");
    }
    const availability = figures.find((f) => f.kind === "availability");
    if (availability?.kind === "availability") {
      scale.availability = availability.value;
      stated("availability", availability);
    } else this.ask("What availability must the system meet (the draft assumes the default 99.9%)?");
    const latency = first("latencyP99Ms");
    if (latency && latency.value >= 1 && latency.value <= 600_000) {
      scale.latencyP99Ms = latency.value;
      stated("latencyP99Ms", latency);
    }
    this.figures = figures;
    return scale;
  }

  private figures: ScaleFigure[] = [];

  private applyGrowth(): void {
    const withoutFigure: string[] = [];
    for (const figure of this.figures) {
      if (figure.kind !== "rowsPerDay") continue;
      const name = this.resolve(figure.noun, figure.sentence, false);
      const entity = name ? this.entities.get(name) : undefined;
      if (!entity || name === PERSON_ENTITY) continue;
      entity.spec.growth = { perDay: clamp(Math.round(figure.value), 1e12) };
      entity.growthNote = { source: figure.sentence, note: `"${figure.text}"` };
    }
    for (const entity of this.entities.values()) {
      if (entity.spec.growth || entity.name === PERSON_ENTITY) continue;
      entity.spec.growth = { perActiveUserPerDay: TEXT_ENTITY_GROWTH };
      withoutFigure.push(entity.name);
    }
    if (withoutFigure.length > 0) {
      this.assume(
        `${list(withoutFigure)} grow by ${TEXT_ENTITY_GROWTH} rows per active user a day: the brief gives no figure.`,
      );
    }
  }

  /** The peak spread over the use cases: reads take `ratio` times the writes' share. */
  private spreadLoad(peak: number, ratio: number): void {
    const reads = this.useCases.filter((u) => u.kind === "read").length;
    const writes = this.useCases.length - reads;
    const readShare = writes === 0 ? 1 : reads === 0 ? 0 : ratio / (ratio + 1);
    for (const u of this.useCases) {
      const share = u.kind === "read" ? readShare / reads : (1 - readShare) / writes;
      u.spec.peakRps = Math.max(0.1, Math.round(peak * share * 10) / 10);
    }
    if (this.useCases.length > 0)
      this.assume(
        `Each use case's peakRps is its share of the peak, reads taking ${ratio} times the writes' share; replace them with measured figures.`,
      );
  }

  // --- security and system ------------------------------------------------------------------

  private security(roles: readonly string[]): NonNullable<SpecDocument["security"]> {
    const text = this.text.toLowerCase();
    const auth: NonNullable<NonNullable<SpecDocument["security"]>["auth"]> = [];
    const mention = (pattern: RegExp) => this.sentences.find((s) => pattern.test(s.text.toLowerCase()));
    const methods = [
      [/\bpasswords?\b/, "password"],
      [/\bgoogle\b/, "oauth2-google"],
      [/\bgithub\b/, "oauth2-github"],
      [/\b(microsoft|azure ad|entra)\b/, "oauth2-microsoft"],
      [/\b(oidc|openid)\b/, "oidc"],
      [/\b(saml|sso|single sign-on)\b/, "saml"],
      [/\bapi[- ]keys?\b/, "api-key"],
      [/\b(magic links?|passwordless)\b/, "magic-link"],
    ] as const;
    for (const [pattern, method] of methods) {
      const sentence = mention(pattern);
      if (sentence) {
        auth.push(method);
        this.item("security", method, "brief", sentence, ["security", "auth"], `sign-in: ${method}`);
      }
    }
    if (auth.length === 0) {
      auth.push("password");
      this.assume("People sign in with a password (the default); every method yields a short-lived JWT.");
      this.ask(
        "How do people sign in: password, Google or another OAuth provider, single sign-on, magic links?",
      );
    }
    if (this.domains.some((d) => d.domain.id === "iot") && !auth.includes("api-key")) {
      auth.push("api-key");
      this.assume("Devices authenticate with API keys.");
    }
    const compliance: NonNullable<NonNullable<SpecDocument["security"]>["compliance"]> = [];
    const rules = [
      [/\b(gdpr|eu residents|european users)\b/, "gdpr"],
      [/\b(pci|pci-dss|pci dss|card numbers?|credit cards?)\b/, "pci-dss"],
      [/\b(hipaa|phi|protected health)\b/, "hipaa"],
      [/\bsoc ?2\b/, "soc2"],
    ] as const;
    for (const [pattern, rule] of rules) {
      const sentence = mention(pattern);
      if (sentence) {
        compliance.push(rule);
        this.item("security", rule, "brief", sentence, ["security", "compliance"], `compliance: ${rule}`);
      }
    }
    if (compliance.length === 0) {
      if (/\b(patients?|clinics?|doctors?|medical|health)\b/.test(text))
        this.ask("The brief speaks of health care: do the records fall under HIPAA or a similar law?");
      this.ask(
        "Does any regulation apply: GDPR (EU residents' personal data), PCI DSS (card data), HIPAA, SOC 2?",
      );
    }
    return { auth, roles: [...roles], ...(compliance.length > 0 ? { compliance } : {}) };
  }

  private system(): SpecDocument["system"] {
    const named = /\b(?:called|named)\s+["“]?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})/.exec(this.text);
    const firstSentence = this.sentences[0];
    let name = named?.[1];
    if (name !== undefined) {
      const sentence = this.sentences.find((s) => s.text.includes(name ?? ""));
      this.item("system", "name", "brief", sentence, ["system", "name"], "the name the brief gives");
    } else {
      name = this.domains[0]?.domain.label ?? "Draft system";
      this.item(
        "system",
        "name",
        "assumption",
        undefined,
        ["system", "name"],
        "assumed: the brief gives no name",
      );
      this.ask("What is the system called?");
    }
    const description = firstSentence
      ? truncate(firstSentence.text, 300)
      : "A system drafted from an empty brief.";
    this.item(
      "system",
      "description",
      firstSentence ? "brief" : "assumption",
      firstSentence,
      ["system", "description"],
      "the brief's first sentence",
    );
    const team = this.figures.find((f) => f.kind === "teamSize");
    if (team && typeof team.value === "number" && team.value >= 1 && team.value <= 100_000) {
      this.item("system", "teamSize", "brief", team.sentence, ["system", "teamSize"], `"${team.text}"`);
      return { name, description, teamSize: team.value };
    }
    this.ask("How many engineers will build and run it (small teams get modular-monolith advice)?");
    return { name, description };
  }

  // --- bookkeeping -------------------------------------------------------------------------

  private item(
    kind: DraftItem["kind"],
    name: string,
    origin: DraftItem["origin"],
    source: BriefSentence | undefined,
    path: DraftItem["path"],
    note: string,
  ): void {
    this.items.push({
      kind,
      name,
      origin,
      ...(source ? { source: toSource(source) } : {}),
      path,
      note: sourceNote(origin, source, note),
    });
  }

  private ask(question: string): void {
    if (!this.questions.includes(question)) this.questions.push(question);
  }

  private assume(assumption: string): void {
    if (!this.assumptions.includes(assumption)) this.assumptions.push(assumption);
  }
}

/** The role a catalog use case runs as: a role it prefers, else the least or most privileged person. */
function catalogActor(c: CatalogUseCase, roles: readonly string[]): string {
  if (c.actor === "anonymous") return "anonymous";
  const preferred = roles.find((r) => c.prefer?.includes(r.split("-").at(-1) ?? r));
  if (preferred !== undefined) return preferred;
  const people = roles.filter((r) => r !== "device");
  return c.actor === "least" ? (people[0] ?? roles[0] ?? "user") : (roles.at(-1) ?? "admin");
}

function catalogUseCase(c: CatalogUseCase, roles: readonly string[]): SpecUseCase {
  const actor = catalogActor(c, roles);
  return {
    name: c.name,
    actor,
    ...(c.reads ? { reads: [...c.reads] } : {}),
    ...(c.writes ? { writes: [...c.writes] } : {}),
    ...(c.filter ? { filter: copyRecord(c.filter) } : {}),
    ...(c.sort ? { sort: copyRecord(c.sort) } : {}),
    peakRps: 0,
    ...(c.transactional ? { transactional: true } : {}),
  };
}

/** The keys in the order docs/spec.md lists them, so drafts read like the examples. */
function orderedUseCase(u: SpecUseCase): SpecUseCase {
  const { name, actor, reads, writes, filter, sort, peakRps, transactional } = u;
  return {
    name,
    actor,
    ...(reads ? { reads } : {}),
    ...(writes ? { writes } : {}),
    ...(filter ? { filter } : {}),
    ...(sort ? { sort } : {}),
    peakRps,
    ...(transactional ? { transactional } : {}),
  };
}

function copyRecord<T extends string | readonly string[]>(
  record: Readonly<Record<string, T>>,
): Record<string, T extends string ? string : string[]> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, typeof v === "string" ? v : [...v]]),
  ) as Record<string, T extends string ? string : string[]>;
}

function toSource(sentence: BriefSentence): DraftSource {
  return { sentence: sentence.number, text: sentence.text, start: sentence.start, end: sentence.end };
}

function sourceNote(origin: DraftItem["origin"], source: BriefSentence | undefined, note: string): string {
  if (origin === "assumption" || source === undefined)
    return note.startsWith("assumed") ? note : `assumed: ${note}`;
  const quoted = `sentence ${source.number}: "${truncate(source.text, 140)}"`;
  return `${note}; from ${quoted}`;
}

function useCaseName(action: BriefAction): string {
  const object = action.plural ? pluralize.plural(action.object) : action.object;
  const verb = action.verb.charAt(0).toUpperCase() + action.verb.slice(1);
  return `${verb} ${action.preposition ? `${action.preposition} ` : ""}${action.own ? "own " : ""}${object}`;
}

function gerund(verb: string): string {
  // "rate" -> "rating", "ban" -> "banning" is rare enough in briefs; a plain rule covers the rest.
  if (verb.endsWith("ie")) return `${verb.slice(0, -2)}ying`;
  if (verb.endsWith("e") && !verb.endsWith("ee")) return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}

function pascal(words: readonly string[]): string {
  return words
    .flatMap((w) => w.split(/[^a-zA-Z0-9]+/))
    .filter((w) => w !== "")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function camel(words: string): string {
  const p = pascal(words.split(/[\s-]+/));
  return p.charAt(0).toLowerCase() + p.slice(1);
}

function lastWord(phrase: string): string {
  return phrase.split(" ").at(-1) ?? phrase;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function list(names: readonly string[], last = "and"): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1
    ? (quoted[0] ?? "")
    : `${quoted.slice(0, -1).join(", ")} ${last} ${quoted.at(-1)}`;
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function clamp(n: number, max: number): number {
  return Math.min(max, Math.max(0, n));
}
