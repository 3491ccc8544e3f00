import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adjustedRandIndex } from "../../../src/analyze/decompose/adjusted-rand-index.js";
import { mojoDistance, mojoFm } from "../../../src/analyze/decompose/mojo-fm.js";

// Hand-computed examples; the working is in the comments so a reader can check them.
const close = (actual: number, expected: number): void => {
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);
};

describe("adjustedRandIndex", () => {
  it("is 1 for identical partitions whatever the cluster names", () => {
    close(adjustedRandIndex({ x: ["a", "b"], y: ["c"] }, { p: ["c"], q: ["b", "a"] }), 1);
  });

  it("matches the contingency-table computation for a one-item disagreement", () => {
    // A = {1,2,3}{4,5}, B = {1,2}{3,4,5}; table [[2,1],[0,2]]: index = 1+1 = 2,
    // rows C(3,2)+C(2,2) = 4, columns 1+3 = 4, expected = 4*4/C(5,2) = 1.6, max = 4.
    // ARI = (2-1.6)/(4-1.6) = 1/6.
    close(
      adjustedRandIndex({ a: ["1", "2", "3"], b: ["4", "5"] }, { a: ["1", "2"], b: ["3", "4", "5"] }),
      1 / 6,
    );
  });

  it("goes below zero for a crossed partition", () => {
    // {a,b}{c,d} vs {a,c}{b,d}: index 0, rows 2, columns 2, expected 4/6, max 2: (0-2/3)/(2-2/3) = -0.5.
    close(adjustedRandIndex({ x: ["a", "b"], y: ["c", "d"] }, { x: ["a", "c"], y: ["b", "d"] }), -0.5);
  });

  it("refuses clusterings of different items", () => {
    assert.throws(() => adjustedRandIndex({ x: ["a", "b"] }, { x: ["a", "c"] }), /"b" is in the first/);
    assert.throws(() => adjustedRandIndex({ x: ["a"], y: ["a"] }, { x: ["a"] }), /two clusters/);
  });
});

describe("mojoFm", () => {
  it("is 100% for identical partitions", () => {
    close(mojoFm({ x: ["a", "b"], y: ["c"] }, { p: ["c"], q: ["a", "b"] }), 100);
  });

  it("counts one move for one misplaced item", () => {
    // A = {1,2,3}{4,5}, B = {1,2}{3,4,5}: move 3, no join: mojo 1. max = n - g = 5 - 2
    // (sizes 2,3 ascending open groups 1 and 2). MoJoFM = 1 - 1/3.
    const proposed = { a: ["1", "2", "3"], b: ["4", "5"] };
    const reference = { a: ["1", "2"], b: ["3", "4", "5"] };
    assert.equal(mojoDistance(proposed, reference), 1);
    close(mojoFm(proposed, reference), (100 * 2) / 3);
  });

  it("counts one join for a split cluster", () => {
    // A = {1}{2}{3,4}, B = {1,2}{3,4}: no moves, join {1} and {2}: mojo 1; max = 4 - 2 = 2.
    const proposed = { a: ["1"], b: ["2"], c: ["3", "4"] };
    const reference = { x: ["1", "2"], y: ["3", "4"] };
    assert.equal(mojoDistance(proposed, reference), 1);
    close(mojoFm(proposed, reference), 50);
  });

  it("breaks ties by maximum matching, not first choice", () => {
    // {a,b}{c,d} vs {a,c}{b,d}: both clusters tie between both groups; tagging them to
    // different groups costs 2 moves and no join (a greedy tag to one group would add a join).
    // max = 4 - 2, so MoJoFM is 0.
    const proposed = { x: ["a", "b"], y: ["c", "d"] };
    const reference = { p: ["a", "c"], q: ["b", "d"] };
    assert.equal(mojoDistance(proposed, reference), 2);
    close(mojoFm(proposed, reference), 0);
  });

  it("is not symmetric: the second argument is the reference", () => {
    // Against B = {a,b}{c} (max = 3 - 2 = 1): {a,b,c} needs one move (0%), {a}{b}{c} one join (0%).
    // Against B = {a}{b}{c} (max = 3 - 1 = 2): {a,b}{c} needs one move (50%).
    close(mojoFm({ x: ["a", "b", "c"] }, { x: ["a", "b"], y: ["c"] }), 0);
    close(mojoFm({ x: ["a"], y: ["b"], z: ["c"] }, { x: ["a", "b"], y: ["c"] }), 0);
    close(mojoFm({ x: ["a", "b"], y: ["c"] }, { x: ["a"], y: ["b"], z: ["c"] }), 50);
  });
});
