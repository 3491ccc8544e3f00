import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { designSystem } from "../../../src/design/design-system.js";
import { InputError } from "../../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { ledgerSpec } from "../../fixtures/data-rules/specs.js";

function inputError(text: string): InputError {
  try {
    parseSpec(text, "wallet.yaml");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail("the spec was accepted");
}

describe("consistency: a transactional use case stays one transaction", () => {
  it("rejects a transactional use case whose explicit services split its writes, at its `transactional` key", () => {
    const text = ledgerSpec({ balanceService: "balances" });
    const error = inputError(text);
    assert.equal(error.diagnostics.length, 1);
    const [problem] = error.diagnostics;
    assert.equal(problem?.code, "spec/transaction-across-services");
    assert.match(problem?.message ?? "", /"Transfer" is transactional but writes in 2 services/);
    assert.match(problem?.message ?? "", /Balance in balances; Entry, Posting in ledger/);
    assert.match(problem?.expected ?? "", /consistency: eventual/);
    const line = text.split("\n").findIndex((l) => l.includes("transactional: true")) + 1;
    assert.equal(problem?.location.line, line);
    assert.equal(problem?.location.column, 5);
  });

  it("accepts the split when the use case declares `consistency: eventual`, as a saga", () => {
    const result = designSystem(
      parseSpec(ledgerSpec({ balanceService: "balances", consistency: "eventual" }), "w.yaml"),
      { svg: false },
    );
    assert.deepEqual(result.model.services, ["balances", "ledger"]);
    assert.ok(result.files.get("DESIGN.md")?.includes("TransferSaga"));
  });

  it("keeps a co-located transactional use case in one service with no saga", () => {
    const result = designSystem(parseSpec(ledgerSpec(), "w.yaml"), { svg: false });
    assert.deepEqual(result.model.services, ["ledger"]);
    assert.ok(!result.files.get("DESIGN.md")?.includes("TransferSaga"));
  });
});

describe("consistency: a saga never deletes append-only rows", () => {
  it("compensates an append-only step with a reversing row, never a delete", () => {
    const result = designSystem(
      parseSpec(ledgerSpec({ balanceService: "balances", consistency: "eventual" }), "w.yaml"),
      { svg: false },
    );
    const handoff = result.files.get("handoff.json") ?? "";
    const steps = (result.files.get("DESIGN.md") ?? "").split(/[;\n]/);
    for (const entity of ["Entry", "Posting"]) {
      const step = steps.find((l) => l.includes(`writes ${entity} (local transaction`));
      assert.ok(step, `saga step for ${entity}`);
      assert.match(step, /insert a reversing .* row/);
      assert.doesNotMatch(step, /delete/);
    }
    assert.doesNotMatch(handoff, /reverse the (Entry|Posting) change \(delete/);
    // Balance is live state, not append-only: restoring its values is the right undo.
    assert.ok(steps.some((l) => l.includes("writes Balance") && l.includes("restore the values")));
  });

  it("states each compensation as data beside its words in handoff.json", () => {
    const result = designSystem(
      parseSpec(readFileSync("examples/e-commerce/archwright.yaml", "utf8"), "s.yaml"),
      {
        svg: false,
      },
    );
    const handoff = JSON.parse(result.files.get("handoff.json") ?? "{}");
    const saga = handoff.integrationPoints.sagas.find((s: { name: string }) => s.name === "CheckOutSaga");
    const undo = Object.fromEntries(
      saga.steps.map((s: { entity: string; undo: unknown }) => [s.entity, s.undo] as const),
    );
    assert.deepEqual(undo, {
      Order: { kind: "set-status", field: "status", value: "cancelled" },
      OrderLine: { kind: "reverse" },
      InventoryItem: { kind: "reverse" },
      Payment: { kind: "set-status", field: "status", value: "refunded" },
    });
    const ledger = designSystem(
      parseSpec(ledgerSpec({ balanceService: "balances", consistency: "eventual" }), "w.yaml"),
      { svg: false },
    );
    const steps = JSON.parse(ledger.files.get("handoff.json") ?? "{}").integrationPoints.sagas[0].steps;
    assert.deepEqual(steps.find((s: { entity: string }) => s.entity === "Entry").undo, {
      kind: "reversing-row",
    });
  });
});

describe("consistency: reads that decide a transaction see committed state", () => {
  it("a transactional use case does not read another service's rows from a projection", () => {
    // Transfer reads Balance in "balances" at 400 rps, above the projection threshold: without the
    // strong-read rule it reads a projection that lags by seconds.
    const strongText = ledgerSpec({ balanceService: "balances", consistency: "eventual" })
      .replace(
        "reads: [Balance]\n    writes: [Entry, Posting, Balance]",
        "reads: [Balance]\n    writes: [Entry, Posting]",
      )
      .replace("consistency: eventual", "consistency: strong");
    const strong = designSystem(parseSpec(strongText, "w.yaml"), { svg: false });
    const up = strong.files.get("db/ledger/migrations/0001_init.up.sql") ?? "";
    assert.doesNotMatch(up, /balances_projection/);
    const relaxed = designSystem(
      parseSpec(strongText.replace("consistency: strong", "consistency: eventual"), "w.yaml"),
      { svg: false },
    );
    assert.match(relaxed.files.get("db/ledger/migrations/0001_init.up.sql") ?? "", /balances_projection/);
  });
});
