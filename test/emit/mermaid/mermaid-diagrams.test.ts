import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { deriveResources } from "../../../src/analyze/derive-resources.js";
import { deriveSchemas } from "../../../src/analyze/derive-tables.js";
import { analyzeIntegration } from "../../../src/analyze/integration.js";
import {
  emitArchitectureDiagram,
  emitErDiagram,
  emitSequenceDiagram,
  erAttributeType,
  mermaidText,
  renderSvg,
  sequenceFileName,
  servingOperation,
} from "../../../src/emit/mermaid/index.js";
import type { Model } from "../../../src/model/index.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { parseMermaid } from "./mermaid-parser.js";

const SOCIAL = "examples/social-sharing/archwright.yaml";

/** Composite key, self-reference, a reserved-word entity and field, an optional ref, cross-service refs, a saga. */
const EDGE_CASES = `archwright: 1
system:
  name: Shop "Edge"; cases
  description: Orders #1 and [brackets] (parens) end
scale:
  users: 100000
  dailyActiveUsers: 10000
  peakRequestsPerSecond: 500
  readWriteRatio: 10
  retentionYears: 1
  availability: "99.9"
  latencyP99Ms: 200
security:
  auth: [password]
  roles: [customer, admin]
entities:
  User:
    service: identity
    fields:
      email: { type: email, unique: true }
      referrer: { ref: User, optional: true, onDelete: set-null }
  Follow:
    service: identity
    key: [follower, followee]
    fields:
      follower: { ref: User, onDelete: cascade }
      followee: { ref: User, onDelete: cascade }
  Order:
    service: end
    fields:
      customer: { ref: User }
      order: { type: integer }
      total: { type: decimal, precision: 19, scale: 4 }
      status: { type: enum, values: [open, "paid; shipped"] }
      coupon: { ref: Coupon, optional: true }
  Coupon:
    service: end
    fields:
      code: { type: string, unique: true }
  Payment:
    service: billing
    fields:
      order: { ref: Order }
      amount: { type: decimal, precision: 19, scale: 4 }
useCases:
  - name: Place an "order"; pay (now) #1
    actor: customer
    reads: [User]
    writes: [Order, Payment]
    peakRps: 30
  - name: List my orders
    actor: customer
    reads: [Order, User]
    filter: { Order: [customer] }
    sort: { Order: [-createdAt] }
    peakRps: 400
  - name: Update order
    actor: admin
    writes: [Order]
    peakRps: 1
  - name: Delete order
    actor: admin
    writes: [Order]
    peakRps: 1
  - name: Remove coupon
    actor: admin
    writes: [Coupon]
    peakRps: 1
  - name: Browse coupons
    actor: anonymous
    reads: [Coupon]
    sort: { Coupon: [code] }
    peakRps: 5
`;

interface Diagrams {
  readonly model: Model;
  readonly architecture: string;
  readonly er: ReadonlyMap<string, string>;
  readonly sequences: ReadonlyMap<string, string>;
}

function diagramsOf(text: string, file: string): Diagrams {
  const model = parseSpec(text, file);
  const integration = analyzeIntegration(model);
  const schemas = deriveSchemas(model, integration);
  const resources = deriveResources(model);
  return {
    model,
    architecture: emitArchitectureDiagram(model, schemas, integration),
    er: new Map(schemas.map((s) => [s.service, emitErDiagram(s)])),
    sequences: new Map(
      model.useCases.map((u) => {
        // As design draws them: the contract's own method, path and status for a stated operation.
        const operation = servingOperation(resources, u);
        return [u.name, emitSequenceDiagram(model, u, integration, operation ? { operation } : {})];
      }),
    ),
  };
}

function allTexts(d: Diagrams): string[] {
  return [d.architecture, ...d.er.values(), ...d.sequences.values()];
}

const social = diagramsOf(readFileSync(SOCIAL, "utf8"), SOCIAL);
const edge = diagramsOf(EDGE_CASES, "edge.yaml");

