import { hasSqlDetails, loadModule, parseSync } from "libpg-query";
import { type Diagnostic, diagnostic, InputError } from "../../diagnostics/diagnostic.js";
import { ByteOffsetLocator } from "./byte-offset-locator.js";
import { type MigrationMode, SqlCatalogBuilder } from "./sql-catalog-builder.js";
import type { SqlReviewContext } from "./sql-review-context.js";
import { stripPsqlMetaCommands } from "./strip-psql-meta-commands.js";

export type { SqlReviewContext } from "./sql-review-context.js";

// The WebAssembly parser loads once per process; loading it here keeps importSql synchronous.
await loadModule();

export interface SqlSourceFile {
  readonly path: string;
  readonly text: string;
}

export interface ImportSqlOptions {
  /**
   * Which files migration-safety rules treat as migrations: `auto` judges each file (see
   * migration-heuristic.ts), `all` and `none` override the judgement.
   */
  readonly migrations?: MigrationMode;
}

/**
 * Reads PostgreSQL DDL (pg_dump --schema-only output, a Rails structure.sql, or migrations in the
 * order they run) into the catalog the review rules read. psql meta-commands are skipped with a
 * note. Throws `InputError` with one located diagnostic per file that PostgreSQL's parser rejects.
 */
export function importSql(files: readonly SqlSourceFile[], options: ImportSqlOptions = {}): SqlReviewContext {
  const builder = new SqlCatalogBuilder(options.migrations ?? "auto");
  const problems: Diagnostic[] = [];
  for (const file of files) {
    const locator = new ByteOffsetLocator(file.path, file.text);
    const stripped = stripPsqlMetaCommands(file.text);
    let statements: ReturnType<typeof parseSync>["stmts"];
    try {
      statements = parseSync(stripped.text).stmts;
    } catch (error) {
      if (!hasSqlDetails(error)) throw error;
      const offset = codePointToByteOffset(stripped.text, error.sqlDetails?.cursorPosition ?? 0);
      problems.push(
        diagnostic(
          "sql/syntax-error",
          `PostgreSQL cannot parse this: ${error.message}`,
          locator.atByte(offset),
          {
            expected: "a PostgreSQL statement",
          },
        ),
      );
      continue;
    }
    builder.beginFile(locator, file.text);
    for (const skipped of stripped.skipped) {
      builder.note(
        `skipped psql ${skipped.command === "COPY data" ? "COPY data block" : `meta-command ${skipped.command}`} (${skipped.lines} line${skipped.lines === 1 ? "" : "s"})`,
        { file: file.path, line: skipped.line, column: skipped.column },
      );
    }
    for (const statement of statements ?? []) builder.apply(statement);
    builder.endFile();
  }
  if (problems.length > 0) throw new InputError(problems);
  return builder.build();
}

function codePointToByteOffset(text: string, codePoints: number): number {
  let index = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen >= codePoints) break;
    index += ch.length;
    seen++;
  }
  return Buffer.byteLength(text.slice(0, index), "utf8");
}
