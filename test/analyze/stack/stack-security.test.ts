import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OWASP_API_2023, securityConsiderations, type Threat } from "../../../src/analyze/stack/index.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

interface SpecOptions {
  readonly auth?: string;
  readonly compliance?: string;
  readonly tenancy?: boolean;
}

function spec(o: SpecOptions = {}): string {
  return `archwright: 1
system: { name: Notes, description: Teams keep notes. }
scale: { users: 1000, dailyActiveUsers: 100, peakRequestsPerSecond: 20 }
security:
  auth: ${o.auth ?? "[password]"}
  roles: [member, admin]
${o.compliance ? `  compliance: ${o.compliance}\n` : ""}${o.tenancy ? "tenancy: { entity: Team }\n" : ""}entities:
  Team:
    service: core
    fields:
      name: { type: string, max: 80 }
  User:
    service: core
    fields:
      team: { ref: Team }
      email: { type: email, unique: true, pii: true }
      phone: { type: string, max: 20, pii: true, optional: true }
      passwordHash: { type: string, secret: true }
      role: { type: enum, values: [member, admin], default: member }
  Note:
    service: core
    fields:
      owner: { ref: User }
      body: { type: text, max: 2000 }
      link: { type: url, optional: true }
useCases:
  - name: Write a note
    actor: member
    writes: [Note]
    peakRps: 5
  - name: Purge notes
    actor: admin
    writes: [Note]
    peakRps: 1
`;
}

function considerations(o: SpecOptions = {}) {
  return securityConsiderations(parseSpec(spec(o), "archwright.yaml"));
}

function find(threats: readonly Threat[], pattern: RegExp): Threat | undefined {
  return threats.find((t) => pattern.test(t.threat));
}

describe("securityConsiderations", () => {
  it("adds account takeover for password sign-in and PKCE for OAuth providers only when named", () => {
    const password = considerations({ auth: "[password]" });
    assert.ok(find(password.threats, /Account takeover/));
    assert.equal(find(password.threats, /oauth2/), undefined);
    const oauth = considerations({ auth: "[oauth2-google]" });
    assert.equal(find(oauth.threats, /Account takeover/), undefined);
    const flow = find(oauth.threats, /oauth2-google/);
    assert.ok(flow);
    assert.match(flow.mitigation, /PKCE/);
  });

  it("names the owned resources for BOLA and maps it to API1:2023", () => {
    const bola = considerations().threats.find((t) => t.owasp.includes(OWASP_API_2023.API1));
    assert.ok(bola);
    assert.match(bola.threat, /rows of User and Note that belong to someone else/);
    // It states the rules the operations enforce, not a blanket claim.
    assert.match(bola.mitigation, /Note \(write rows whose `owner` is the caller, or every row \(admin\)\)/);
    // And it says which entities have no row rule at all, rather than implying every one has.
    assert.match(
      bola.mitigation,
      /User and Note have no per-row read rule: every caller an operation admits reads every row\./,
    );
  });

  it("adds a tenant leakage threat only when tenancy is set", () => {
    assert.equal(find(considerations().threats, /tenant/i), undefined);
    const leak = find(considerations({ tenancy: true }).threats, /Cross-tenant/);
    assert.ok(leak);
    assert.match(leak.threat, /one Team's data/);
    assert.match(leak.mitigation, /row-level security/);
  });

  it("names the spec's PII, secret, url and privileged fields", () => {
    const { threats } = considerations();
    assert.match(find(threats, /personal data/)?.threat ?? "", /User\.email and User\.phone/);
    assert.match(find(threats, /secrets/)?.threat ?? "", /User\.passwordHash/);
    assert.match(find(threats, /Mass assignment/)?.threat ?? "", /User\.role/);
    assert.match(find(threats, /request forgery/)?.threat ?? "", /Note\.link/);
    assert.match(find(threats, /function level/)?.threat ?? "", /"Purge notes"/);
  });

  it("adds compliance requirements for the regimes the spec names", () => {
    const plain = considerations().requirements.join("\n");
    assert.doesNotMatch(plain, /PCI DSS|GDPR/);
    const pci = considerations({ compliance: "[pci-dss]" }).requirements.join("\n");
    assert.match(pci, /PCI DSS:.*SAQ A/);
    assert.doesNotMatch(pci, /GDPR/);
    assert.match(considerations({ compliance: "[gdpr]" }).requirements.join("\n"), /GDPR:.*erasure/);
  });

  it("maps every threat except injection to an OWASP API 2023 risk", () => {
    const known = new Set<string>(Object.values(OWASP_API_2023));
    for (const threat of considerations({ tenancy: true }).threats) {
      for (const risk of threat.owasp) assert.ok(known.has(risk), risk);
      if (!/injection/i.test(threat.threat)) assert.ok(threat.owasp.length > 0, threat.threat);
    }
  });
});
