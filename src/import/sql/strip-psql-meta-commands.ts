/** A psql meta-command (or COPY data block) blanked out before parsing. */
export interface SkippedMetaCommand {
  /** 1-based line of the command. */
  readonly line: number;
  readonly column: number;
  /** The command word, e.g. `\set`, or `COPY data` for an inline data block. */
  readonly command: string;
  /** How many lines were blanked, including the command and any data block. */
  readonly lines: number;
}

export interface StrippedSql {
  readonly text: string;
  readonly skipped: readonly SkippedMetaCommand[];
}

const MAY_HAVE_META = /^[ \t]*\\|\bfrom\s+p?stdin\b/im;
const COPY_FROM_STDIN = /^\s*copy\b[^;]*\bfrom\s+stdin\b[^;]*;\s*$/i;
const META_COPY_FROM_STDIN = /^\s*\\copy\b.*\bfrom\s+p?stdin\b/i;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/**
 * Blanks psql meta-commands (`\set`, `\pset`, `\connect`, `\copy`...) and the data lines of
 * `COPY ... FROM stdin` / `\copy ... from stdin` up to `\.`, which the server's parser cannot read.
 * Each blanked character becomes as many spaces as it has UTF-8 bytes and newlines stay, so
 * the parser's byte offsets and line numbers still point into the original text.
 *
 * Written by hand because a backslash only starts a meta-command outside strings, quoted
 * identifiers, comments and dollar-quoted bodies, and libpg-query's own scanner stops at the
 * first backslash it meets, so it cannot find them for us.
 */
export function stripPsqlMetaCommands(text: string): StrippedSql {
  if (!MAY_HAVE_META.test(text)) return { text, skipped: [] };
  const lines = text.split("\n");
  const skipped: SkippedMetaCommand[] = [];
  const scanner = new QuoteTracker();
  /** Index in `skipped` of the open data block, which ends at a line holding only `\.`. */
  let dataBlock: number | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? "";
    if (dataBlock !== undefined) {
      lines[n] = blank(line);
      const entry = skipped[dataBlock];
      if (entry) skipped[dataBlock] = { ...entry, lines: n + 2 - entry.line };
      if (/^\\\.\s*\r?$/.test(line)) dataBlock = undefined;
      continue;
    }
    if (scanner.inCode) {
      const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
      if (line[indent] === "\\") {
        const command = /^\\[A-Za-z!?]*/.exec(line.slice(indent))?.[0] ?? "\\";
        skipped.push({ line: n + 1, column: indent + 1, command, lines: 1 });
        lines[n] = blank(line);
        if (META_COPY_FROM_STDIN.test(line)) dataBlock = skipped.length - 1;
        continue;
      }
      if (COPY_FROM_STDIN.test(line)) {
        scanner.feed(line);
        skipped.push({ line: n + 2, column: 1, command: "COPY data", lines: 0 });
        dataBlock = skipped.length - 1;
        continue;
      }
    }
    scanner.feed(line);
  }
  return { text: lines.join("\n"), skipped };
}

function blank(line: string): string {
  let out = "";
  for (const ch of line) {
    if (ch === "\r") out += ch;
    else out += " ".repeat(Buffer.byteLength(ch, "utf8"));
  }
  return out;
}

/** Follows quoting state across lines so a backslash inside a string or function body is left alone. */
class QuoteTracker {
  #state: "code" | "string" | "escape-string" | "identifier" | "block-comment" | "dollar" = "code";
  #dollarTag = "";
  #commentDepth = 0;

  get inCode(): boolean {
    return this.#state === "code";
  }

  feed(line: string): void {
    let i = 0;
    while (i < line.length) {
      const ch = line[i];
      switch (this.#state) {
        case "code":
          if (ch === "-" && line[i + 1] === "-") return;
          if (ch === "/" && line[i + 1] === "*") {
            this.#state = "block-comment";
            this.#commentDepth = 1;
            i += 2;
            continue;
          }
          if (ch === "'") {
            const prev = line[i - 1];
            this.#state = prev === "E" || prev === "e" ? "escape-string" : "string";
          } else if (ch === '"') this.#state = "identifier";
          else if (ch === "$" && !/[A-Za-z0-9_]/.test(line[i - 1] ?? "")) {
            DOLLAR_TAG.lastIndex = i;
            const tag = DOLLAR_TAG.exec(line)?.[0];
            if (tag) {
              this.#state = "dollar";
              this.#dollarTag = tag;
              i += tag.length;
              continue;
            }
          }
          i++;
          break;
        case "string":
          if (ch === "'") this.#state = "code";
          i++;
          break;
        case "escape-string":
          if (ch === "\\") i += 2;
          else {
            if (ch === "'") this.#state = "code";
            i++;
          }
          break;
        case "identifier":
          if (ch === '"') this.#state = "code";
          i++;
          break;
        case "block-comment":
          if (ch === "*" && line[i + 1] === "/") {
            this.#commentDepth--;
            if (this.#commentDepth === 0) this.#state = "code";
            i += 2;
          } else if (ch === "/" && line[i + 1] === "*") {
            this.#commentDepth++;
            i += 2;
          } else i++;
          break;
        case "dollar": {
          const end = line.indexOf(this.#dollarTag, i);
          if (end < 0) return;
          this.#state = "code";
          i = end + this.#dollarTag.length;
          break;
        }
      }
    }
  }
}
