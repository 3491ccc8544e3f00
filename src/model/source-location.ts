/** Where a model element came from in the user's text. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export const UNKNOWN_LOCATION: SourceLocation = Object.freeze({ file: "<unknown>", line: 1, column: 1 });
