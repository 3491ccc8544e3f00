import { type Diagnostic, diagnostic } from "../../diagnostics/diagnostic.js";
import type { YamlLocator } from "../yaml-locator.js";

export type SpecPath = (string | number)[];

export interface ReportExtra {
  /** Point at the key rather than its value. */
  readonly key?: boolean;
  readonly expected?: string;
  readonly suggestion?: string | undefined;
}

/** Records one located problem of the spec document. */
export type Report = (code: string, message: string, path: SpecPath, extra?: ReportExtra) => void;

/** A `Report` that appends to `problems`, located in the document `locator` reads. */
export function reporter(locator: YamlLocator, problems: Diagnostic[]): Report {
  return (code, message, path, extra = {}) =>
    problems.push(diagnostic(code, message, locator.locate(path, { key: extra.key ?? false }), extra));
}
