import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateDecomposeModel } from "../../../bench/generate-decompose-model.js";
import { applyServiceCut, chooseAppliedCut } from "../../../src/analyze/decompose/apply-service-cut.js";
import { buildCouplingGraph, couplingBetween } from "../../../src/analyze/decompose/coupling-graph.js";
import { proposeServiceCut } from "../../../src/analyze/decompose/propose-service-cut.js";
import { DEFAULT_RESOLUTION } from "../../../src/analyze/decompose/service-cut.js";
import { type ModelSketch, sketchModel } from "../../fixtures/decompose/model-builder.js";

/** Two obvious domains (ordering, catalogue) joined by one weak reference. */
const shop: ModelSketch = {
  teamSize: 20,
  entities: {
    Order: { fields: { customerName: { type: "string", pii: true } } },
    OrderLine: { fields: { order: { ref: "Order", onDelete: "cascade" }, product: { ref: "Product" } } },
    Payment: { fields: { order: { ref: "Order", onDelete: "cascade" } } },
    Product: { fields: { category: { ref: "Category" } } },
    Category: { fields: { name: { type: "string" } } },
    Review: { fields: { product: { ref: "Product", onDelete: "cascade" } } },
  },
  useCases: [
    { name: "Place order", writes: ["Order", "OrderLine", "Payment"], peakRps: 300, transactional: true },
    { name: "Order history", reads: ["Order", "OrderLine"], peakRps: 400 },
    { name: "Browse catalogue", actor: "anonymous", reads: ["Product", "Category"], peakRps: 900 },
    { name: "Product page", actor: "anonymous", reads: ["Product", "Review"], peakRps: 800 },
  ],
};

/** A small team at low scale: the graph splits it, but a modular monolith is the better answer. */
const tiny: ModelSketch = {
  teamSize: 3,
  entities: {
    Member: { fields: { name: { type: "string" } } },
    Event: { fields: { title: { type: "string" } } },
    Rsvp: { fields: { member: { ref: "Member" }, event: { ref: "Event", onDelete: "cascade" } } },
    Venue: { fields: { address: { type: "string" } } },
  },
  useCases: [
    { name: "RSVP", writes: ["Rsvp"], reads: ["Event"], peakRps: 2 },
    { name: "Browse venues", reads: ["Venue"], peakRps: 1 },
  ],
};

const serviceOf = (
  services: Readonly<Record<string, readonly string[]>>,
  entity: string,
): string | undefined => Object.entries(services).find(([, entities]) => entities.includes(entity))?.[0];

