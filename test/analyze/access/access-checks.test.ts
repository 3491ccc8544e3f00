import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkAccess } from "../../../src/analyze/access/check-access.js";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

/**
 * Design-time access checks and the spec errors of the access keys: each has a spec that passes
 * (valid) and edits that fail it (invalid), with the code, message and line the user sees.
 */
const BASE = `archwright: 1
system: { name: Clinic, description: Patients book visits; doctors confirm them; auditors read. }
scale: { users: 1000, dailyActiveUsers: 100, peakRequestsPerSecond: 10 }
security:
  auth: [password]
  roles:
    - { name: patient, person: Patient }
    - { name: doctor, person: Doctor }
    - { name: auditor, person: none, readOnly: true }
entities:
  Patient:
    fields:
      email: { type: email, unique: true }
      passwordHash: { type: string, secret: true }
  Doctor:
    fields:
      email: { type: email, unique: true }
      passwordHash: { type: string, secret: true }
  Visit:
    fields:
      patient: { ref: Patient }
      doctor: { ref: Doctor }
      status: { type: enum, values: [requested, confirmed, done], default: requested }
      note: { type: text, max: 2000, optional: true }
    access:
      read: [{ owner: patient }, { owner: doctor }, { role: auditor }]
      write: [{ owner: patient }, { owner: doctor }]
useCases:
  - name: Book a visit
    actor: patient
    create: Visit
    peakRps: 2
  - name: My visits
    actor: [patient, doctor]
    list: Visit
    peakRps: 5
  - name: Confirm a visit
    actor: doctor
    command: { entity: Visit, name: confirm, field: status, from: [requested], to: confirmed }
    peakRps: 1
  - name: Audit visits
    actor: auditor
    list: Visit
    peakRps: 1
`;

function edit(from: string, to: string): string {
  assert.ok(BASE.includes(from), `base spec lacks ${from}`);
  return BASE.replace(from, to);
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `no ${needle}`);
  return text.slice(0, at).split("\n").length;
}

/** Spec errors (exit 2) from loading, or access errors and warnings from the check. */
function problems(text: string): { code: string; message: string; line: number; severity: string }[] {
  try {
    const model = parseSpec(text, "clinic.yaml");
    const check = checkAccess(model);
    return [
      ...check.errors.map((d) => ({
        code: d.code,
        message: d.message,
        line: d.location.line,
        severity: "error",
      })),
      ...check.warnings.map((d) => ({
        code: d.code,
        message: d.message,
        line: d.location.line,
        severity: "warning",
      })),
    ];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.diagnostics.map((d) => ({
      code: d.code,
      message: d.message,
      line: d.location.line,
      severity: "error",
    }));
  }
}

