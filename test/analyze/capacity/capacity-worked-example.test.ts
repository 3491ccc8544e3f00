import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { estimateCapacity } from "../../../src/analyze/capacity/index.js";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { socialModel } from "../../fixtures/capacity/social-model.js";

/**
 * The worked example of docs/capacity.md, redone here with plain arithmetic (no capacity helper is
 * called) and compared with what estimateCapacity reports for the `posts` table of the social network.
 */
describe("capacity worked example: posts in the social network", () => {
  const report = estimateCapacity(socialModel());
  const posts = report.storage.find((s) => s.table === "posts");
  const postsLoad = report.current.tables.find((t) => t.table === "posts");
  const content = report.current.databases.find((d) => d.service === "content");
  assert.ok(posts && postsLoad && content);

  // Columns: id uuid 16 | author_id uuid 16 | body text: 20% of 5000 = 1000 chars + 4-byte header,
  // aligned to 4 | visibility enum 4 | version integer 4 | created_at 8, aligned to 8 | updated_at 8.
  const id = 16;
  const authorId = id + 16; // 32
  const body = authorId + 1000 + 4; // 32 is already 4-aligned -> 1036
  const visibility = body + 4; // 1040
  const version = visibility + 4; // 1044
  const createdAt = 1048 + 8; // 1044 padded to 1048
  const updatedAt = createdAt + 8; // 1064
  const tuple = 24 + updatedAt; // 1088, already a multiple of 8
  const rowBytes = tuple + 4; // line pointer
  const rowsPerPage = Math.floor((8192 - 24) / rowBytes);

  it("sizes one row and one page", () => {
    assert.equal(version, 1044);
    assert.equal(posts.rowBytes, 1092);
    assert.equal(posts.rowBytes, rowBytes);
    assert.equal(posts.rowsPerPage, 7);
    assert.equal(posts.rowsPerPage, rowsPerPage);
  });

  const rowsPerDay = 0.3 * 500_000;
  const rows = rowsPerDay * 365.25 * 3;
  const heapBytes = Math.ceil(rows / 7) * 8192;
  // btree leaf: (8192 - 24 page header - 16 special) x 90% fill = 7336 usable bytes.
  const usable = Math.floor((8192 - 24 - 16) * 0.9);
  const pkEntry = 8 + 16 + 4; // IndexTupleData + uuid, MAXALIGNed to 24, + line pointer
  // (author_id 16, visibility 4, created_at 8 at offset 24, id 16) = 48 data bytes.
  const feedEntry = 8 + 48 + 4;
  const pkBytes = Math.ceil(rows / Math.floor(usable / pkEntry)) * 8192;
  const feedBytes = Math.ceil(rows / Math.floor(usable / feedEntry)) * 8192;

  it("sizes the table and its indexes after three years", () => {
    assert.equal(rows, 164_362_500);
    assert.equal(posts.current.rowsAtRetention, rows);
    assert.equal(posts.current.heapBytes, heapBytes);
    assert.equal(heapBytes, 192_351_092_736);
    assert.deepEqual(
      posts.indexes.map((i) => [i.columns.join(","), i.entryBytes, i.entriesPerPage, i.currentBytes]),
      [
        ["id", pkEntry, 262, pkBytes],
        ["author_id,visibility,created_at,id", feedEntry, 122, feedBytes],
      ],
    );
    assert.equal(posts.current.totalBytes, heapBytes + pkBytes + feedBytes);
  });

  it("sizes the table as design emits it: hash-partitioned by id, so the key stays (id)", () => {
    const spec = readFileSync("test/fixtures/capacity/social-sharing-worked-example.yaml", "utf8");
    const design = designSystem(parseSpec(spec, "archwright.yaml"), { svg: false });
    const handoff = JSON.parse(design.files.get("handoff.json") ?? "{}") as {
      performance: { storage: { table: string; current: { totalBytes: number } }[] };
    };
    const emitted = handoff.performance.storage.find((t) => t.table === "posts");
    // Posts are live state: partitioned by a key column, the primary key keeps its one uuid.
    assert.equal(emitted?.current.totalBytes, heapBytes + pkBytes + feedBytes);
  });

  it("finds the month the table passes 100M rows, at 1x and 10x", () => {
    const perMonth = rowsPerDay * (365.25 / 12); // 4,565,625
    assert.equal(posts.current.passesThresholdInMonth, Math.floor(100_000_000 / perMonth) + 1);
    assert.equal(posts.current.passesThresholdInMonth, 22);
    assert.equal(posts.tenfold.passesThresholdInMonth, Math.floor(100_000_000 / (perMonth * 10)) + 1);
    assert.equal(posts.tenfold.passesThresholdInMonth, 3);
  });

  // 4000 - (40 + 2500 + 60 + 2) = 1398 requests/s outside use cases, 20:1 reads to writes, over 4 tables.
  const otherReads = (1398 * 20) / 21 / 4;
  const otherWrites = 1398 / 21 / 4;
  const postReads = 2500 + 60 + otherReads;
  const postWrites = 40 + 2 + otherWrites;
  const shareReads = otherReads;
  const shareWrites = 60 + otherWrites;

  it("routes the posts traffic through the cache", () => {
    assert.equal(postsLoad.cached, true);
    assert.equal(postsLoad.readsPerSecond, Math.round(postReads * 10) / 10);
    assert.equal(postsLoad.databaseReadsPerSecond, Math.round(postReads * 0.1 * 10) / 10);
    assert.equal(postsLoad.writesPerSecond, Math.round(postWrites * 10) / 10);
  });

  it("loads the content primary and sizes its pool", () => {
    const dbReads = postReads * 0.1 + shareReads; // shares is not cached (4.3 reads per write)
    const dbWrites = postWrites + shareWrites;
    const utilisation = dbReads / 20_000 + dbWrites / 5_000;
    assert.equal(content.utilisation, Math.round(utilisation * 1000) / 1000);
    const primary = report.limits.postgresPrimaries.find((p) => p.service === "content");
    assert.equal(primary?.saturatesAtMultiple, Math.round((1 / utilisation) * 100) / 100);
    assert.equal(primary?.saturatesAtMultiple, 17.19);

    const busy = (dbReads * 2 + dbWrites * 5) / 1000;
    assert.equal(content.poolSize, Math.ceil(busy * 2));
    const serviceRps = 40 + 2500 + 60 + 2 + 2 * (otherReads + otherWrites); // posts and shares live here
    const instances = Math.ceil(serviceRps / (((2 * 1000) / 5) * 0.6)); // 240 requests/s per instance
    assert.equal(report.current.services.find((s) => s.service === "content")?.instances, instances);
    assert.equal(content.connections, instances * 5);
    assert.equal(
      primary?.connectionsSaturateAtMultiple,
      Math.round((500 / ((5 * serviceRps) / 240)) * 100) / 100,
    );
  });
});
