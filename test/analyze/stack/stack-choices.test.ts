import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { analyzeIntegration } from "../../../src/analyze/integration.js";
import { chooseStack, type TechnologyChoice } from "../../../src/analyze/stack/index.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

interface SpecOptions {
  readonly peak?: number;
  readonly ratio?: number;
  readonly dau?: number;
  readonly latency?: number;
  /** Put Note in its own service, so its reference to User crosses a boundary. */
  readonly split?: boolean;
  readonly auth?: string;
  readonly extraUseCases?: string;
}

function spec(o: SpecOptions = {}): string {
  return `archwright: 1
system: { name: Notes, description: People keep notes. }
scale:
  users: ${(o.dau ?? 100) * 10}
  dailyActiveUsers: ${o.dau ?? 100}
  peakRequestsPerSecond: ${o.peak ?? 20}
  readWriteRatio: ${o.ratio ?? 2}
  latencyP99Ms: ${o.latency ?? 300}
security:
  auth: ${o.auth ?? "[password]"}
  roles: [member, admin]
entities:
  User:
    service: core
    fields:
      email: { type: email, unique: true, pii: true }
  Note:
    service: ${o.split ? "notes" : "core"}
    fields:
      owner: { ref: User }
      body: { type: text, max: 2000 }
useCases:
  - name: Write a note
    actor: member
    writes: [Note]
    peakRps: ${Math.max(1, Math.round((o.peak ?? 20) / ((o.ratio ?? 2) + 1)))}
  - name: Read my notes
    actor: member
    reads: [Note, User]
    peakRps: ${Math.round(((o.peak ?? 20) * (o.ratio ?? 2)) / ((o.ratio ?? 2) + 1))}
${o.extraUseCases ?? ""}`;
}

function stackFor(text: string): TechnologyChoice[] {
  const model = parseSpec(text, "archwright.yaml");
  return chooseStack(model, analyzeIntegration(model));
}

function concern(stack: readonly TechnologyChoice[], name: string): TechnologyChoice | undefined {
  return stack.find((c) => c.concern === name);
}

