import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { designSystem } from "../../../src/design/design-system.js";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { ledgerSpec } from "../../fixtures/data-rules/specs.js";

const writes = (text: string, entity: string) =>
  estimateCapacity(parseSpec(text, "w.yaml")).current.tables.find((t) => t.entity === entity)
    ?.writesPerSecond ?? 0;

describe("capacity counts the rows a call writes", () => {
  it("a double-entry transfer writes two postings and two balances per call", () => {
    // Transfer runs at 400 rps; with rowsPerCall it writes 800 postings and 800 balances a second.
    const counted = ledgerSpec();
    const once = ledgerSpec({ rowsPerCall: false });
    assert.equal(Math.round(writes(counted, "Posting") - writes(once, "Posting")), 400);
    assert.equal(Math.round(writes(counted, "Balance") - writes(once, "Balance")), 400);
    assert.equal(Math.round(writes(counted, "Entry") - writes(once, "Entry")), 0);
  });

  it("DESIGN.md and handoff.json state the same write rate as the capacity report", () => {
    const result = designSystem(parseSpec(ledgerSpec(), "w.yaml"), { svg: false });
    const postings = result.statements.capacity.current.tables.find((t) => t.entity === "Posting");
    const handoff = JSON.parse(result.files.get("handoff.json") ?? "{}") as {
      performance: { current: { tables: { entity: string; writesPerSecond: number }[] } };
    };
    const handed = handoff.performance.current.tables.find((t) => t.entity === "Posting");
    assert.equal(handed?.writesPerSecond, postings?.writesPerSecond);
    assert.ok((postings?.writesPerSecond ?? 0) >= 800);
  });

  it("rejects rowsPerCall for an entity the use case does not touch, at its key", () => {
    const text = ledgerSpec().replace(
      "rowsPerCall: { Posting: 2, Balance: 2 }",
      "rowsPerCall: { Wallet: 2 }",
    );
    let error: InputError | undefined;
    try {
      parseSpec(text, "w.yaml");
    } catch (e) {
      if (e instanceof InputError) error = e;
    }
    const line = text.split("\n").findIndex((l) => l.includes("rowsPerCall")) + 1;
    assert.deepEqual(
      error?.diagnostics.map((d) => [d.code, d.location.line]),
      [["spec/rows-per-call-unused", line]],
    );
  });
});