describe("proposeServiceCut", () => {
  it("splits along the evidence and names services after their central entity", () => {
    const cut = proposeServiceCut(sketchModel(shop));
    assert.deepEqual(cut.services, {
      order: ["Order", "OrderLine", "Payment"],
      product: ["Category", "Product", "Review"],
    });
    const order = cut.details.find((d) => d.name === "order");
    assert.ok(order && order.cohesion > 0.8, `order cohesion ${order?.cohesion}`);
    assert.ok(cut.scores.coupling < 0.2);
    const boundary = cut.boundaries[0];
    assert.deepEqual(boundary?.services, ["order", "product"]);
    assert.deepEqual(boundary?.crossing[0]?.entities, ["OrderLine", "Product"]);
  });

  it("gives the same output twice, and the same output for a large generated model", () => {
    assert.deepEqual(proposeServiceCut(sketchModel(shop)), proposeServiceCut(sketchModel(shop)));
    const large = generateDecomposeModel({ entities: 120, useCases: 240, seed: 3 });
    const first = JSON.stringify(proposeServiceCut(large, { seed: 5 }));
    const second = JSON.stringify(proposeServiceCut(large, { seed: 5 }));
    assert.equal(first, second);
  });

  it("keeps explicit assignments fixed even when the evidence pulls the other way", () => {
    const model = sketchModel({
      ...shop,
      entities: {
        ...shop.entities,
        Product: { service: "catalog", fields: { category: { ref: "Category" } } },
        Review: { service: "feedback", fields: { product: { ref: "Product", onDelete: "cascade" } } },
      },
    });
    const free = proposeServiceCut(sketchModel(shop));
    assert.equal(
      serviceOf(free.services, "Review"),
      serviceOf(free.services, "Product"),
      "evidence joins them",
    );
    const cut = proposeServiceCut(model);
    assert.deepEqual(cut.services.feedback, ["Review"]);
    assert.deepEqual(cut.services.catalog, ["Category", "Product"]);
    assert.ok(cut.warnings.some((w) => w.code === "decompose/cascade-crosses-services"));
  });

  it("lets free entities join an explicit service they are coupled to", () => {
    const model = sketchModel({
      ...shop,
      entities: { ...shop.entities, Order: { service: "checkout", fields: {} } },
    });
    const cut = proposeServiceCut(model);
    assert.deepEqual(cut.services.checkout, ["Order", "OrderLine", "Payment"]);
  });

  it("warns when explicit services split a hot use case", () => {
    const model = sketchModel({
      entities: {
        Post: { service: "content", fields: { body: { type: "text" } } },
        Follow: { service: "social", fields: { who: { type: "uuid" } } },
        Like: { service: "reactions", fields: { post: { ref: "Post" } } },
      },
      useCases: [{ name: "Home feed", reads: ["Post", "Follow", "Like"], peakRps: 2500 }],
    });
    const cut = proposeServiceCut(model);
    const warning = cut.warnings.find((w) => w.code === "decompose/hot-path-crosses-services");
    assert.ok(warning, JSON.stringify(cut.warnings));
    assert.match(
      warning.message,
      /"Home feed" at 2,500 rps spans 3 services \(content, reactions, social\) because of the explicit service of Follow, Like, Post: the design answers it from content, which reads Follow, Like from a local projection/,
    );
    assert.equal(warning.location.line, model.useCases[0]?.location.line);
    assert.deepEqual(
      cut.consistency.hotReads.map((h) => [h.useCase, h.owner, h.projected]),
      [["Home feed", "content", ["Follow", "Like"]]],
    );
    const feeding = cut.consistency.events.filter((e) => e.consumers.includes("content")).map((e) => e.name);
    for (const change of ["created", "updated", "deleted"]) {
      assert.ok(feeding.includes(`reactions.like.${change}`), `${change} missing from ${feeding}`);
    }
  });

  it("warns when an explicit entity is coupled mostly to another service", () => {
    const sketch: ModelSketch = {
      entities: {
        Post: { service: "content", fields: { body: { type: "text" } } },
        Comment: { service: "moderation", fields: { post: { ref: "Post", onDelete: "cascade" } } },
        Flag: { service: "moderation", fields: { reason: { type: "string" } } },
      },
      useCases: [{ name: "Read thread", reads: ["Post", "Comment"], peakRps: 50 }],
    };
    const warnings = proposeServiceCut(sketchModel(sketch)).warnings;
    const against = warnings.filter((w) => w.code === "decompose/explicit-against-evidence");
    assert.equal(against.length, 1, JSON.stringify(warnings));
    assert.match(
      against[0]?.message ?? "",
      /^Comment is assigned to moderation, but its coupling to content/,
    );
  });

  it("does not warn about a hot use case that stays in one service", () => {
    const model = sketchModel({
      entities: {
        Post: { service: "content", fields: { body: { type: "text" } } },
        Like: { service: "content", fields: { post: { ref: "Post" } } },
      },
      useCases: [{ name: "Home feed", reads: ["Post", "Like"], peakRps: 2500 }],
    });
    assert.deepEqual(proposeServiceCut(model).warnings, []);
  });

  it("plans a saga with events for a transaction split across explicit services", () => {
    const model = sketchModel({
      entities: {
        Order: { service: "ordering", fields: { total: { type: "decimal" } } },
        Reservation: { service: "inventory", fields: { order: { ref: "Order" } } },
      },
      useCases: [{ name: "Place order", writes: ["Order", "Reservation"], peakRps: 50, transactional: true }],
    });
    const cut = proposeServiceCut(model);
    const { sagas, relations, events } = cut.consistency;
    assert.equal(sagas.length, 1);
    const saga = sagas[0];
    assert.equal(saga?.name, "PlaceOrderSaga");
    assert.equal(saga?.orchestrator, "ordering");
    assert.equal(saga?.transactional, true);
    assert.deepEqual(saga?.events, [
      "inventory.place-order.completed",
      "inventory.place-order.failed",
      "ordering.place-order.cancelled",
      "ordering.place-order.requested",
    ]);
    const relation = relations.find((c) => c.fromEntity === "Reservation" && c.field === "order");
    assert.equal(relation?.mechanism, "saga");
    assert.match(
      relation?.reason ?? "",
      /"Place order" writes Reservation and Order together: PlaceOrderSaga/,
    );
    const requested = events.find((e) => e.name === "ordering.place-order.requested");
    assert.deepEqual(requested?.consumers, ["inventory"]);
    assert.equal(requested?.producer, "ordering");
    // The participants learn which Order the saga is for and what it holds, and are told to
    // compensate on failure.
    assert.deepEqual(
      requested?.payload.map((f) => f.name),
      ["sagaId", "useCase", "orderId", "total", "occurredAt"],
    );
    const cancelled = events.find((e) => e.name === "ordering.place-order.cancelled");
    assert.deepEqual(cancelled?.consumers, ["inventory"]);
    assert.ok(cancelled?.payload.some((f) => f.name === "reason"));
    assert.ok(cut.warnings.some((w) => w.code === "decompose/transaction-crosses-services"));
  });

  it("uses id references and a Deleted event for a cold relation, without leaking pii", () => {
    const model = sketchModel({
      entities: {
        User: {
          service: "identity",
          fields: { email: { type: "email", pii: true }, hash: { secret: true } },
        },
        Note: { service: "notes", fields: { owner: { ref: "User", onDelete: "cascade" } } },
      },
      useCases: [{ name: "Write note", writes: ["Note"], peakRps: 5 }],
    });
    const cut = proposeServiceCut(model);
    assert.deepEqual(
      cut.consistency.relations.map((c) => [`${c.fromEntity}.${c.field}`, c.mechanism, c.events]),
      [["Note.owner", "id-reference-with-events", ["identity.user.deleted"]]],
    );
    assert.deepEqual(
      cut.consistency.events.map(({ name, producer, consumers, payload }) => ({
        name,
        producer,
        consumers,
        payload,
      })),
      [
        {
          name: "identity.user.deleted",
          producer: "identity",
          consumers: ["notes"],
          payload: [
            { name: "id", type: "uuid" },
            { name: "occurredAt", type: "timestamp" },
          ],
        },
      ],
    );
    assert.ok(cut.warnings.some((w) => w.code === "decompose/cascade-crosses-services"));
  });

  it("projects a row a hot write looks up in another service, and keeps a cold lookup a call", () => {
    const sketch = (peakRps: number): ModelSketch => ({
      entities: {
        Customer: { service: "identity", fields: { name: { type: "string" } } },
        Order: { service: "ordering", fields: { customer: { ref: "Customer" } } },
      },
      useCases: [{ name: "Place order", reads: ["Customer"], writes: ["Order"], peakRps }],
    });
    const hot = proposeServiceCut(sketchModel(sketch(300))).consistency;
    assert.deepEqual(
      hot.hotReads.map((h) => [h.useCase, h.owner, h.services, h.projected]),
      [["Place order", "ordering", ["identity", "ordering"], ["Customer"]]],
    );
    assert.equal(hot.relations[0]?.mechanism, "projection");
    const cold = proposeServiceCut(sketchModel(sketch(20))).consistency;
    assert.deepEqual(cold.hotReads, []);
    assert.equal(cold.relations[0]?.mechanism, "id-reference-with-events");
  });

  it("projects a cold read whose calls in series would pass the latency target", () => {
    const sketch = (latencyP99Ms: number): ModelSketch => ({
      latencyP99Ms,
      entities: {
        Dashboard: { service: "reports", fields: { title: { type: "string" } } },
        Sale: { service: "sales", fields: { total: { type: "integer" } } },
        Stock: { service: "stock", fields: { level: { type: "integer" } } },
        Visit: { service: "web", fields: { path: { type: "string" } } },
      },
      useCases: [{ name: "Overview", reads: ["Dashboard", "Sale", "Stock", "Visit"], peakRps: 5 }],
    });
    // 1 + 3 hops at 50 ms each is 200 ms p99: over a 120 ms target, within a 300 ms one.
    const tight = proposeServiceCut(sketchModel(sketch(120))).consistency.hotReads;
    assert.deepEqual(
      tight.map((h) => [h.owner, h.projected]),
      [["reports", ["Sale", "Stock", "Visit"]]],
    );
    assert.match(tight[0]?.detail ?? "", /about 200 ms p99 at 50 ms per hop, over the 120 ms target/);
    assert.deepEqual(proposeServiceCut(sketchModel(sketch(300))).consistency.hotReads, []);
  });

  it("recommends the modular monolith for a small team at low scale", () => {
    const cut = proposeServiceCut(sketchModel(tiny));
    assert.ok(Object.keys(cut.services).length >= 2, "the graph alone would split");
    assert.equal(cut.recommendation.choice, "modular-monolith");
    assert.match(cut.recommendation.reason, /team of 3/);
    assert.deepEqual(
      cut.alternatives.map((a) => a.kind),
      ["modular-monolith", "proposed", "one-fewer", "one-more"],
    );
    // The same shape at scale with a large team is not pushed into a monolith.
    const busy = proposeServiceCut(sketchModel({ ...shop, teamSize: 30 }));
    assert.notEqual(busy.recommendation.choice, "modular-monolith");
    const lowScale = proposeServiceCut(sketchModel({ ...tiny, teamSize: undefined }));
    assert.equal(lowScale.recommendation.choice, "modular-monolith");
    // The use cases add up to 3 rps (2 + 1), above the sketch's stated peak of 2: the larger one counts.
    assert.match(lowScale.recommendation.reason, /peak of 3 rps/);
  });

  it("lets options.teamSize override the spec", () => {
    const cut = proposeServiceCut(sketchModel(shop), { teamSize: 2 });
    assert.equal(cut.recommendation.choice, "modular-monolith");
  });
});

