import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DEFAULT_CAPACITY_ASSUMPTIONS, estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { designSystem } from "../../../src/design/design-system.js";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { buildTestModel } from "../../fixtures/capacity/build-test-model.js";
import { socialModel } from "../../fixtures/capacity/social-model.js";

describe("estimateCapacity: determinism and serialisation", () => {
  it("gives byte-identical JSON for the same model", () => {
    assert.equal(
      JSON.stringify(estimateCapacity(socialModel())),
      JSON.stringify(estimateCapacity(socialModel())),
    );
  });

  it("is plain JSON: a round trip changes nothing", () => {
    const report = estimateCapacity(socialModel());
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });

  it("keeps the documented top-level key order", () => {
    assert.deepEqual(Object.keys(estimateCapacity(socialModel())), [
      "system",
      "retentionYears",
      "tenfoldMultiple",
      "userEntity",
      "assumptions",
      "limits",
      "current",
      "tenfold",
      "storage",
      "projectionStorage",
      "bottlenecks",
      "notes",
    ]);
  });

  it("rounds rates to one decimal", () => {
    for (const table of estimateCapacity(socialModel()).current.tables) {
      assert.equal(Math.round(table.readsPerSecond * 10) / 10, table.readsPerSecond);
    }
  });
});

describe("estimateCapacity: 10x", () => {
  const report = estimateCapacity(socialModel());

  it("multiplies requests per use case and per service by ten", () => {
    for (const [i, useCase] of report.current.useCases.entries()) {
      assert.equal(report.tenfold.useCases[i]?.requestsPerSecond, useCase.requestsPerSecond * 10);
    }
    for (const [i, service] of report.current.services.entries()) {
      assert.ok(
        Math.abs((report.tenfold.services[i]?.requestsPerSecond ?? 0) - service.requestsPerSecond * 10) <= 1,
      );
    }
    assert.equal(report.tenfold.peakRequestsPerSecond, 40_000);
  });

  it("multiplies table reads, database reads and writes by ten, keeping the same caches", () => {
    for (const [i, table] of report.current.tables.entries()) {
      const tenfold = report.tenfold.tables[i];
      assert.equal(tenfold?.cached, table.cached);
      assert.ok(Math.abs((tenfold?.readsPerSecond ?? 0) - table.readsPerSecond * 10) <= 0.5, table.table);
      assert.ok(Math.abs((tenfold?.databaseReadsPerSecond ?? 0) - table.databaseReadsPerSecond * 10) <= 0.5);
      assert.ok(Math.abs((tenfold?.writesPerSecond ?? 0) - table.writesPerSecond * 10) <= 0.5);
    }
  });

  it("multiplies growth and user rows by ten but not fixed reference rows", () => {
    const model = buildTestModel({
      scale: { users: 2_000, dailyActiveUsers: 1_000 },
      entities: {
        User: { fields: { name: { type: "string", max: 40 } } },
        Event: { growth: { perActiveUserPerDay: 2, perDay: 500 }, fields: { kind: { type: "enum" } } },
        Country: { growth: { rows: 250 }, fields: { code: { type: "string", max: 2 } } },
      },
    });
    const storage = estimateCapacity(model).storage;
    const [user, event, country] = storage;
    assert.equal(user?.current.rowsAtRetention, 2_000);
    assert.equal(user?.tenfold.rowsAtRetention, 20_000);
    assert.equal(event?.current.rowsPerDay, 2 * 1_000 + 500);
    assert.equal(event?.tenfold.rowsPerDay, 25_000);
    assert.equal(event?.tenfold.rowsAtRetention, (event?.current.rowsAtRetention ?? 0) * 10);
    assert.equal(country?.current.rowsAtRetention, 250);
    assert.equal(country?.tenfold.rowsAtRetention, 250);
    assert.equal(country?.rowSource, "fixed");
  });

  it("finds the social network's first break: posts pass 100M rows at current load", () => {
    const first = report.bottlenecks[0];
    assert.equal(first?.id, "table-rows:posts");
    assert.equal(first?.bitesInMonth, 22);
    const multiples = report.bottlenecks.map((b) => b.bitesAtMultiple);
    assert.deepEqual(
      multiples,
      [...multiples].sort((x, y) => x - y),
    );
    assert.deepEqual(
      report.bottlenecks.map((b) => b.rank),
      report.bottlenecks.map((_, i) => i + 1),
    );
  });
});