describe("mermaid diagrams parse with mermaid's own parser", () => {
  for (const [name, diagrams] of [
    ["social example", social],
    ["edge-case spec", edge],
  ] as const) {
    it(`${name}: architecture is a flowchart`, async () => {
      assert.equal(await parseMermaid(diagrams.architecture), "flowchart-v2");
    });
    it(`${name}: one ER diagram per service`, async () => {
      assert.deepEqual([...diagrams.er.keys()], [...diagrams.model.services]);
      for (const text of diagrams.er.values()) assert.equal(await parseMermaid(text), "er");
    });
    it(`${name}: one sequence diagram per use case`, async () => {
      assert.equal(diagrams.sequences.size, diagrams.model.useCases.length);
      for (const text of diagrams.sequences.values()) assert.equal(await parseMermaid(text), "sequence");
    });
  }

  it("rejects a broken diagram, so the checks above can fail", async () => {
    await assert.rejects(parseMermaid('flowchart LR\n  a["unclosed --> b\n'));
    await assert.rejects(parseMermaid('erDiagram\n  a ||--o{ : "missing entity"\n'));
    const broken = (social.sequences.get("Home feed") ?? "").replace(/\n {2}end\n$/, "\n");
    await assert.rejects(parseMermaid(broken));
  });

  it("a raw quote or semicolon in a label breaks the parse, which is why labels are escaped", async () => {
    await assert.rejects(parseMermaid('flowchart LR\n  a["x"y"] --> b\n'));
    await assert.rejects(parseMermaid("sequenceDiagram\n  A->>B: a; b c\n"));
    assert.equal(await parseMermaid(`flowchart LR\n  a["${mermaidText('x"y')}"] --> b\n`), "flowchart-v2");
    assert.equal(await parseMermaid(`sequenceDiagram\n  A->>B: ${mermaidText("a; b c #1")}\n`), "sequence");
  });
});