describe("chooseAppliedCut", () => {
  it("builds the recommended modular monolith as one service, with the proposed services as modules", () => {
    const model = sketchModel(tiny);
    const cut = proposeServiceCut(model);
    const applied = chooseAppliedCut(model, cut);
    assert.equal(applied.kind, "modular-monolith");
    const [name, entities] = Object.entries(applied.services)[0] ?? [];
    assert.equal(Object.keys(applied.services).length, 1);
    assert.match(name ?? "", /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    assert.deepEqual(entities, ["Event", "Member", "Rsvp", "Venue"]);
    assert.deepEqual(applied.modules, cut.services);
    assert.deepEqual(applied.warnings, [], "nothing crosses a boundary inside one service");
    assert.deepEqual(applyServiceCut(model, applied).services, [name]);
  });

  it("builds the proposed services when asked, or when the spec places an entity itself", () => {
    const model = sketchModel(tiny);
    const cut = proposeServiceCut(model);
    assert.equal(chooseAppliedCut(model, cut, "proposed").kind, "proposed");
    assert.deepEqual(chooseAppliedCut(model, cut, "proposed").services, cut.services);
    const placed = sketchModel({
      ...tiny,
      entities: { ...tiny.entities, Venue: { service: "venues", fields: { address: { type: "string" } } } },
    });
    const placedCut = proposeServiceCut(placed);
    assert.equal(placedCut.recommendation.choice, "modular-monolith");
    assert.equal(chooseAppliedCut(placed, placedCut).kind, "proposed");
  });
});

describe("proposeServiceCut's evidence and resolution", () => {
  it("does not count a shortcut reference that repeats a path through another entity", () => {
    const graph = buildCouplingGraph(
      sketchModel({
        entities: {
          Order: { fields: { customer: { ref: "Customer" }, address: { ref: "Address" } } },
          Customer: { fields: { address: { ref: "Address" } } },
          Address: { fields: { street: { type: "string" } } },
        },
      }),
    );
    const kinds = (a: string, b: string): string[] =>
      (couplingBetween(graph, a, b)?.evidence ?? []).map((e) => e.kind);
    assert.deepEqual(kinds("Customer", "Address"), ["reference"]);
    assert.deepEqual(kinds("Customer", "Order"), ["reference"]);
    assert.deepEqual(kinds("Address", "Order"), [], "Order.address repeats Order -> Customer -> Address");
  });

  it("still counts a shortcut that is a cascade", () => {
    const graph = buildCouplingGraph(
      sketchModel({
        entities: {
          Order: {
            fields: { customer: { ref: "Customer" }, address: { ref: "Address", onDelete: "cascade" } },
          },
          Customer: { fields: { address: { ref: "Address" } } },
          Address: { fields: { street: { type: "string" } } },
        },
      }),
    );
    assert.deepEqual(
      couplingBetween(graph, "Address", "Order")?.evidence.map((e) => e.kind),
      ["composition"],
    );
  });

  it("uses the finer default resolution when its cut has community structure", () => {
    const cut = proposeServiceCut(sketchModel(shop));
    assert.equal(cut.resolution, DEFAULT_RESOLUTION);
    assert.ok(cut.scores.modularity > 0);
  });

  it("falls back to plain modularity when the finer cut has none", () => {
    // One transactional use case writes every entity: the finer resolution still cuts it, into
    // services with less coupling inside than chance (modularity below 0).
    const sketch: ModelSketch = {
      teamSize: 20,
      entities: {
        Customer: { fields: { name: { type: "string" } } },
        Order: { fields: { customer: { ref: "Customer" } } },
        OrderLine: { fields: { order: { ref: "Order", onDelete: "cascade" }, product: { ref: "Product" } } },
        Product: { fields: { name: { type: "string" } } },
        InventoryItem: { fields: { product: { ref: "Product" } } },
        Payment: { fields: { order: { ref: "Order" } } },
      },
      useCases: [
        {
          name: "Check out",
          reads: ["Product"],
          writes: ["Order", "OrderLine", "InventoryItem", "Payment"],
          peakRps: 25,
          transactional: true,
        },
        { name: "Order history", reads: ["Order", "OrderLine"], peakRps: 120 },
        { name: "Browse", actor: "anonymous", reads: ["Product"], peakRps: 900 },
      ],
    };
    const forced = proposeServiceCut(sketchModel(sketch), { resolution: DEFAULT_RESOLUTION });
    assert.ok(forced.scores.modularity <= 0, `forced modularity ${forced.scores.modularity}`);
    const cut = proposeServiceCut(sketchModel(sketch));
    assert.equal(cut.resolution, 1);
    assert.ok(cut.scores.modularity > forced.scores.modularity);
  });
});

describe("applyServiceCut", () => {
  it("moves only the entities archwright placed and recomputes services", () => {
    const model = sketchModel({
      ...shop,
      entities: {
        ...shop.entities,
        Review: { service: "feedback", fields: { product: { ref: "Product" } } },
      },
    });
    const cut = proposeServiceCut(model);
    const applied = applyServiceCut(model, cut);
    assert.ok(Object.isFrozen(applied) && Object.isFrozen(applied.entities[0]));
    assert.equal(applied.entities.find((e) => e.name === "Review")?.service, "feedback");
    for (const entity of applied.entities) {
      assert.equal(entity.service, serviceOf(cut.services, entity.name), entity.name);
    }
    assert.deepEqual(applied.services, Object.keys(cut.services).sort());
    assert.deepEqual(model.services, ["core", "feedback"], "the input model is untouched");
  });
});