describe("estimateCapacity: projection tables", () => {
  it("sizes a projection by the columns the design emits for it: personal data stays behind", () => {
    const spec = `archwright: 1
system: { name: Orders, description: Orders that look up their customer. }
scale: { users: 1000000, dailyActiveUsers: 100000, peakRequestsPerSecond: 400, retentionYears: 2 }
security: { roles: [customer, admin] }
entities:
  Customer:
    service: identity
    fields:
      name: { type: string, max: 80 }
      bio: { type: text, max: 4000, pii: true }
    growth: { rows: 1000000 }
  Order:
    service: ordering
    fields: { customer: { ref: Customer }, total: { type: integer, min: 0 } }
    growth: { perActiveUserPerDay: 0.1 }
useCases:
  - name: Place order
    actor: customer
    reads: [Customer]
    writes: [Order]
    peakRps: 300
`;
    const design = designSystem(parseSpec(spec, "orders.yaml"), { svg: false });
    const performance = (
      JSON.parse(design.files.get("handoff.json") ?? "{}") as {
        performance: {
          storage: { table: string; rowBytes: number; current: { rowsAtRetention: number } }[];
          projectionStorage: {
            table: string;
            service: string;
            rowBytes: number;
            current: { rowsAtRetention: number };
          }[];
        };
      }
    ).performance;
    const source = performance.storage.find((t) => t.table === "customers");
    const copy = performance.projectionStorage.find((t) => t.table === "customers_projection");
    assert.equal(copy?.service, "ordering");
    assert.equal(copy?.current.rowsAtRetention, source?.current.rowsAtRetention);
    // The 4,000-character pii bio (20% filled: 800 bytes) is not copied.
    assert.ok(
      (source?.rowBytes ?? 0) - (copy?.rowBytes ?? 0) >= 800,
      `${source?.rowBytes} vs ${copy?.rowBytes}`,
    );
    // Without the design's schemas the copy is sized as the source, an upper bound.
    const bare = estimateCapacity(parseSpec(spec, "orders.yaml"), undefined, {
      projections: [{ useCase: "Place order", owner: "ordering" }],
    });
    assert.equal(bare.projectionStorage[0]?.rowBytes, source?.rowBytes);
  });

  it("charges a projection's reads and its source's writes to the owner's primary", () => {
    const report = estimateCapacity(socialModel(), undefined, {
      projections: [{ useCase: "Home feed", owner: "content" }],
    });
    const projection = report.current.projections.find((p) => p.table === "follows_projection");
    const follows = report.current.tables.find((t) => t.table === "follows");
    assert.equal(projection?.service, "content");
    assert.equal(projection?.readsPerSecond, 2500);
    assert.equal(projection?.writesPerSecond, follows?.writesPerSecond);
    const content = report.current.databases.find((d) => d.service === "content");
    const own = report.current.tables.filter((t) => t.service === "content");
    const sum = (values: number[]) => Math.round(values.reduce((x, y) => x + y, 0) * 10) / 10;
    assert.ok(
      Math.abs((content?.readsPerSecond ?? 0) - sum([...own.map((t) => t.databaseReadsPerSecond), 2500])) <=
        0.2,
    );
    assert.ok(
      Math.abs(
        (content?.writesPerSecond ?? 0) -
          sum([...own.map((t) => t.writesPerSecond), projection?.writesPerSecond ?? 0]),
      ) <= 0.2,
    );
    assert.deepEqual(
      report.projectionStorage.map((p) => [p.table, p.service, p.copyOf]),
      [["follows_projection", "content", "Follow"]],
    );
  });
});

