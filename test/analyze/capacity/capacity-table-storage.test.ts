import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { buildTestModel, type TestEntity } from "../../fixtures/capacity/build-test-model.js";

function storageOf(entity: TestEntity, retentionYears = 3, dailyActiveUsers = 100) {
  const model = buildTestModel({ scale: { retentionYears, dailyActiveUsers }, entities: { Item: entity } });
  const report = estimateCapacity(model);
  const table = report.storage[0];
  assert.ok(table);
  return { table, report };
}

describe("table growth and the 100M-row month", () => {
  it("computes the month for a constant daily growth", () => {
    const { table, report } = storageOf(
      { growth: { perDay: 1_000_000 }, fields: { n: { type: "integer" } } },
      10,
    );
    // 1M rows/day x 30.4375 days = 30,437,500 rows a month: 3.29 months to 100M, so month 4.
    assert.equal(table.current.passesThresholdInMonth, 4);
    // At 10x: 304,375,000 rows a month passes 100M during month 1.
    assert.equal(table.tenfold.passesThresholdInMonth, 1);
    assert.equal(table.current.rowsAtRetention, 1_000_000 * 365.25 * 10);
    const bottleneck = report.bottlenecks.find((b) => b.id === "table-rows:items");
    assert.equal(bottleneck?.bitesInMonth, 4);
    assert.equal(
      bottleneck?.bitesAtMultiple,
      Math.round((100_000_000 / (1_000_000 * 365.25 * 10)) * 100) / 100,
    );
  });

  it("computes the month from growth per active user", () => {
    const { table } = storageOf({ growth: { perActiveUserPerDay: 4 }, fields: {} }, 5, 250_000);
    // 1M rows/day again, retained for 5 years.
    assert.equal(table.current.passesThresholdInMonth, 4);
  });

  it("gives no month to a table that stays below 100M rows within retention", () => {
    const { table, report } = storageOf(
      { growth: { perDay: 50_000 }, fields: { n: { type: "integer" } } },
      3,
    );
    assert.equal(table.current.rowsAtRetention, 54_787_500);
    assert.equal(table.current.passesThresholdInMonth, null);
    // At 10x, 500k rows a day (15.2M a month) passes 100M in month 7, well inside retention.
    assert.equal(table.tenfold.passesThresholdInMonth, Math.floor(100_000_000 / (500_000 * 30.4375)) + 1);
    const bottleneck = report.bottlenecks.find((b) => b.id === "table-rows:items");
    assert.equal(bottleneck?.bitesInMonth, null);
    assert.equal(bottleneck?.bitesInMonthAtTenfold, 7);
  });

  it("reports month 0 for reference data already past the threshold, and never for small reference data", () => {
    assert.equal(
      storageOf({ growth: { rows: 150_000_000 }, fields: {} }).table.current.passesThresholdInMonth,
      0,
    );
    const small = storageOf({ growth: { rows: 5_000 }, fields: {} });
    assert.equal(small.table.current.passesThresholdInMonth, null);
    assert.ok(!small.report.bottlenecks.some((b) => b.kind === "table-rows"));
  });
});

describe("row widths", () => {
  it("pads columns to their alignment", () => {
    const { table } = storageOf({
      fields: { flag: { type: "boolean" }, count: { type: "integer" }, total: { type: "bigint" } },
    });
    // id 16 | flag 1 -> 17, count aligned to 20 -> 24 | total at 24 -> 32 | created_at 40 | updated_at 48.
    assert.equal(table.rowBytes, 24 + 48 + 4);
    assert.equal(table.rowsPerPage, Math.floor(8168 / 76));
  });

  it("uses short varlena headers up to 126 bytes and 4-byte aligned ones beyond", () => {
    const short = storageOf({ fields: { name: { type: "string", max: 252 } } }).table;
    const long = storageOf({ fields: { name: { type: "string", max: 254 } } }).table;
    // 126 chars + 1 -> 143 at offset 16, created_at at 144: 160 data bytes.
    assert.equal(short.rowBytes, 24 + 160 + 4);
    // 127 chars + 4, aligned to 16 -> 147, created_at at 152: 168 data bytes.
    assert.equal(long.rowBytes, 24 + 168 + 4);
  });
});

describe("indexes counted in table size", () => {
  it("drops a foreign key index that leads the primary key, keeps unique ones", () => {
    const model = buildTestModel({
      entities: {
        User: { fields: { email: { type: "email", unique: true } } },
        Follow: {
          key: ["follower", "followee"],
          fields: { follower: { ref: "User" }, followee: { ref: "User" } },
        },
      },
    });
    const [user, follow] = estimateCapacity(model).storage;
    assert.deepEqual(
      user?.indexes.map((i) => i.columns.join(",")),
      ["id", "email"],
    );
    assert.deepEqual(
      follow?.indexes.map((i) => i.columns.join(",")),
      ["follower_id,followee_id", "followee_id"],
    );
  });

  it("merges a use case index with an identical one and orders filter, sort, then key", () => {
    const model = buildTestModel({
      entities: {
        User: { fields: {} },
        Order: { fields: { customer: { ref: "User" }, status: { type: "enum" } } },
      },
      useCases: [
        {
          name: "My orders",
          reads: ["Order"],
          filter: { Order: ["customer"] },
          sort: { Order: "-createdAt" },
          peakRps: 1,
        },
        { name: "Open orders", reads: ["Order"], filter: { Order: ["status"] }, peakRps: 1 },
      ],
    });
    const order = estimateCapacity(model).storage[1];
    assert.deepEqual(
      order?.indexes.map((i) => [i.columns.join(","), i.reasons.join("; ")]),
      [
        ["id", "primary key"],
        ["customer_id,created_at,id", "use case My orders"],
        ["status,id", "use case Open orders"],
      ],
    );
  });
});
