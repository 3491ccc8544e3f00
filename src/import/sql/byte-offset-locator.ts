import type { SourceLocation } from "../../model/source-location.js";

/**
 * Turns the parser's positions into 1-based line and column. libpg-query reports node and
 * statement positions as byte offsets into the UTF-8 text; columns here count UTF-16 code
 * units, as editors and SARIF do by default.
 */
export class ByteOffsetLocator {
  readonly #file: string;
  readonly #bytes: Buffer;
  /** Byte offset at which each line starts. */
  readonly #lineStarts: number[];
  readonly #ascii: boolean;

  constructor(file: string, text: string) {
    this.#file = file;
    this.#bytes = Buffer.from(text, "utf8");
    this.#ascii = this.#bytes.length === text.length;
    const starts = [0];
    const bytes = this.#bytes;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x0a) starts.push(i + 1);
    }
    this.#lineStarts = starts;
  }

  get file(): string {
    return this.#file;
  }

  /** Location of a byte offset; negative offsets (the parser's "unknown") fall back to `fallback`. */
  atByte(offset: number | undefined, fallback = 0): SourceLocation {
    const at = offset === undefined || offset < 0 ? fallback : Math.min(offset, this.#bytes.length);
    const line = this.#lineOf(at);
    const lineStart = this.#lineStarts[line] ?? 0;
    const column = this.#ascii ? at - lineStart : this.#bytes.toString("utf8", lineStart, at).length;
    return { file: this.#file, line: line + 1, column: column + 1 };
  }

  /** Source text between two byte offsets. */
  slice(start: number, end: number): string {
    return this.#bytes.toString("utf8", Math.max(0, start), Math.min(end, this.#bytes.length));
  }

  get byteLength(): number {
    return this.#bytes.length;
  }

  #lineOf(offset: number): number {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