describe("estimateCapacity: archival advice", () => {
  it("never archives live state by age: posts stay current however old", () => {
    const report = estimateCapacity(socialModel());
    const posts = report.bottlenecks.find((b) => b.id === "table-rows:posts");
    // 0.3 posts per active user per day x 500,000 daily users x 30.4375 days = 4,565,625 rows a month:
    // 100M rows are passed in month floor(100M / 4,565,625) + 1 = 22.
    assert.equal(posts?.bitesInMonth, 22);
    assert.match(posts?.mitigation ?? "", /Hash-partition `posts` by a column of its key before month 22/);
    // 164.4M rows at retention over 16 hash parts.
    assert.match(
      posts?.mitigation ?? "",
      /nothing is archived by age: 16 hash parts hold about 10\.3M rows each/,
    );
    assert.doesNotMatch(posts?.mitigation ?? "", /archive older partitions|keep the newest/);
  });

  const events = (perDay: number, appendOnly = true) =>
    buildTestModel({
      entities: { Event: { appendOnly, growth: { perDay }, fields: { kind: { type: "string", max: 20 } } } },
      useCases: [{ name: "Record", writes: ["Event"], peakRps: 10 }],
    });

  it("keeps append-only rows for the whole retention, moving old partitions to cheaper storage", () => {
    // 200,000 a day is 6,087,500 a month: 16 months fit under 100M.
    const ranged = estimateCapacity(events(200_000), undefined, {
      partitioned: new Map([
        ["Event", { strategy: "range", column: "created_at", interval: "month", reason: "r" }],
      ]),
    });
    const advice = ranged.bottlenecks.find((b) => b.id === "table-rows:events")?.mitigation ?? "";
    assert.match(advice, /range-partitioned by created_at month from its first migration/);
    assert.match(advice, /keep the newest 16 months in PostgreSQL \(36 months retained in all\)/);
    assert.match(advice, /dropped only past retention/);
  });

  it("names the partition width the table needs when one month alone passes the threshold", () => {
    // 5,000,000 a day is 152M a month: no number of whole months fits.
    const flood = estimateCapacity(events(5_000_000));
    const floodAdvice = flood.bottlenecks.find((b) => b.id === "table-rows:events")?.mitigation ?? "";
    assert.match(floodAdvice, /even one month adds 152\.2M rows: daily partitions keep each one small/);
    assert.doesNotMatch(floodAdvice, /keep the newest/);
  });

  it("tells a hash-partitioned live table its key column and no age-based archival", () => {
    const hashed = estimateCapacity(events(200_000, false), undefined, {
      partitioned: new Map([["Event", { strategy: "hash", column: "id", partitions: 16, reason: "r" }]]),
    });
    const advice = hashed.bottlenecks.find((b) => b.id === "table-rows:events")?.mitigation ?? "";
    assert.match(
      advice,
      /hash-partitioned by id into 16 parts from its first migration, which keeps its key/,
    );
    assert.match(advice, /shard by id across databases/);
    assert.doesNotMatch(advice, /detach|keep the newest|archive older/);
  });

  it("does not offer archival by age for reference data that starts above the threshold", () => {
    const report = estimateCapacity(
      buildTestModel({
        entities: {
          Product: { growth: { rows: 150_000_000 }, fields: { sku: { type: "string", max: 40 } } },
        },
        useCases: [{ name: "Browse", reads: ["Product"], peakRps: 10 }],
      }),
    );
    const products = report.bottlenecks.find((b) => b.id === "table-rows:products");
    assert.equal(products?.bitesAtMultiple, 0);
    assert.match(
      products?.mitigation ?? "",
      /starts at 150M rows, above 100M, and archiving by age cannot shrink/,
    );
  });
});

