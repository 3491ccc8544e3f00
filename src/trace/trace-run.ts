import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type Attributes, SpanStatusCode } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { otelStageTrace, type StageTrace } from "./stage-trace.js";

/** Where a run's spans go. */
export interface TraceTarget {
  /** Write the spans as OTLP JSON (one ExportTraceServiceRequest per line) to this file. */
  readonly file?: string;
  /** Append a line per run instead of replacing the file (a server records many runs). */
  readonly append?: boolean;
  /**
   * Export over OTLP/HTTP as well; the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other
   * standard OTEL_EXPORTER_OTLP_* variables) itself.
   */
  readonly endpoint?: boolean;
}

/** One traced run: the stages record into it, `end` closes the root span and delivers everything. */
export interface TraceRun extends StageTrace {
  setAttributes(attributes: Attributes): void;
  end(outcome: { readonly ok: boolean; readonly message?: string }): Promise<void>;
}

const SERVICE = { "service.name": "archwright", "service.version": "0.1.0" };

/**
 * Starts a root span named `name` with its own tracer provider, so concurrent runs never share
 * spans. The SDK and the official OTLP serializer do the encoding; nothing here writes OTLP by hand.
 */
export function startTraceRun(name: string, target: TraceTarget, attributes: Attributes = {}): TraceRun {
  const memory = new InMemorySpanExporter();
  const spanProcessors: SpanProcessor[] = [];
  if (target.file !== undefined) spanProcessors.push(new SimpleSpanProcessor(memory));
  if (target.endpoint) spanProcessors.push(new SimpleSpanProcessor(new OTLPTraceExporter()));
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(SERVICE), spanProcessors });
  const tracer = provider.getTracer("archwright", SERVICE["service.version"]);
  const root = tracer.startSpan(name, { attributes });
  const stages = otelStageTrace(tracer, root);
  return {
    ...stages,
    setAttributes: (more) => {
      root.setAttributes(more);
    },
    async end(outcome) {
      if (!outcome.ok) root.setStatus({ code: SpanStatusCode.ERROR, message: outcome.message ?? "" });
      root.end();
      await provider.forceFlush();
      if (target.file !== undefined) {
        const line = `${new TextDecoder().decode(JsonTraceSerializer.serializeRequest(memory.getFinishedSpans()))}\n`;
        await mkdir(dirname(target.file), { recursive: true });
        await (target.append ? appendFile(target.file, line) : writeFile(target.file, line));
      }
      await provider.shutdown();
    },
  };
}
