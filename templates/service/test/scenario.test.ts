import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { DESIGN } from "../src/generated/design.js";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { limitedToCaller, operation, prepare, startHarness } from "./scenario-support.js";

/**
 * Every use case of the design, performed as its actor with a token for its role, answers the
 * designed status; every refused cell of the access matrix is refused; a replayed Idempotency-Key
 * answers the first response.
 */
const harness = await startHarness();
after(() => harness.close());
const app = harness.service.app;

describe("use cases, each as its actor", () => {
  for (const scenario of SCENARIOS.useCases) {
    it(`${scenario.useCase} as ${scenario.actor}: ${operation(scenario.operationId).method} ${operation(scenario.operationId).url} answers ${scenario.status}`, async () => {
      const request = await prepare(harness, scenario);
      const response = await app.inject(request);
      assert.equal(
        response.statusCode,
        scenario.status,
        `${request.method} ${request.url}: ${response.body}`,
      );
      assert.ok(response.headers["x-request-id"], "every response carries X-Request-ID");
    });
  }
});

describe("the access matrix: every refused cell is refused", () => {
  const byOperation = new Map(SCENARIOS.useCases.map((u) => [u.operationId, u]));
  for (const cell of SCENARIOS.matrix.filter((c) => !c.allowed)) {
    const op = operation(cell.operationId);
    it(`${cell.actor} may not call ${op.method} ${op.url}`, async () => {
      const scenario = byOperation.get(cell.operationId);
      const request = scenario
        ? await prepare(harness, { ...scenario, actor: cell.actor })
        : {
            method: op.method,
            url: op.url.replace(/:[A-Za-z0-9_]+/g, "00000000-0000-4000-8000-000000000000"),
            headers: {},
            payload: undefined,
          };
      const response = await app.inject(request);
      const expected = cell.actor === "anonymous" ? [401] : [403, 404];
      assert.ok(
        expected.includes(response.statusCode),
        `${cell.actor} got ${response.statusCode} from ${op.method} ${request.url}: ${response.body}`,
      );
      assert.equal(response.headers["content-type"], "application/problem+json; charset=utf-8");
    });
  }
});

describe("row conditions: another person's rows are out of reach", () => {
  const limited = SCENARIOS.useCases.filter((u) => {
    const op = operation(u.operationId);
    return op.kind !== "create" && op.kind !== "redirect" && limitedToCaller(op, u.actor);
  });
  for (const scenario of limited) {
    const op = operation(scenario.operationId);
    it(`${scenario.useCase} as ${scenario.actor}: ${op.access[scenario.actor]}`, async () => {
      const request = await prepare(harness, scenario, { othersRow: true });
      const response = await app.inject(request);
      if (op.kind === "list" || op.kind === "feed") {
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json().data, [], "the list shows none of another person's rows");
      } else {
        assert.equal(response.statusCode, 404, `${request.method} ${request.url}: ${response.body}`);
      }
    });
  }
});

describe("tenant isolation: a token of another tenant reaches none of this tenant's rows", () => {
  const reads = SCENARIOS.tenantEntity
    ? SCENARIOS.useCases.filter((u) => {
        const op = operation(u.operationId);
        return u.actor !== "anonymous" && op.kind !== "create" && op.tenantColumn !== undefined;
      })
    : [];
  for (const scenario of reads) {
    const op = operation(scenario.operationId);
    it(`${scenario.useCase} as ${scenario.actor} of another tenant`, async () => {
      const request = await prepare(harness, scenario, { otherTenant: true });
      const response = await app.inject(request);
      if (op.kind === "list" || op.kind === "feed") {
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json().data, []);
      } else {
        assert.equal(response.statusCode, 404, response.body);
      }
    });
  }
});

describe("privileged properties: only their roles may write them", () => {
  for (const scenario of SCENARIOS.useCases) {
    const op = operation(scenario.operationId);
    for (const [property, roles] of Object.entries(op.writeRoles ?? {})) {
      if (roles.includes(scenario.actor) || scenario.actor === "anonymous") continue;
      it(`${scenario.actor} may not set ${property} through ${op.method} ${op.url}`, async () => {
        const request = await prepare(harness, scenario);
        const column = op.properties.find((p) => p.name === property)?.column;
        const value =
          harness.seeds.table(scenario.entity).columns.find((c) => c.name === column)?.value ?? null;
        const response = await app.inject({
          ...request,
          payload: { ...(request.payload ?? {}), [property]: value },
        });
        assert.equal(response.statusCode, 403, response.body);
      });
    }
  }
});

describe("fields=: a sparse fieldset", () => {
  const scenario = SCENARIOS.useCases.find((u) => {
    const op = operation(u.operationId);
    return op.kind === "list" && op.schema.querystring?.properties !== undefined;
  });
  const op = scenario ? operation(scenario.operationId) : undefined;
  const second = op?.properties.find((p) => p.name !== "id");
  it("returns only the named properties and id", { skip: !scenario || !second }, async () => {
    if (!scenario || !second) return;
    const request = await prepare(harness, scenario);
    const response = await app.inject({ ...request, url: `${request.url}?fields=${second.name}` });
    assert.equal(response.statusCode, 200, response.body);
    const rows = response.json().data as Record<string, unknown>[];
    assert.ok(rows.length > 0, "the seeded row is listed");
    for (const row of rows) assert.deepEqual(Object.keys(row).sort(), ["id", second.name].sort());
  });
});

describe("Idempotency-Key", () => {
  const scenario = SCENARIOS.useCases.find(
    (u) => operation(u.operationId).idempotent && u.actor !== "anonymous",
  );
  it("a replayed key answers the first response and writes nothing more", { skip: !scenario }, async () => {
    if (!scenario) return;
    const request = await prepare(harness, scenario);
    const op = operation(scenario.operationId);
    const count = async () =>
      (
        await harness.db.transaction({ searchPath: [op.service] }, (sql) =>
          sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${op.table}"`),
        )
      )[0]?.n ?? 0;
    const before = await count();
    const first = await app.inject(request);
    assert.equal(first.statusCode, scenario.status, first.body);
    const second = await app.inject(request);
    assert.equal(second.statusCode, first.statusCode);
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers.location, first.headers.location);
    assert.equal(second.headers["idempotent-replayed"], "true");
    assert.equal(await count(), before + 1, "the replay created no second row");
  });
});

describe("the service", () => {
  it("reports its dependencies on /health", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().checks.database.status, "up");
  });
  it("answers an unknown route with a problem", async () => {
    const response = await app.inject({ method: "GET", url: "/v1/no-such-thing" });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().status, 404);
  });
  it("keeps the caller's X-Request-ID", async () => {
    const response = await app.inject({
      method: "GET",
      url: "/health",
      headers: { "x-request-id": "req-42" },
    });
    assert.equal(response.headers["x-request-id"], "req-42");
  });
  it("routes every operation of the design", () => {
    assert.ok(DESIGN.operations.length > 0);
    for (const op of DESIGN.operations)
      assert.ok(app.hasRoute({ method: op.method, url: op.url }), op.operationId);
  });
});
