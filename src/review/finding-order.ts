import type { SourceLocation } from "../model/source-location.js";
import type { Finding } from "./finding.js";

/** A location clamped to 1-based line and column, frozen, without any extra fields a rule attached. */
export function plainLocation(location: SourceLocation): SourceLocation {
  return Object.freeze({
    file: location.file,
    line: Math.max(1, location.line),
    column: Math.max(1, location.column),
  });
}

/** The order every report uses: file, line, column, rule, message. Byte order, not locale order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
