import type { SourceLocation } from "../model/source-location.js";

/** A problem in the user's input, pointing at their own text. */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `spec/unknown-ref`. */
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
  /** What was expected at that place, in words. */
  readonly expected: string | undefined;
  /** A close name the user may have meant. */
  readonly suggestion: string | undefined;
}

export function diagnostic(
  code: string,
  message: string,
  location: SourceLocation,
  extra: { expected?: string | undefined; suggestion?: string | undefined } = {},
): Diagnostic {
  return Object.freeze({
    code,
    message,
    location,
    expected: extra.expected,
    suggestion: extra.suggestion,
  });
}

/** Thrown by front-ends when input cannot become a Model. Carries every problem found, not just the first. */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(
      diagnostics
        .map((d) => `${d.location.file}:${d.location.line}:${d.location.column}: ${d.message}`)
        .join("\n"),
    );
    this.name = "InputError";
    this.diagnostics = diagnostics;
  }
}
