import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { SpecDocument, SpecEntity, SpecUseCase } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

export const OPERATION_KEYS = [
  "create",
  "update",
  "delete",
  "get",
  "list",
  "command",
  "redirect",
  "feed",
] as const;

export function statesOperation(useCase: SpecUseCase): boolean {
  return OPERATION_KEYS.some((k) => useCase[k] !== undefined);
}

/** The entities a use case's stated operation touches (the feed's join entity included). */
export function operationEntities(useCase: SpecUseCase): string[] {
  const out: string[] = [];
  for (const key of OPERATION_KEYS) {
    const value = useCase[key];
    if (value === undefined) continue;
    out.push(typeof value === "string" ? value : value.entity);
  }
  if (useCase.feed) out.push(useCase.feed.via);
  return out;
}

/**
 * The shape of a stated operation against the entities it names: one operation per use case, the
 * entity and fields exist, a command moves an enum between its values, a redirect answers with a url
 * found by a unique field, a feed's join entity links the caller to the rows' owners.
 */
export function checkOperationShape(
  spec: SpecDocument,
  useCase: SpecUseCase,
  path: (string | number)[],
  locator: YamlLocator,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const report = (
    code: string,
    message: string,
    at: (string | number)[],
    expected?: string,
    suggestion?: string,
  ) => problems.push(diagnostic(code, message, locator.locate([...path, ...at]), { expected, suggestion }));
  const stated = OPERATION_KEYS.filter((k) => useCase[k] !== undefined);
  if (stated.length > 1) {
    report(
      "spec/several-operations",
      `use case \`${useCase.name}\` states ${stated.join(" and ")}; a use case performs one operation`,
      [stated[1] as string],
      "split it into one use case per operation",
    );
    return problems;
  }
  const key = stated[0];
  if (key === undefined) return problems;
  const value = useCase[key];
  if (value === undefined) return problems;
  const entityName = typeof value === "string" ? value : value.entity;
  const entityPath = typeof value === "string" ? [key] : [key, "entity"];
  const entities = Object.keys(spec.entities);
  const entity = spec.entities[entityName];
  if (!entity) {
    report(
      "spec/unknown-entity",
      `use case \`${useCase.name}\` ${key === "list" || key === "get" ? "reads" : "acts on"} unknown entity \`${entityName}\``,
      entityPath,
      `one of ${entities.join(", ")}`,
      didYouMean(entityName, entities),
    );
    return problems;
  }
  const fieldNames = Object.keys(entity.fields);
  const needField = (name: string, at: (string | number)[], what = "field") => {
    if (entity.fields[name]) return true;
    report(
      "spec/unknown-field",
      `${what} \`${name}\` is not a field of \`${entityName}\``,
      at,
      `one of ${fieldNames.join(", ")}`,
      didYouMean(name, fieldNames),
    );
    return false;
  };
  const isUnique = (e: SpecEntity, name: string) =>
    e.fields[name]?.unique === true || (e.key?.length === 1 && e.key[0] === name);
  if (key === "update" && typeof value !== "string" && "fields" in value) {
    for (const [i, name] of (value.fields ?? []).entries()) {
      if (!needField(name, [key, "fields", i])) continue;
      const field = entity.fields[name];
      if (field?.readOnly || field?.secret === true || (entity.key ?? []).includes(name))
        report(
          "spec/field-not-updatable",
          `\`${entityName}.${name}\` is ${field?.readOnly ? "set by the service (readOnly)" : (entity.key ?? []).includes(name) ? "part of the key" : "a secret"}; an update cannot change it`,
          [key, "fields", i],
        );
    }
  }
  if (useCase.get && typeof useCase.get !== "string" && useCase.get.by) {
    const by = useCase.get.by;
    if (needField(by, ["get", "by"]) && !isUnique(entity, by))
      report(
        "spec/lookup-not-unique",
        `\`${entityName}.${by}\` is not unique, so it cannot find one row`,
        ["get", "by"],
        "`unique: true` on the field",
      );
  }
  if (useCase.command) {
    const c = useCase.command;
    if (needField(c.field, ["command", "field"])) {
      const field = entity.fields[c.field];
      if (field?.type !== "enum") {
        report(
          "spec/command-not-enum",
          `a command moves an enum field; \`${entityName}.${c.field}\` is ${field?.type ?? "a reference"}`,
          ["command", "field"],
        );
      } else {
        const values = field.values ?? [];
        for (const [i, state] of c.from.entries())
          if (!values.includes(state))
            report(
              "spec/unknown-state",
              `\`${state}\` is not a value of \`${entityName}.${c.field}\``,
              ["command", "from", i],
              `one of ${values.join(", ")}`,
              didYouMean(state, values),
            );
        if (!values.includes(c.to))
          report(
            "spec/unknown-state",
            `\`${c.to}\` is not a value of \`${entityName}.${c.field}\``,
            ["command", "to"],
            `one of ${values.join(", ")}`,
            didYouMean(c.to, values),
          );
        else if (c.from.includes(c.to))
          report(
            "spec/command-no-change",
            `command \`${c.name}\` moves \`${c.field}\` from \`${c.to}\` to itself`,
            ["command", "from"],
          );
      }
    }
    if (c.assigns && needField(c.assigns, ["command", "assigns"]) && !entity.fields[c.assigns]?.ref)
      report("spec/assigns-not-ref", `\`assigns\` names \`${c.assigns}\`, which is not a reference`, [
        "command",
        "assigns",
      ]);
  }
  if (useCase.redirect) {
    const r = useCase.redirect;
    if (needField(r.by, ["redirect", "by"]) && !isUnique(entity, r.by))
      report(
        "spec/lookup-not-unique",
        `\`${entityName}.${r.by}\` is not unique, so it cannot find one row`,
        ["redirect", "by"],
        "`unique: true` on the field",
      );
    if (needField(r.to, ["redirect", "to"]) && entity.fields[r.to]?.type !== "url")
      report(
        "spec/redirect-not-url",
        `a redirect answers with a url; \`${entityName}.${r.to}\` is ${entity.fields[r.to]?.type ?? "a reference"}`,
        ["redirect", "to"],
        "a field of type url",
      );
  }
  if (useCase.feed) {
    const f = useCase.feed;
    const via = spec.entities[f.via];
    if (!via) {
      report(
        "spec/unknown-entity",
        `feed names unknown join entity \`${f.via}\``,
        ["feed", "via"],
        `one of ${entities.join(", ")}`,
        didYouMean(f.via, entities),
      );
    } else {
      const viaNames = Object.keys(via.fields);
      for (const k of ["caller", "match"] as const) {
        const name = f[k];
        if (name !== undefined && !via.fields[name]?.ref)
          report(
            "spec/unknown-field",
            `feed ${k} \`${name}\` is not a reference of \`${f.via}\``,
            ["feed", k],
            `one of ${viaNames.join(", ")}`,
            didYouMean(name, viaNames),
          );
      }
      if (f.on !== undefined && !entity.fields[f.on]?.ref)
        report(
          "spec/unknown-field",
          `feed on \`${f.on}\` is not a reference of \`${entityName}\``,
          ["feed", "on"],
          `one of ${fieldNames.join(", ")}`,
          didYouMean(f.on, fieldNames),
        );
    }
  }
  return problems;
}