describe("design-time access checks", () => {
  it("valid: the base spec has no access problem", () => {
    assert.deepEqual(problems(BASE), []);
  });

  const invalid: {
    name: string;
    text: string;
    code: string;
    message: RegExp;
    at: string;
    severity?: string;
  }[] = [
    {
      name: "a read-only role as the actor of a write",
      text: edit("    actor: doctor\n    command:", "    actor: auditor\n    command:"),
      code: "access/read-only-role-writes",
      message: /use case `Confirm a visit`: auditor cannot run `confirm` on Visit: auditor is read-only/,
      at: "- name: Confirm a visit",
    },
    {
      name: "an actor no rule gives a row",
      text: edit(
        "read: [{ owner: patient }, { owner: doctor }, { role: auditor }]",
        "read: [{ owner: patient }, { role: auditor }]",
      ),
      code: "access/use-case-unusable",
      message: /use case `My visits`: doctor cannot list Visit: no read rule of Visit grants doctor a row/,
      at: "- name: My visits",
    },
    {
      name: "anonymous callers cannot write",
      text: edit("    actor: patient\n    create: Visit", "    actor: anonymous\n    create: Visit"),
      code: "access/use-case-unusable",
      message: /use case `Book a visit`: anonymous cannot create Visit: anonymous callers cannot write/,
      at: "- name: Book a visit",
    },
    {
      name: "an owner path that ends at no person entity",
      text: edit(
        "write: [{ owner: patient }, { owner: doctor }]",
        "write: [{ owner: patient }, { owner: status }]",
      ),
      code: "access/unresolvable-rule",
      message: /`status`: `Visit` has no reference field `status`/,
      at: "write: [{ owner: patient }, { owner: status }]",
    },
    {
      name: "a member rule with no join entity",
      text: edit(
        "read: [{ owner: patient }, { owner: doctor }, { role: auditor }]",
        "read: [member, { owner: doctor }, { role: auditor }]",
      ),
      code: "access/unresolvable-rule",
      message: /`member` on `Visit`: no entity joins a person entity to `Visit`/,
      at: "read: [member,",
    },
    {
      name: "a list narrowed to rows its entity's read rules do not grant",
      text: edit(
        "    actor: auditor\n    list: Visit",
        "    actor: auditor\n    list: { entity: Visit, whose: { owner: doctor } }",
      ),
      code: "access/use-case-unusable",
      message:
        /use case `Audit visits`: auditor cannot list Visit: no read rule of Visit grants auditor a row/,
      at: "- name: Audit visits",
    },
    {
      name: "a state a list's whose names that the read rules do not",
      text: edit(
        "    actor: auditor\n    list: Visit",
        "    actor: auditor\n    list: { entity: Visit, whose: { role: auditor } }",
      ).replace("{ role: auditor }]", "{ role: auditor, when: { status: [done] } }]"),
      code: "access/whose-not-readable",
      message: /`whose` lists rows that Visit.access.read does not grant auditor/,
      at: "whose: { role: auditor",
    },
    {
      name: "a written entity no use case reads",
      text: edit(
        "  - name: My visits\n    actor: [patient, doctor]\n    list: Visit\n    peakRps: 5\n",
        "",
      ).replace("  - name: Audit visits\n    actor: auditor\n    list: Visit\n    peakRps: 1\n", ""),
      code: "access/written-never-read",
      message: /Visit is written \(create, command\) but no use case reads it/,
      at: "  Visit:",
      severity: "warning",
    },
    {
      name: "a creator that cannot read what it creates",
      text: edit(
        "read: [{ owner: patient }, { owner: doctor }, { role: auditor }]",
        "read: [{ owner: doctor }, { role: auditor }]",
      ),
      code: "access/creator-cannot-read",
      message: /a patient creates Visit rows it owns but its read rules do not include its own rows/,
      at: "    access:\n      read: [{ owner: doctor }",
      severity: "warning",
    },
    {
      name: "a reference naming who acted that clients set",
      text: edit(
        "      note: { type: text, max: 2000, optional: true }",
        "      note: { type: text, max: 2000, optional: true }\n      createdBy: { ref: Patient, optional: true }",
      ),
      code: "access/caller-field-client-set",
      message: /`Visit.createdBy` names the person who acted, but clients send it/,
      at: "createdBy: { ref: Patient",
      severity: "warning",
    },
    {
      name: "a list of owned rows every caller sees in full",
      text: edit(
        "      read: [{ owner: patient }, { owner: doctor }, { role: auditor }]\n      write: [{ owner: patient }, { owner: doctor }]",
        "      write: [{ owner: patient }, { owner: doctor }]",
      ),
      code: "access/list-not-limited",
      message: /patient lists every Visit, though each row has an owner/,
      at: "  Visit:",
      severity: "warning",
    },
    {
      name: "a feed whose join has no reference to the caller's person entity",
      text: `${BASE}  - name: Visits of my doctors\n    actor: patient\n    feed: { entity: Visit, via: Visit, caller: doctor }\n    peakRps: 1\n`,
      code: "access/feed-caller",
      message: /the feed compares `Visit.doctor` with the caller, but patient's person entity is Patient/,
      at: "feed: { entity: Visit",
    },
    {
      name: "a command that assigns a reference to someone else's kind of person",
      text: edit(
        "from: [requested], to: confirmed }",
        "from: [requested], to: confirmed, assigns: patient }",
      ),
      code: "access/assigns-not-caller",
      message: /`assigns: patient` sets a reference to Patient, but doctor's person entity is Doctor/,
      at: "command: { entity: Visit, name: confirm",
    },
  ];
  for (const c of invalid) {
    it(`invalid: ${c.name}`, () => {
      const found = problems(c.text).filter((p) => p.code === c.code);
      assert.equal(found.length, 1, JSON.stringify(problems(c.text)));
      assert.match(found[0]?.message ?? "", c.message);
      assert.equal(found[0]?.line, lineOf(c.text, c.at));
      assert.equal(found[0]?.severity, c.severity ?? "error");
    });
  }
});

