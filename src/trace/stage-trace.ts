import {
  type Attributes,
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";

/** The stages of a run, each recorded as one span named after it. */
export type Stage = "parse" | "decompose" | "derive" | "capacity" | "emit" | "verify" | "review";

/**
 * Records the stages of one run. The library takes one of these instead of reaching for a global
 * tracer, so a server handling several calls keeps each call's spans apart and the pure design
 * function stays free of hidden state. Attributes say how big each stage's input and output were.
 */
export interface StageTrace {
  /**
   * Opens a stage span around straight-line code; `end` adds the output sizes. A stage that throws
   * is left open and so never exported: the root span records the failure.
   */
  begin(name: Stage, input: Attributes): OpenStage;
  stage<T>(name: Stage, input: Attributes, run: () => T, output?: (result: T) => Attributes): T;
  stageAsync<T>(
    name: Stage,
    input: Attributes,
    run: () => Promise<T>,
    output?: (result: T) => Attributes,
  ): Promise<T>;
}

export interface OpenStage {
  end(output?: Attributes): void;
}

const NO_STAGE: OpenStage = { end: () => {} };

/** Records nothing: the default when no trace was asked for. */
export const NO_TRACE: StageTrace = {
  begin: () => NO_STAGE,
  stage: (_name, _input, run) => run(),
  stageAsync: (_name, _input, run) => run(),
};

/** Stage spans become children of `parent`, passed explicitly so no context manager is needed. */
export function otelStageTrace(tracer: Tracer, parent: Span): StageTrace {
  const context: Context = trace.setSpan(ROOT_CONTEXT, parent);
  const fail = (span: Span, error: unknown) => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : "" });
    span.end();
  };
  return {
    begin(name, input) {
      const span = tracer.startSpan(name, { attributes: input }, context);
      return {
        end(output) {
          if (output) span.setAttributes(output);
          span.end();
        },
      };
    },
    stage(name, input, run, output) {
      const span = tracer.startSpan(name, { attributes: input }, context);
      let result: ReturnType<typeof run>;
      try {
        result = run();
      } catch (error) {
        fail(span, error);
        throw error;
      }
      if (output) span.setAttributes(output(result));
      span.end();
      return result;
    },
    async stageAsync(name, input, run, output) {
      const span = tracer.startSpan(name, { attributes: input }, context);
      let result: Awaited<ReturnType<typeof run>>;
      try {
        result = await run();
      } catch (error) {
        fail(span, error);
        throw error;
      }
      if (output) span.setAttributes(output(result));
      span.end();
      return result;
    },
  };
}

/** Total UTF-8 size of a set of texts, for the `*.bytes` attributes. */
export function byteSize(texts: Iterable<string>): number {
  let total = 0;
  for (const text of texts) total += Buffer.byteLength(text, "utf8");
  return total;
}