describe("estimateCapacity: traffic outside use cases", () => {
  const entities = {
    Note: { fields: { body: { type: "text" as const } } },
    Tag: { fields: { label: { type: "string" as const, max: 20 } } },
  };

  it("splits the remainder of the peak by the read/write ratio over all tables", () => {
    const model = buildTestModel({
      scale: { peakRequestsPerSecond: 1_000, readWriteRatio: 9 },
      entities,
      useCases: [{ name: "Read notes", reads: ["Note"], peakRps: 200 }],
    });
    const report = estimateCapacity(model);
    assert.equal(report.current.uncoveredReadsPerSecond, 720); // 800 x 9/10
    assert.equal(report.current.uncoveredWritesPerSecond, 80);
    const [note, tag] = report.current.tables;
    assert.equal(note?.readsPerSecond, 200 + 360);
    assert.equal(tag?.readsPerSecond, 360);
    assert.equal(tag?.writesPerSecond, 40);
  });

  it("uses the use case sum as the peak when it exceeds the stated peak, and says so", () => {
    const model = buildTestModel({
      scale: { peakRequestsPerSecond: 100 },
      entities,
      useCases: [{ name: "Read notes", reads: ["Note"], peakRps: 300 }],
    });
    const report = estimateCapacity(model);
    assert.equal(report.current.peakRequestsPerSecond, 300);
    assert.equal(report.current.uncoveredReadsPerSecond, 0);
    assert.match(report.notes.join("\n"), /Use cases add up to 300 requests\/s/);
  });
});

describe("estimateCapacity: user entity and unknown growth", () => {
  it("sizes the entity named after a use case actor from scale.users", () => {
    const model = buildTestModel({
      scale: { users: 40_000 },
      entities: {
        User: { fields: { email: { type: "email" } } },
        Customer: { fields: { email: { type: "email" } } },
      },
      useCases: [{ name: "See profile", actor: "customer", reads: ["Customer"], peakRps: 1 }],
    });
    const report = estimateCapacity(model);
    assert.equal(report.userEntity, "Customer");
    assert.deepEqual(
      report.storage.map((s) => [s.entity, s.rowSource, s.current.rowsAtRetention]),
      [
        ["User", "unknown", null],
        ["Customer", "users", 40_000],
      ],
    );
  });

  it("leaves tables without growth unsized, notes it, and ranks no growth bottleneck for them", () => {
    const report = estimateCapacity(socialModel());
    const follows = report.storage.find((s) => s.table === "follows");
    assert.equal(follows?.current.totalBytes, null);
    assert.equal(follows?.current.passesThresholdInMonth, null);
    assert.ok(report.notes.some((n) => n.startsWith("Follow has no growth")));
    assert.ok(!report.bottlenecks.some((b) => b.id === "table-rows:follows"));
  });
});

describe("estimateCapacity: caching", () => {
  it("caches hot read-heavy tables only", () => {
    const model = buildTestModel({
      scale: { peakRequestsPerSecond: 0 },
      entities: {
        Hot: { fields: { a: { type: "integer" } } },
        Cold: { fields: { a: { type: "integer" } } },
        Busy: { fields: { a: { type: "integer" } } },
      },
      useCases: [
        { name: "Read hot", reads: ["Hot"], peakRps: 500 },
        { name: "Read cold", reads: ["Cold"], peakRps: 50 },
        { name: "Read busy", reads: ["Busy"], peakRps: 500 },
        { name: "Write busy", writes: ["Busy"], peakRps: 100 },
      ],
    });
    const report = estimateCapacity(model);
    assert.deepEqual(
      report.current.tables.map((t) => [t.entity, t.cached, t.databaseReadsPerSecond]),
      [
        ["Hot", true, 50],
        ["Cold", false, 50],
        ["Busy", false, 500],
      ],
    );
    // One GET per read, one SET per miss, one DEL per write.
    assert.equal(report.current.cache.opsPerSecond, 500 + 50);
  });
});