describe("spec errors of the access keys", () => {
  const invalid: { name: string; text: string; code: string; message: RegExp; at: string }[] = [
    {
      name: "a role inheriting an undeclared role",
      text: edit(
        "{ name: auditor, person: none, readOnly: true }",
        "{ name: auditor, person: none, readOnly: true, inherits: [docter] }",
      ),
      code: "spec/unknown-role",
      message: /role `auditor` inherits unknown role `docter`/,
      at: "docter",
    },
    {
      name: "a role's person entity that does not exist",
      text: edit("{ name: doctor, person: Doctor }", "{ name: doctor, person: Doktor }"),
      code: "spec/unknown-entity",
      message: /role `doctor` names unknown person entity `Doktor`/,
      at: "Doktor",
    },
    {
      name: "a role named like a built-in actor",
      text: edit(
        "{ name: auditor, person: none, readOnly: true }",
        "{ name: system, person: none, readOnly: true }",
      ),
      code: "spec/reserved-role",
      message: /`system` is a built-in actor/,
      at: "name: system",
    },
    {
      name: "a use case with two operations",
      text: edit("    create: Visit\n", "    create: Visit\n    delete: Visit\n"),
      code: "spec/several-operations",
      message: /use case `Book a visit` states create and delete; a use case performs one operation/,
      at: "delete: Visit",
    },
    {
      name: "a command on a field that is no enum",
      text: edit("field: status, from: [requested]", "field: note, from: [requested]"),
      code: "spec/command-not-enum",
      message: /a command moves an enum field; `Visit.note` is text/,
      at: "field: note",
    },
    {
      name: "a command to a state the enum lacks",
      text: edit("to: confirmed }", "to: confirmd }"),
      code: "spec/unknown-state",
      message: /`confirmd` is not a value of `Visit.status`/,
      at: "to: confirmd",
    },
    {
      name: "a redirect by a field that is not unique",
      text: `${BASE}  - name: Open the note\n    actor: patient\n    redirect: { entity: Visit, by: note, to: note }\n    peakRps: 1\n`,
      code: "spec/lookup-not-unique",
      message: /`Visit.note` is not unique, so it cannot find one row/,
      at: "redirect: { entity: Visit, by: note",
    },
    {
      name: "an actor that is no role",
      text: edit("    actor: [patient, doctor]", "    actor: [patient, docter]"),
      code: "spec/unknown-actor",
      message: /actor `docter` is not a role in security.roles, `anonymous` or `system`/,
      at: "docter]",
    },
  ];
  for (const c of invalid) {
    it(`invalid: ${c.name}`, () => {
      const found = problems(c.text).filter((p) => p.code === c.code);
      assert.equal(found.length, 1, JSON.stringify(problems(c.text)));
      assert.match(found[0]?.message ?? "", c.message);
      assert.equal(found[0]?.line, lineOf(c.text, c.at));
    });
  }
});
