import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { renderCapacityMarkdown } from "../../../src/emit/doc/render-capacity-markdown.js";
import { buildTestModel } from "../../fixtures/capacity/build-test-model.js";
import { socialModel } from "../../fixtures/capacity/social-model.js";

/** Every markdown table: header row, separator, body rows, each with the same number of unescaped cells. */
function tables(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of markdown.split("\n")) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

const cells = (row: string) => row.replace(/\\\|/g, "").split("|").length;

describe("renderCapacityMarkdown", () => {
  const markdown = renderCapacityMarkdown(estimateCapacity(socialModel()));

  it("renders well-formed tables at 1x and 10x", () => {
    const found = tables(markdown.scalability);
    assert.equal(found.length, 5);
    for (const table of found) {
      assert.match(table[1] ?? "", /^\|(---\|)+$/);
      for (const row of table) assert.equal(cells(row), cells(table[0] ?? ""), row);
    }
    assert.match(
      markdown.scalability,
      /\| Service \| Requests\/s \(1x\) \| Instances \(1x\) \| Requests\/s \(10x\)/,
    );
    assert.match(
      markdown.scalability,
      /\| `posts` \| growth \| 1,092 \| 164\.4M \| 194\.2 GiB \| month 22 \| 1\.6B \| 1\.9 TiB \| month 3 \|/,
    );
    assert.match(markdown.scalability, /the 10x design point is \*\*40,000 requests\/s\*\*/);
  });

  it("ranks bottlenecks in one table, first bite first", () => {
    const [table] = tables(markdown.bottlenecks);
    assert.ok(table);
    assert.equal(table[0], "| # | What breaks | Bites at | Limit | Mitigation | Rough cost |");
    assert.match(
      table[2] ?? "",
      /^\| 1 \| `posts` passes 100M rows \| 0\.61x load; month 22 \(month 3 at 10x\) \|/,
    );
    assert.match(table[3] ?? "", /^\| 2 \| Connections to the `content` primary \| 7\.27x load \|/);
  });

  it("escapes pipes in names", () => {
    const model = buildTestModel({
      entities: { Note: { fields: {} } },
      useCases: [{ name: "Read | list", reads: ["Note"], peakRps: 5 }],
    });
    const text = renderCapacityMarkdown(estimateCapacity(model)).scalability;
    assert.match(text, /\| Read \\\| list \| read \|/);
  });

  it("says so when nothing is in reach", () => {
    const model = buildTestModel({ scale: { peakRequestsPerSecond: 0 }, entities: { Note: { fields: {} } } });
    const text = renderCapacityMarkdown(estimateCapacity(model));
    assert.equal(
      text.bottlenecks,
      "No single-node limit or growth threshold is in reach of the stated load.\n",
    );
  });

  it("is deterministic", () => {
    assert.deepEqual(renderCapacityMarkdown(estimateCapacity(socialModel())), markdown);
  });
});
