import { type Context, context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Row, Sql } from "./database.js";

/**
 * OpenTelemetry spans through the API only: without a registered tracer provider (main.ts
 * registers one when OTEL_EXPORTER_OTLP_ENDPOINT is set) every span is a no-op.
 */
const tracer = trace.getTracer("archwright-service");

export function startRequestSpan(method: string, route: string, path: string): Span {
  return tracer.startSpan(`${method} ${route}`, {
    kind: SpanKind.SERVER,
    attributes: { "http.request.method": method, "http.route": route, "url.path": path },
  });
}

export function endRequestSpan(span: Span, status: number): void {
  span.setAttribute("http.response.status_code", status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Each statement as a client span, a child of the request's span. */
export function tracedSql(sql: Sql, parent: Span | undefined): Sql {
  // Without a tracer provider the request's span records nothing, and neither would its children.
  if (!parent?.isRecording()) return sql;
  const parentContext: Context = trace.setSpan(context.active(), parent);
  return {
    async query<T extends Row>(text: string, params?: readonly unknown[]): Promise<T[]> {
      const operation = /^\s*(WITH\b[\s\S]*?\)\s*)?(\w+)/i.exec(text)?.[2]?.toUpperCase() ?? "SQL";
      const span = tracer.startSpan(
        operation,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "db.system.name": "postgresql",
            "db.operation.name": operation,
            "db.query.text": text,
          },
        },
        parentContext,
      );
      try {
        return await sql.query<T>(text, params);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  };
}
