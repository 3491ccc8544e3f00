import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { designSystem } from "../../../src/design/design-system.js";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { ledgerSpec } from "../../fixtures/data-rules/specs.js";

/** A social app whose single platform-statistics row every post updates (a celebrity-style counter). */
const PLATFORM_COUNTER_SPEC = `archwright: 1
system: { name: Posts, description: People post; a platform row counts every post }
scale: { users: 1000000, dailyActiveUsers: 200000, peakRequestsPerSecond: 3000 }
security: { roles: [member, admin] }
entities:
  Platform:
    service: posts
    fields:
      postCount: { type: bigint, min: 0 }
    growth: { rows: 1 }
  Post:
    service: posts
    fields:
      body: { type: text, max: 500 }
    growth: { perActiveUserPerDay: 1 }
useCases:
  - name: Publish
    actor: member
    writes: [Post, Platform]
    peakRps: 600
  - name: Read posts
    actor: member
    reads: [Post]
    peakRps: 2000
`;

const hotRows = (text: string) =>
  estimateCapacity(parseSpec(text, "s.yaml")).bottlenecks.filter((b) => b.kind === "hot-row");

describe("hot rows", () => {
  it("a fee account every transfer credits is flagged with its writes/s and a mitigation", () => {
    const [hot, ...rest] = hotRows(ledgerSpec({ feeAccount: true }));
    assert.equal(rest.length, 0);
    assert.equal(hot?.id, "hot-row:balances");
    assert.equal(
      hot?.resource,
      'One row of `balances` takes 400 writes/s (every call of "Transfer" updates the same row)',
    );
    // 1000 ms / 5 ms per write = 200 updates/s of one row: it bites at half today's load.
    assert.equal(hot?.bitesAtMultiple, 0.5);
    assert.match(hot?.mitigation ?? "", /split it into 40 sharded sub-rows/);
    assert.match(hot?.mitigation ?? "", /append-only posting and roll the postings up/);
  });

  it("is shown in DESIGN.md's bottlenecks", () => {
    const doc =
      designSystem(parseSpec(ledgerSpec({ feeAccount: true }), "w.yaml"), { svg: false }).files.get(
        "DESIGN.md",
      ) ?? "";
    const bottlenecks = doc.slice(doc.indexOf("### Potential Bottlenecks"));
    assert.match(bottlenecks, /One row of `balances` takes 400 writes\/s/);
  });

  it("no hot row where each transfer updates its own wallets' balances", () => {
    assert.deepEqual(hotRows(ledgerSpec()), []);
  });

  it("a reference table of one row that every write updates is a hot row too", () => {
    const [hot] = hotRows(PLATFORM_COUNTER_SPEC);
    assert.match(
      hot?.resource ?? "",
      /^One row of `platforms` takes 6\d\d(\.\d)? writes\/s \(its 1 row share all/,
    );
    assert.ok((hot?.bitesAtMultiple ?? 9) < 1);
  });

  it("hotRows must name an entity the use case writes, at its own line", () => {
    const bad = ledgerSpec({ feeAccount: true }).replace("hotRows: { Balance: 1 }", "hotRows: { Holder: 1 }");
    let error: InputError | undefined;
    try {
      parseSpec(bad, "w.yaml");
    } catch (e) {
      if (e instanceof InputError) error = e;
    }
    assert.deepEqual(
      error?.diagnostics.map((d) => [d.code, d.message, d.location.line]),
      [
        [
          "spec/hot-rows-unused",
          '`hotRows` of use case "Transfer" names Holder, which it does not write',
          bad.split("\n").findIndex((l) => l.includes("hotRows: { Holder")) + 1,
        ],
      ],
    );
  });
});
