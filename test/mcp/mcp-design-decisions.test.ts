import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { designSystem } from "../../src/design/design-system.js";
import { designDecisions, findDecisions } from "../../src/mcp/design-decisions.js";
import { readHandoff } from "../../src/mcp/handoff-view.js";
import { loadSpecFile } from "../../src/spec/load-spec.js";

const { model } = await loadSpecFile("examples/social-sharing/archwright.yaml");
const design = designSystem(model, { svg: false });
const decisions = designDecisions(readHandoff(design.files), design.cut);
const explain = (topic: string) =>
  findDecisions(topic, decisions).map((d) => [d.kind, d.names[0], d.explanation]);

describe("explaining design decisions", () => {
  it("says why a table is partitioned and which service owns it", () => {
    const [match] = explain("posts");
    assert.deepEqual(match?.slice(0, 2), ["table", "posts"]);
    assert.match(
      String(match?.[2]),
      /entity Post in service content's database; partitioned by hash: passes 100M rows in month \d+/,
    );
  });

  it("finds a table by its entity name and an endpoint by method and path", () => {
    assert.deepEqual(explain("Post")[0]?.slice(0, 2), ["table", "posts"]);
    const [endpoint] = explain("POST /v1/follows");
    assert.deepEqual(endpoint?.slice(0, 2), ["endpoint", "createFollow"]);
    assert.match(String(endpoint?.[2]), /access: /);
  });

  it("explains an event with its producer and consumers, and a service by what it owns", () => {
    const [event] = explain("what consumes identity.user.deleted?");
    assert.deepEqual(event?.slice(0, 2), ["event", "identity.user.deleted"]);
    assert.match(String(event?.[2]), /Published by identity, consumed by /);
    assert.match(String(explain("identity")[0]?.[2]), /^owns User; placed by the spec/);
  });

  it("falls back to names containing the topic, and finds nothing for an unknown one", () => {
    assert.ok(
      explain("projection").some(([kind, name]) => kind === "table" && name === "follows_projection"),
    );
    assert.deepEqual(explain("zz"), []);
  });
});
