import assert from "node:assert/strict";
import { createRequire } from "node:module";

/**
 * Checks OTLP JSON traces against the official OpenTelemetry protobuf definitions, through the
 * protobufjs module generated from them (shipped by @opentelemetry/otlp-transformer 0.57, installed
 * under the alias `otlp-official-proto`). The OTLP JSON encoding is the proto3 JSON mapping with
 * two documented differences: trace and span ids are hex, not base64, and enums are integers.
 */
const require = createRequire(import.meta.url);
interface ProtoMessage {
  fromObject(object: unknown): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: Record<string, unknown>): unknown;
}
const root = require("otlp-official-proto/build/src/generated/root.js") as {
  opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtoMessage } } } } };
};
const Request = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes: readonly { key: string; value: Record<string, unknown> }[];
  readonly status: { code?: number };
}

/**
 * Parses one ExportTraceServiceRequest in OTLP JSON and returns its spans; fails when a field is
 * unknown to the proto, has the wrong type, or an id is not the hex the OTLP JSON encoding requires.
 */
export function decodeOtlpTraceJson(text: string): OtlpSpan[] {
  const request = JSON.parse(text) as {
    resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
  };
  const spans: OtlpSpan[] = [];
  const forProto = structuredClone(request) as typeof request;
  for (const resource of forProto.resourceSpans) {
    for (const scope of resource.scopeSpans) {
      for (const span of scope.spans) {
        assert.match(String(span.traceId), /^[0-9a-f]{32}$/, "traceId is 16 bytes of lower-case hex");
        assert.match(String(span.spanId), /^[0-9a-f]{16}$/, "spanId is 8 bytes of lower-case hex");
        if (span.parentSpanId !== undefined) assert.match(String(span.parentSpanId), /^([0-9a-f]{16})?$/);
        // Span.flags (fixed32) came with OTLP 1.1, after the proto this module was generated from.
        if (span.flags !== undefined) {
          assert.ok(
            Number.isInteger(span.flags) && (span.flags as number) >= 0 && (span.flags as number) < 2 ** 32,
          );
          delete span.flags;
        }
        for (const id of ["traceId", "spanId", "parentSpanId"]) {
          if (typeof span[id] === "string")
            span[id] = Buffer.from(span[id] as string, "hex").toString("base64");
        }
      }
    }
  }
  const bytes = Request.encode(Request.fromObject(forProto)).finish();
  const back = Request.toObject(Request.decode(bytes), { longs: String, enums: Number, bytes: String });
  // A field the proto does not know, or a value of the wrong type, does not survive the round trip.
  assert.deepEqual(
    canonical(back),
    canonical(forProto),
    "the trace survives a round trip through the official proto",
  );
  for (const resource of request.resourceSpans)
    for (const scope of resource.scopeSpans) spans.push(...(scope.spans as unknown as OtlpSpan[]));
  return spans;
}

/** Proto3 omits defaults (0, "", false, empty lists) and JSON may write 64-bit integers as numbers. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, canonical(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  if (value === 0 || value === "0" || value === "" || value === false) return undefined;
  if (typeof value === "number") return String(value);
  return value;
}

export function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value === undefined ? undefined : Object.values(value)[0];
}
