import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { SpanKind, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { SCENARIOS } from "../src/generated/scenarios.js";
import { operation, prepare, startHarness } from "./scenario-support.js";

/** A request is one server span; each of its SQL statements is a client span inside it. */
const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
const harness = await startHarness();
after(() => harness.close());

describe("OpenTelemetry spans", () => {
  const scenario = SCENARIOS.useCases.find((u) => operation(u.operationId).kind !== "sign-in");
  it("on HTTP and on SQL, the statements inside the request", { skip: !scenario }, async () => {
    if (!scenario) return;
    const request = await prepare(harness, scenario);
    spans.reset();
    const response = await harness.service.app.inject({
      ...request,
      headers: { ...request.headers, "x-request-id": "traced-1" },
    });
    assert.equal(response.statusCode, scenario.status, response.body);
    const finished = spans.getFinishedSpans();
    const server = finished.find((s) => s.kind === SpanKind.SERVER);
    assert.ok(server, "a server span");
    assert.equal(server.attributes["http.route"], operation(scenario.operationId).url);
    assert.equal(server.attributes["http.response.status_code"], scenario.status);
    assert.equal(server.attributes["http.request.id"], "traced-1");
    const statements = finished.filter((s) => s.kind === SpanKind.CLIENT);
    assert.ok(statements.length > 0, "a span per SQL statement");
    for (const s of statements) {
      assert.equal(s.attributes["db.system.name"], "postgresql");
      assert.equal(s.parentSpanContext?.spanId, server.spanContext().spanId);
      assert.equal(s.spanContext().traceId, server.spanContext().traceId);
    }
  });
});