describe("estimateCapacity: overrides", () => {
  const social = socialModel();
  const base = estimateCapacity(social);

  it("halving primary read capacity lowers the multiple at which the primary saturates", () => {
    const half = estimateCapacity(social, {
      postgres: { readQueriesPerSecond: DEFAULT_CAPACITY_ASSUMPTIONS.postgres.readQueriesPerSecond / 2 },
    });
    const before =
      base.limits.postgresPrimaries.find((p) => p.service === "content")?.saturatesAtMultiple ?? 0;
    const after =
      half.limits.postgresPrimaries.find((p) => p.service === "content")?.saturatesAtMultiple ?? 0;
    assert.ok(after < before, `${after} < ${before}`);
    assert.equal(half.assumptions.postgres.readQueriesPerSecond, 10_000);
    assert.equal(half.assumptions.postgres.writesPerSecond, 5_000);
  });

  it("a lower hit ratio sends more reads to PostgreSQL", () => {
    const report = estimateCapacity(social, { cache: { hitRatio: 0.5 } });
    const posts = report.current.tables.find((t) => t.table === "posts");
    const reads = 2500 + 60 + (1398 * 20) / 21 / 4;
    assert.equal(posts?.databaseReadsPerSecond, Math.round(reads * 0.5 * 10) / 10);
    assert.ok((posts?.databaseReadsPerSecond ?? 0) > (base.current.tables[1]?.databaseReadsPerSecond ?? 0));
  });

  it("a lower row threshold brings the archival month forward", () => {
    const report = estimateCapacity(social, { growth: { rowThreshold: 50_000_000 } });
    const posts = report.storage.find((s) => s.table === "posts");
    assert.equal(
      posts?.current.passesThresholdInMonth,
      Math.floor(50_000_000 / (150_000 * (365.25 / 12))) + 1,
    );
  });

  it("shorter text changes row size, padding included", () => {
    const report = estimateCapacity(social, { storage: { textFill: 0.1 } });
    // id, author_id, body (500 + 4), visibility, version, created_at and updated_at need no padding now.
    assert.equal(
      report.storage.find((s) => s.table === "posts")?.rowBytes,
      24 + (32 + 504 + 4 + 4 + 8 + 8) + 4,
    );
  });

  it("rejects a non-positive value with a located error", () => {
    assert.throws(
      () => estimateCapacity(social, { redis: { opsPerSecond: 1 } } as never),
      (error: unknown) =>
        error instanceof InputError &&
        error.diagnostics[0]?.code === "capacity/unknown-assumption" &&
        error.message.startsWith("test.yaml:1:1: capacity.redis is not a capacity assumption"),
    );
    assert.throws(
      () => estimateCapacity(social, { cache: { hitRatio: 1.5 } }),
      /capacity\.cache\.hitRatio must be at most 1 \(got 1\.5\)/,
    );
    assert.throws(
      () => estimateCapacity(social, { postgres: { maxConnections: -5 } }),
      /capacity\.postgres\.maxConnections must be a positive number \(got -5\)/,
    );
  });

  it("suggests the assumption a misspelt name meant", () => {
    assert.throws(
      () => estimateCapacity(social, { cache: { hitRatoi: 0.8 } } as never),
      (error: unknown) => error instanceof InputError && error.diagnostics[0]?.suggestion === "hitRatio",
    );
  });
});

describe("projections", () => {
  it("charge a projected hot read to the service that keeps the projection", () => {
    const model = parseSpec(readFileSync("examples/social-sharing/archwright.yaml", "utf8"), "social.yaml");
    const plain = estimateCapacity(model);
    const projected = estimateCapacity(model, undefined, {
      projections: [{ useCase: "Home feed", owner: "content" }],
    });
    const rps = (r: typeof plain, service: string) =>
      r.current.services.find((s) => s.service === service)?.requestsPerSecond ?? 0;
    const dbReads = (r: typeof plain, service: string) =>
      r.current.databases.find((d) => d.service === service)?.readsPerSecond ?? 0;
    // Home feed runs at 2,500 rps and reads Post (content) and Follow (social).
    assert.equal(
      Math.round(rps(plain, "social") - rps(projected, "social")),
      2500,
      "social is no longer called",
    );
    assert.equal(
      Math.round(rps(projected, "content") - rps(plain, "content")),
      0,
      "content was already the entry point",
    );
    assert.ok(
      dbReads(projected, "content") - dbReads(plain, "content") >= 2499,
      "the projection is read in content's database",
    );
    const feed = projected.current.useCases.find((u) => u.name === "Home feed");
    assert.deepEqual(feed?.services, ["content"]);
  });
});
