import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { parse } from "yaml";
import { designSystem } from "../../src/design/design-system.js";
import { InputError } from "../../src/diagnostics/diagnostic.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import { specJsonSchema } from "../../src/spec/spec-schema.js";
import { remainingObjects } from "../../src/verify/verify-migrations.js";
import { ledgerSpec } from "../fixtures/data-rules/specs.js";
import { lintWithRedocly } from "../verify/design-verification.js";

let db: PGlite;
before(async () => {
  db = new PGlite();
});
after(async () => {
  await db.close();
});

const result = designSystem(parseSpec(ledgerSpec(), "wallet.yaml"), { svg: false });
const up = result.files.get("db/ledger/migrations/0001_init.up.sql") ?? "";
const down = result.files.get("db/ledger/migrations/0001_init.down.sql") ?? "";
const openapi = result.files.get("openapi/ledger.yaml") ?? "";

const WALLET_A = "0190a000-0000-7000-8000-0000000000a1";
const WALLET_B = "0190a000-0000-7000-8000-0000000000b2";
const HOLDER = "0190a000-0000-7000-8000-0000000000c3";
const ENTRY = "0190a000-0000-7000-8000-0000000000d4";

describe("data rules: append-only entities", () => {
  it("offer no update or delete operation in the API", async () => {
    const paths = (parse(openapi) as { paths: Record<string, Record<string, unknown>> }).paths;
    for (const path of ["/v1/postings/{postingId}", "/v1/entries/{entryId}"]) {
      assert.deepEqual(
        Object.keys(paths[path] ?? {}).filter((k) => k !== "parameters"),
        ["get"],
        path,
      );
    }
    // Live state keeps its operations.
    assert.ok(paths["/v1/balances/{balanceId}"]?.patch);
    const errors = (await lintWithRedocly(openapi, "ledger.yaml")).filter((p) => p.severity === "error");
    assert.deepEqual(errors, []);
  });

  it("are refused UPDATE and DELETE by the database, and postings of an entry must sum to zero at commit", async () => {
    await db.exec(up);
    await db.exec(`
      INSERT INTO holders (id, email) VALUES ('${HOLDER}', 'a@example.com');
      INSERT INTO wallets (id, holder_id, currency) VALUES ('${WALLET_A}', '${HOLDER}', 'EUR'), ('${WALLET_B}', '${HOLDER}', 'EUR');
      INSERT INTO entries (id, memo) VALUES ('${ENTRY}', 'transfer');`);
    await db.exec(`BEGIN;
      INSERT INTO postings (entry_id, wallet_id, amount) VALUES ('${ENTRY}', '${WALLET_A}', -10.00);
      INSERT INTO postings (entry_id, wallet_id, amount) VALUES ('${ENTRY}', '${WALLET_B}', 10.00);
      COMMIT;`);
    // One leg alone does not balance: the deferred check fails the commit.
    await assert.rejects(
      db.exec(`BEGIN;
        INSERT INTO postings (entry_id, wallet_id, amount) VALUES ('${ENTRY}', '${WALLET_A}', -5.00);
        COMMIT;`),
      /do not sum to zero/,
    );
    await db.exec("ROLLBACK;").catch(() => undefined);
    await assert.rejects(db.exec("UPDATE postings SET amount = 0"), /append-only/);
    await assert.rejects(db.exec("DELETE FROM postings"), /append-only/);
    await assert.rejects(db.exec("DELETE FROM entries"), /append-only/);
    const count = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM postings");
    assert.equal(count.rows[0]?.n, 2);
    // A balance may not go negative.
    await assert.rejects(
      db.exec(`INSERT INTO balances (wallet, amount) VALUES ('${WALLET_A}', -1)`),
      /check constraint/,
    );
    await db.exec(down);
    assert.deepEqual(await remainingObjects(db), []);
  });

  it("are not versioned: nothing updates them", () => {
    assert.doesNotMatch(up, /CREATE TABLE postings \([^;]*version integer/);
  });
});

describe("data rules: checked in the spec and in its JSON Schema", () => {
  it("documents appendOnly, sumsToZero and consistency in the JSON Schema", () => {
    const text = JSON.stringify(specJsonSchema());
    for (const key of ['"appendOnly"', '"sumsToZero"', '"consistency"']) assert.ok(text.includes(key), key);
  });

  it("rejects a sum over a non-numeric field and a `per` that is not a ref, each at its own line", () => {
    const text = ledgerSpec().replace(
      "sumsToZero: { field: amount, per: entry }",
      "sumsToZero:\n      field: memo\n      per: amount",
    );
    const bad = text.replace(
      "      entry: { ref: Entry }\n      wallet",
      "      memo: { type: string }\n      entry: { ref: Entry }\n      wallet",
    );
    let error: InputError | undefined;
    try {
      parseSpec(bad, "wallet.yaml");
    } catch (e) {
      if (e instanceof InputError) error = e;
    }
    const lines = bad.split("\n");
    assert.deepEqual(
      error?.diagnostics.map((d) => [d.code, d.message, d.location.line]),
      [
        [
          "spec/invalid-value",
          "`Posting.sumsToZero.field` names `memo`, which is not a number",
          lines.findIndex((l) => l.includes("field: memo")) + 1,
        ],
        [
          "spec/invalid-value",
          "`Posting.sumsToZero.per` names `amount`, which is not a ref",
          lines.findIndex((l) => l.includes("per: amount")) + 1,
        ],
      ],
    );
  });
});
