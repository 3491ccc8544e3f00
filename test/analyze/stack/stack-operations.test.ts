import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deploymentPlan, errorBudgetMinutes, observabilityPlan } from "../../../src/analyze/stack/index.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

function spec(peak: number, availability: string, split = false): string {
  return `archwright: 1
system: { name: Notes, description: People keep notes. }
scale:
  users: 100000
  dailyActiveUsers: 10000
  peakRequestsPerSecond: ${peak}
  availability: "${availability}"
  latencyP99Ms: 200
security:
  auth: [password]
  roles: [member]
entities:
  User:
    service: core
    fields:
      email: { type: email, pii: true }
  Note:
    service: ${split ? "notes" : "core"}
    fields:
      owner: { ref: User }
useCases:
  - name: Read notes
    actor: member
    reads: [Note]
    peakRps: ${peak}
`;
}

const model = (peak: number, availability: string, split = false) =>
  parseSpec(spec(peak, availability, split), "archwright.yaml");

describe("errorBudgetMinutes", () => {
  it("allows 43.2 minutes a month at 99.9%", () => {
    assert.equal(errorBudgetMinutes(99.9), 43.2);
  });
  it("scales with the unavailable share and the window", () => {
    assert.equal(errorBudgetMinutes(99.99), 4.32);
    assert.equal(errorBudgetMinutes(99.5), 216);
    assert.equal(errorBudgetMinutes(99, 7), 100.8);
  });
});

describe("observabilityPlan", () => {
  it("derives the SLOs from the spec's availability and latency", () => {
    const plan = observabilityPlan(model(100, "99.95"));
    const availability = plan.slos.find((s) => s.name === "Availability");
    assert.equal(availability?.objectivePercent, 99.95);
    assert.equal(availability?.errorBudgetMinutes, 21.6);
    // 100 rps for 30 days is 259.2M requests; 0.05% of them may fail.
    assert.equal(availability?.errorBudgetRequestsAtPeak, 129_600);
    assert.match(plan.slos.find((s) => s.name === "Latency")?.indicator ?? "", /200 ms/);
  });

  it("reports dependency status in readiness and redacts PII", () => {
    const plan = observabilityPlan(model(100, "99.9"));
    const ready = plan.healthChecks.find((h) => h.path === "/health/ready");
    assert.ok(ready?.checks.some((c) => /PostgreSQL/.test(c)));
    assert.ok(plan.logs.redacted.includes("User.email"));
    assert.match(plan.logs.correlation, /X-Request-ID/);
  });

  it("watches the broker only when the design has one", () => {
    const single = observabilityPlan(model(100, "99.9"));
    assert.ok(!single.metrics.some((m) => /consumer lag/.test(m)));
    const split = observabilityPlan(model(100, "99.9", true));
    assert.ok(split.metrics.some((m) => /consumer lag/.test(m)));
    assert.ok(split.runbook.some((r) => /dead-letter/.test(r.symptom)));
  });

  it("samples fewer successful traces as traffic grows", () => {
    assert.equal(observabilityPlan(model(20, "99.9")).traces.successSampleRatio, 1);
    assert.equal(observabilityPlan(model(5000, "99.9")).traces.successSampleRatio, 0.01);
  });
});

describe("deploymentPlan", () => {
  it("keeps a tiny single-service spec simple: a rolling update, two environments", () => {
    const m = model(20, "99.5");
    const plan = deploymentPlan(m, m.services);
    assert.equal(plan.platform, "single-container");
    assert.equal(plan.strategy, "rolling");
    assert.equal(plan.pipeline.at(-1)?.stage, "rolling");
    assert.deepEqual(plan.environments, ["staging", "production"]);
    assert.equal(plan.availabilityZones, 2);
  });

  it("uses canaries for high traffic and sizes the busy service from its use cases", () => {
    const m = model(4000, "99.9", true);
    const plan = deploymentPlan(m, m.services);
    assert.equal(plan.strategy, "canary");
    assert.equal(plan.platform, "managed-containers");
    const notes = plan.services.find((s) => s.service === "notes");
    const core = plan.services.find((s) => s.service === "core");
    assert.equal(notes?.peakRps, 4000);
    assert.ok((notes?.minInstances ?? 0) > (core?.minInstances ?? 0));
  });

  it("has the pipeline gates and an expand/contract migration policy", () => {
    const m = model(100, "99.9");
    const plan = deploymentPlan(m, m.services);
    const stages = plan.pipeline.map((p) => p.stage);
    for (const stage of ["lint", "test", "migration safety check", "contract tests"])
      assert.ok(stages.includes(stage));
    assert.equal(plan.migrationPolicy.pattern, "expand/contract");
    assert.match(plan.rollback, /Automatic/);
  });
});
