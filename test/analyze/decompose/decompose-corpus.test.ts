import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { corpusCase } from "../../../scripts/corpus-model.js";
import { mojoFm } from "../../../src/analyze/decompose/mojo-fm.js";
import { proposeServiceCut } from "../../../src/analyze/decompose/propose-service-cut.js";

const MODELS = "../shared/corpus/models";
const files = readdirSync(MODELS)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("decomposition of the corpus' real systems", () => {
  it("finds the corpus models", () => {
    assert.ok(files.length >= 4, `found ${files.length}`);
  });

  for (const file of files) {
    it(`places every entity of ${file} in exactly one service`, () => {
      const { model } = corpusCase(join(MODELS, file));
      const cut = proposeServiceCut(model);
      const placed = Object.values(cut.services).flat().sort();
      assert.deepEqual(placed, model.entities.map((e) => e.name).sort());
    });
  }

  it("stays at or above 75% average MoJoFM against the authors' decompositions (76.0% when written)", () => {
    const scores = files.map((file) => {
      const { model, reference } = corpusCase(join(MODELS, file));
      const placed = new Set(Object.values(reference).flat());
      const cut = proposeServiceCut(model);
      const proposed = Object.fromEntries(
        Object.entries(cut.services).map(([service, entities]) => [
          service,
          entities.filter((e) => placed.has(e)),
        ]),
      );
      return mojoFm(proposed, reference);
    });
    const average = scores.reduce((a, b) => a + b, 0) / scores.length;
    assert.ok(average >= 75, `average MoJoFM ${average.toFixed(1)}%`);
  });
});
