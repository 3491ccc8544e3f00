import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { ANONYMOUS_ACTOR, SYSTEM_ACTOR } from "../model/access.js";
import { roleNames } from "./spec-roles.js";
import type { SpecDocument } from "./spec-schema.js";
import type { YamlLocator } from "./yaml-locator.js";

/** `security.roles` and `security.person`: names unique, inherited roles and person entities declared. */
export function checkRoles(spec: SpecDocument, locator: YamlLocator): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const entities = Object.keys(spec.entities);
  const names = roleNames(spec);
  const person = spec.security?.person;
  if (person !== undefined && !spec.entities[person]) {
    problems.push(
      diagnostic(
        "spec/unknown-entity",
        `security.person names unknown entity \`${person}\``,
        locator.locate(["security", "person"]),
        { expected: `one of ${entities.join(", ")}`, suggestion: didYouMean(person, entities) },
      ),
    );
  }
  const seen = new Set<string>();
  for (const [index, role] of (spec.security?.roles ?? []).entries()) {
    const name = typeof role === "string" ? role : role.name;
    const at = (...rest: (string | number)[]) =>
      locator.locate(
        typeof role === "string" ? ["security", "roles", index] : ["security", "roles", index, ...rest],
      );
    if (name === ANONYMOUS_ACTOR || name === SYSTEM_ACTOR) {
      problems.push(
        diagnostic(
          "spec/reserved-role",
          `\`${name}\` is a built-in actor (${name === ANONYMOUS_ACTOR ? "callers without a token" : "the service's own jobs"}); name the role otherwise`,
          at("name"),
        ),
      );
    }
    if (seen.has(name)) {
      problems.push(diagnostic("spec/duplicate-role", `role \`${name}\` is declared twice`, at("name")));
    }
    seen.add(name);
    if (typeof role === "string") continue;
    if (role.person !== undefined && role.person !== "none" && !spec.entities[role.person]) {
      problems.push(
        diagnostic(
          "spec/unknown-entity",
          `role \`${name}\` names unknown person entity \`${role.person}\``,
          at("person"),
          {
            expected: `one of ${entities.join(", ")}, or none`,
            suggestion: didYouMean(role.person, entities),
          },
        ),
      );
    }
    for (const [i, inherited] of (role.inherits ?? []).entries()) {
      if (!names.includes(inherited) || inherited === name) {
        problems.push(
          diagnostic(
            "spec/unknown-role",
            inherited === name
              ? `role \`${name}\` cannot inherit itself`
              : `role \`${name}\` inherits unknown role \`${inherited}\``,
            at("inherits", i),
            {
              expected: `one of ${names.filter((n) => n !== name).join(", ")}`,
              suggestion: didYouMean(inherited, names),
            },
          ),
        );
      }
    }
    if (role.system && role.person !== undefined && role.person !== "none") {
      problems.push(
        diagnostic(
          "spec/system-role-person",
          `role \`${name}\` is a machine client (system: true) and cannot have a person entity`,
          at("person"),
          { expected: "remove `person`, or `system: false` for a role people sign in with" },
        ),
      );
    }
  }
  return problems;
}
