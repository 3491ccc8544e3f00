import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR } from "../../model/access.js";
import { checkOperationShape, operationEntities, statesOperation } from "../check-use-case-operation.js";
import { DEFAULT_ROLES, roleNames } from "../spec-roles.js";
import type { SpecDocument, SpecUseCase } from "../spec-schema.js";
import type { YamlLocator } from "../yaml-locator.js";
import { SORTABLE_IMPLICIT } from "./implicit-fields.js";
import type { Report, SpecPath } from "./report.js";

/**
 * Each use case: a unique name, known actors, its operation's shape, known entities, and filters
 * and sorts that name fields of entities it reads. Operation-shape problems join `problems` in order.
 */
export function checkUseCases(
  spec: SpecDocument,
  locator: YamlLocator,
  report: Report,
  problems: Diagnostic[],
): void {
  const entityNames = Object.keys(spec.entities);
  const actors = [...roleNames(spec), ANONYMOUS_ACTOR, SYSTEM_ACTOR];
  const seenUseCases = new Map<string, number>();
  for (const [index, useCase] of (spec.useCases ?? []).entries()) {
    const path = ["useCases", index];
    const previous = seenUseCases.get(useCase.name.toLowerCase());
    if (previous !== undefined) {
      report(
        "spec/duplicate-use-case",
        `use case \`${useCase.name}\` is declared twice (first at useCases[${previous}])`,
        [...path, "name"],
      );
    }
    seenUseCases.set(useCase.name.toLowerCase(), index);
    const named = typeof useCase.actor === "string" ? [useCase.actor] : useCase.actor;
    for (const [i, actor] of named.entries()) {
      if (actors.includes(actor)) continue;
      const declared = spec.security?.roles
        ? "a role in security.roles"
        : `one of the default roles (${DEFAULT_ROLES.join(", ")}); declare security.roles to use others`;
      report(
        "spec/unknown-actor",
        `actor \`${actor}\` is not ${declared}, \`anonymous\` or \`system\``,
        typeof useCase.actor === "string" ? [...path, "actor"] : [...path, "actor", i],
        { expected: `one of ${actors.join(", ")}`, suggestion: didYouMean(actor, actors) },
      );
    }
    problems.push(...checkOperationShape(spec, useCase, path, locator));
    for (const list of ["reads", "writes"] as const) {
      for (const [i, name] of (useCase[list] ?? []).entries()) {
        if (!spec.entities[name]) {
          report(
            "spec/unknown-entity",
            `use case \`${useCase.name}\` ${list} unknown entity \`${name}\``,
            [...path, list, i],
            {
              expected: `one of ${entityNames.join(", ")}`,
              suggestion: didYouMean(name, entityNames),
            },
          );
        }
      }
    }
    if ((useCase.reads ?? []).length + (useCase.writes ?? []).length === 0 && !statesOperation(useCase)) {
      report(
        "spec/empty-use-case",
        `use case \`${useCase.name}\` neither reads nor writes any entity`,
        path,
        {
          expected:
            "an operation (create, update, delete, get, list, command, redirect, feed) or reads/writes",
        },
      );
    }
    const touched = new Set([
      ...(useCase.reads ?? []),
      ...(useCase.writes ?? []),
      ...operationEntities(useCase),
    ]);
    checkFiltersAndSorts(spec, useCase, path, touched, report);
  }
}

/** Filters and sorts name entities the use case reads and their fields; a json field is no equality filter. */
function checkFiltersAndSorts(
  spec: SpecDocument,
  useCase: SpecUseCase,
  path: SpecPath,
  touched: ReadonlySet<string>,
  report: Report,
): void {
  const entityNames = Object.keys(spec.entities);
  for (const [section, spec_] of [
    ["filter", useCase.filter],
    ["sort", useCase.sort],
  ] as const) {
    for (const [entityName, value] of Object.entries(spec_ ?? {})) {
      const entity = spec.entities[entityName];
      if (!entity) {
        report(
          "spec/unknown-entity",
          `${section} names unknown entity \`${entityName}\``,
          [...path, section, entityName],
          {
            key: true,
            expected: `one of ${entityNames.join(", ")}`,
            suggestion: didYouMean(entityName, entityNames),
          },
        );
        continue;
      }
      if (!touched.has(entityName)) {
        report(
          "spec/filter-not-read",
          `${section} names \`${entityName}\`, which use case \`${useCase.name}\` does not read`,
          [...path, section, entityName],
          {
            key: true,
            expected: `add \`${entityName}\` to reads`,
          },
        );
      }
      const names =
        section === "sort"
          ? [...Object.keys(entity.fields), ...SORTABLE_IMPLICIT]
          : Object.keys(entity.fields);
      const items = typeof value === "string" ? [value] : value;
      for (const [i, raw] of items.entries()) {
        const fieldName = raw.replace(/^-/, "");
        if (!names.includes(fieldName)) {
          const itemPath =
            typeof value === "string" ? [...path, section, entityName] : [...path, section, entityName, i];
          report(
            "spec/unknown-field",
            `${section} on \`${entityName}\` names unknown field \`${fieldName}\``,
            itemPath,
            {
              expected: `one of ${names.join(", ")}`,
              suggestion: didYouMean(fieldName, names),
            },
          );
        } else if (section === "filter" && entity.fields[fieldName]?.type === "json") {
          report("spec/unfilterable-field", `\`${fieldName}\` is json and cannot be an equality filter`, [
            ...path,
            section,
            entityName,
            i,
          ]);
        }
      }
    }
  }
}