describe("chooseStack", () => {
  it("takes read replicas from the capacity plan when it is given one", () => {
    const model = parseSpec(spec({ peak: 4000, ratio: 20 }), "archwright.yaml");
    const primary = (plan?: { readReplicas: number; readReplicasAtTenfold: number }) =>
      concern(chooseStack(model, analyzeIntegration(model), plan), "Primary database");
    // Without a plan the overall read rate (3,810 rps, above 2,000) stands in for it.
    assert.match(primary()?.choice ?? "", /with read replicas/);
    const later = primary({ readReplicas: 0, readReplicasAtTenfold: 1 });
    assert.doesNotMatch(later?.choice ?? "", /read replicas/);
    assert.match(
      later?.rationale ?? "",
      /stays on each service's primary today; the capacity plan adds 1 read replica at 10x/,
    );
    assert.match(
      primary({ readReplicas: 2, readReplicasAtTenfold: 9 })?.rationale ?? "",
      /needs 2 read replicas today/,
    );
  });

  it("gives a tiny single-service spec no broker, no cache and a single-container deployment", () => {
    const stack = stackFor(spec());
    assert.equal(concern(stack, "Messaging")?.choice, "No message broker");
    assert.equal(concern(stack, "Cache"), undefined);
    const deployment = concern(stack, "Deployment");
    assert.match(deployment?.choice ?? "", /single service/);
    assert.doesNotMatch(deployment?.choice ?? "", /Kubernetes/);
    assert.ok(stack.every((c) => !/Kafka/.test(c.choice)));
  });

  it("uses a managed queue, not Kafka, for low-rate cross-service events", () => {
    const stack = stackFor(spec({ split: true }));
    const messaging = concern(stack, "Messaging");
    assert.match(messaging?.choice ?? "", /SNS/);
    assert.doesNotMatch(messaging?.choice ?? "", /Kafka/);
  });

  it("chooses Kafka when a hot cross-service read is served from a projection at high traffic", () => {
    const stack = stackFor(spec({ split: true, peak: 4000, ratio: 20, dau: 500000 }));
    assert.match(concern(stack, "Messaging")?.choice ?? "", /Kafka/);
    assert.match(concern(stack, "Messaging")?.rationale ?? "", /"Read my notes"/);
  });

  it("adds a cache only when reads are heavy enough, citing the spec's figures", () => {
    assert.equal(concern(stackFor(spec({ peak: 4000, ratio: 2 })), "Cache"), undefined);
    const cache = concern(stackFor(spec({ peak: 4000, ratio: 20 })), "Cache");
    assert.ok(cache);
    assert.match(cache.choice, /Redis/);
    assert.match(cache.rationale, /4,000 rps at peak with a 20:1 read\/write ratio/);
  });

  it("gives every choice at least one named alternative with a reason, and a trade-off", () => {
    for (const text of [spec(), spec({ split: true, peak: 4000, ratio: 20, dau: 500000 })]) {
      for (const choice of stackFor(text)) {
        assert.ok(choice.alternatives.length >= 1, choice.concern);
        for (const alt of choice.alternatives) {
          assert.ok(alt.name.length > 0 && alt.whyNot.length > 0, choice.concern);
          assert.notEqual(alt.name, choice.choice);
        }
        assert.ok(choice.tradeOff.length > 0 && choice.rationale.length > 0, choice.concern);
      }
    }
  });

  it("always picks PostgreSQL and Redis for idempotency keys, whatever the scale", () => {
    for (const text of [spec(), spec({ peak: 4000, ratio: 20 })]) {
      const stack = stackFor(text);
      assert.match(concern(stack, "Primary database")?.choice ?? "", /PostgreSQL/);
      assert.match(concern(stack, "Idempotency and rate-limit store")?.choice ?? "", /Redis/);
    }
  });

  it("moves to Go only for a tight latency target at high traffic", () => {
    assert.match(concern(stackFor(spec({ peak: 4000 })), "API runtime")?.choice ?? "", /Node\.js/);
    assert.match(concern(stackFor(spec({ peak: 8000, latency: 50 })), "API runtime")?.choice ?? "", /^Go/);
  });

  it("picks an identity provider from the auth methods and user base", () => {
    const small = concern(stackFor(spec({ auth: "[password, oauth2-github]" })), "Identity");
    assert.match(small?.choice ?? "", /Auth0/);
    const largeGithub = concern(
      stackFor(spec({ auth: "[password, oauth2-github]", dau: 500000 })),
      "Identity",
    );
    assert.match(largeGithub?.choice ?? "", /Keycloak/);
    const largeGoogle = concern(
      stackFor(spec({ auth: "[password, oauth2-google]", dau: 500000 })),
      "Identity",
    );
    assert.match(largeGoogle?.choice ?? "", /Cognito/);
    const keysOnly = concern(stackFor(spec({ auth: "[api-key]" })), "Identity");
    assert.match(keysOnly?.choice ?? "", /API keys/);
  });

  it("flags a stored password hash that a separate identity provider makes redundant", () => {
    const plain = concern(stackFor(spec()), "Identity");
    assert.doesNotMatch(plain?.rationale ?? "", /The spec also stores/);
    const withHash = spec().replace(
      "      email: { type: email, unique: true, pii: true }\n",
      "      email: { type: email, unique: true, pii: true }\n      passwordHash: { type: string, secret: true }\n",
    );
    const flagged = concern(stackFor(withHash), "Identity");
    assert.match(
      flagged?.rationale ?? "",
      /The spec also stores User\.passwordHash: with a separate identity provider/,
    );
  });

  it("adds search only when a use case searches text", () => {
    assert.equal(concern(stackFor(spec()), "Search"), undefined);
    const withSearch = spec({
      extraUseCases: "  - name: Search notes\n    actor: member\n    reads: [Note]\n    peakRps: 5\n",
    });
    assert.match(concern(stackFor(withSearch), "Search")?.choice ?? "", /PostgreSQL full-text/);
  });

  it("is deterministic and JSON-serialisable", () => {
    const text = readFileSync(
      new URL("../../../examples/social-sharing/archwright.yaml", import.meta.url),
      "utf8",
    );
    const first = stackFor(text);
    assert.deepEqual(JSON.parse(JSON.stringify(first)), first);
    assert.equal(JSON.stringify(stackFor(text)), JSON.stringify(first));
  });

  it("argues the social-sharing example from its own numbers", () => {
    const text = readFileSync(
      new URL("../../../examples/social-sharing/archwright.yaml", import.meta.url),
      "utf8",
    );
    const stack = stackFor(text);
    assert.match(concern(stack, "Cache")?.rationale ?? "", /4,000 rps at peak with a 20:1 read\/write ratio/);
    assert.match(concern(stack, "Identity")?.rationale ?? "", /oauth2-github/);
    assert.match(concern(stack, "API runtime")?.rationale ?? "", /250 ms p99/);
  });
});