describe("architecture diagram", () => {
  const text = social.architecture;
  it("has a node and a database per service", () => {
    for (const service of social.model.services) {
      assert.match(text, new RegExp(`svc_${service}\\["${service}<br/>`));
      assert.match(text, new RegExp(`db_${service}\\[\\("${service} DB`));
    }
  });
  it("carries every event over the broker on dotted edges", () => {
    assert.match(text, /svc_identity -\.->\|"identity\.user\.deleted"\| broker/);
    assert.match(text, /broker -\.->\|"identity\.user\.deleted"\| svc_social/);
  });
  it("serves the hot cross-service read from a projection fed by events", () => {
    assert.match(text, /proj_content_1\[\("projection of Follow<br\/>for Home feed"\)\]/);
    assert.match(
      text,
      /broker -\.->\|"social\.follow\.created<br\/>social\.follow\.deleted"\| proj_content_1/,
    );
  });
  it("draws cross-service id references as thick edges between databases", () => {
    assert.match(text, /db_social ==>\|"id ref, no FK<br\/>follows\.followee_id → identity\.users/);
  });
  it("never uses a keyword as a node id, even for a service named end", () => {
    assert.match(edge.architecture, /subgraph sg_end\["end service"\]/);
    assert.doesNotMatch(edge.architecture, /^\s*end\s*-/m);
  });
  it("has no broker when there are no events", () => {
    const lone = diagramsOf(
      "archwright: 1\nsystem: { name: Solo, description: One service }\nscale: { users: 10, dailyActiveUsers: 1, peakRequestsPerSecond: 1, readWriteRatio: 1, retentionYears: 1, availability: 99, latencyP99Ms: 100 }\nentities:\n  Note:\n    fields:\n      body: { type: text }\n",
      "solo.yaml",
    );
    assert.doesNotMatch(lone.architecture, /broker/);
  });
});

describe("ER diagram", () => {
  const end = edge.er.get("end") ?? "";
  const identity = edge.er.get("identity") ?? "";
  it("marks keys and keeps attribute types single tokens", () => {
    assert.match(end, /^ {4}numeric_19_4 total$/m);
    assert.match(end, /^ {4}integer order$/m);
    assert.match(identity, /^ {4}uuid follower_id PK,FK "references users"$/m);
    assert.match(identity, /^ {4}text email UK/m);
    assert.equal(erAttributeType("numeric(19,4)"), "numeric_19_4");
    assert.equal(erAttributeType("text[]"), "text_array");
  });
  it("derives cardinality and optionality from foreign keys", () => {
    assert.match(identity, /^ {2}users \|o--o\{ users : "referrer_id ON DELETE SET NULL"$/m);
    assert.match(identity, /^ {2}users \|\|--o\{ follows : "follower_id ON DELETE CASCADE"$/m);
    assert.match(end, /^ {2}coupons \|o--o\{ orders : "coupon_id/m);
  });
  it("shows a cross-service reference as a dashed relation to a stub entity", () => {
    assert.match(end, /^ {2}identity_users \{\n {4}uuid id PK "owned by the identity service"\n {2}\}$/m);
    assert.match(end, /^ {2}identity_users \|\|\.\.o\{ orders : "customer_id: id ref \(events\)"$/m);
    assert.match(edge.er.get("billing") ?? "", /end_orders \|\|\.\.o\{ payments/);
  });
  it("escapes enum values inside comments", () => {
    assert.match(end, /"open \/ paid#59; shipped"/);
  });
});

describe("sequence diagrams", () => {
  const feed = social.sequences.get("Home feed") ?? "";
  it("draws the cache only when the capacity plan caches one of the owner's own tables", () => {
    const integration = analyzeIntegration(social.model);
    const feedCase = social.model.useCases.find((u) => u.name === "Home feed");
    assert.ok(feedCase);
    const drawn = (cached: string[]) =>
      emitSequenceDiagram(social.model, feedCase, integration, { cachedEntities: new Set(cached) });
    assert.match(drawn(["Post"]), /participant Cache as Redis cache/);
    // Follow is cached in social's service, but Home feed reads it from content's projection.
    assert.doesNotMatch(drawn(["Follow"]), /Cache/);
    assert.doesNotMatch(drawn([]), /Cache/);
  });

  it("pages a hot read through the cache, the projection and a keyset query", () => {
    assert.match(feed, /Client->>Gateway: GET \/v1\/feeds\/posts\?sort=-createdAt&limit=20&cursor=…/);
    assert.match(
      feed,
      /WHERE author_id IN \(SELECT followee_id FROM follows_projection WHERE follower_id = :caller\) AND \(created_at, id\) #lt; \(\$1, \$2\)/,
    );
    assert.match(feed, /svc_content->>Cache: GET posts:list/);
    assert.match(feed, /opt cache miss\n\s+svc_content->>db_content: SELECT … FROM follows_projection/);
    assert.match(feed, /ORDER BY created_at DESC, id DESC LIMIT 21/);
    assert.match(feed, /else 403 Forbidden/);
  });
  it("publishes through the outbox only when the written entity has consumers", () => {
    const remove = edge.sequences.get("Delete order") ?? "";
    assert.match(remove, /DELETE FROM orders WHERE id = \$1/);
    assert.match(remove, /INSERT INTO outbox \(event_type\) VALUES \('end\.order\.deleted'\)/);
    assert.match(remove, /Broker--\)svc_billing: end\.order\.deleted/);
    const coupon = edge.sequences.get("Remove coupon") ?? "";
    assert.match(coupon, /DELETE FROM coupons/);
    assert.doesNotMatch(coupon, /outbox|Broker/);
  });
  it("answers a multi-service write at once and runs its saga after the response", () => {
    const place = [...edge.sequences.entries()].find(([n]) => n.startsWith("Place"))?.[1] ?? "";
    const at = (pattern: RegExp) => {
      const index = place.search(pattern);
      assert.ok(index >= 0, `${pattern} is missing from:\n${place}`);
      return index;
    };
    assert.match(place, /participant Broker as message broker/);
    // The saga's first message is written in the same transaction as the order.
    const requested = at(
      /INSERT INTO outbox \(event_type\) VALUES \('end\.place-an-order-pay-now\.requested'\)/,
    );
    assert.ok(at(/INSERT INTO orders/) < requested && requested < at(/COMMIT/));
    // The client gets 201 before any participant is asked: no request waits on another service.
    const response = at(/alt 201 Created/);
    const asked = at(/Broker--\)svc_billing: end\.place-an-order-pay-now\.requested/);
    assert.ok(response < asked);
    assert.match(
      place,
      /svc_billing->>svc_billing: write Payment and its outbox row in one local transaction/,
    );
    assert.match(place, /Broker--\)svc_end: billing\.place-an-order-pay-now\.completed or \.failed/);
    // When every step completes the orchestrator records the outcome; on a failure it compensates
    // its own write and tells the participants to undo theirs.
    assert.ok(at(/alt every step completed\n\s+svc_end->>db_end: record the outcome on Order/) > asked);
    assert.ok(at(/else a step failed/) > asked);
    assert.match(
      place,
      /Broker--\)svc_billing: end\.place-an-order-pay-now\.cancelled: if its step completed/,
    );
  });
  it("guards a versioned update with 409", () => {
    const update = edge.sequences.get("Update order") ?? "";
    assert.match(update, /PATCH \/v1\/orders\/\{orderId\}/);
    assert.match(update, /else 409 Conflict/);
  });
  it("names sequence files after the use case in kebab case", () => {
    assert.equal(sequenceFileName({ name: "Home feed" }), "sequence-home-feed");
    assert.equal(
      sequenceFileName({ name: 'Place an "order"; pay (now) #1' }),
      "sequence-place-an-order-pay-now-1",
    );
  });
});

describe("SVG rendering", () => {
  for (const [name, diagrams] of [
    ["social example", social],
    ["edge-case spec", edge],
  ] as const) {
    it(`${name}: every diagram renders, byte-identical across two renders`, () => {
      for (const text of allTexts(diagrams)) {
        const first = renderSvg(text);
        assert.match(first, /^<svg /);
        assert.equal(renderSvg(text), first);
      }
    });
  }
  it("shows escaped characters as readable text, not entity codes", () => {
    const svg = renderSvg(`flowchart LR\n  a["${mermaidText('say "hi"; #1')}"] --> b\n`);
    assert.doesNotMatch(svg, /#quot;|#59;|#35;/);
    assert.match(svg, /say &#39;hi&#39;; #1/);
  });
  it("emits byte-identical text for the same model", () => {
    assert.deepEqual(allTexts(diagramsOf(readFileSync(SOCIAL, "utf8"), SOCIAL)), allTexts(social));
  });
});
