import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { importSql, type SqlSourceFile } from "../../../src/import/sql/import-sql.js";
import { migrationRules } from "../../../src/review/rules/migration/index.js";
import { schemaRules } from "../../../src/review/rules/schema/index.js";

const CORPUS = new URL("../../../../shared/corpus/sql/", import.meta.url);
/** The order MusicBrainz's own admin/InitDb.pl applies these files in. */
const MUSICBRAINZ_ORDER = [
  "CreateTypes.sql",
  "CreateTables.sql",
  "CreatePrimaryKeys.sql",
  "CreateConstraints.sql",
  "CreateFKConstraints.sql",
  "CreateIndexes.sql",
  "CreateViews.sql",
];

const read = (relative: string): SqlSourceFile => ({
  path: relative,
  text: readFileSync(new URL(relative, CORPUS), "utf8"),
});

const singleFiles = readdirSync(CORPUS)
  .filter((name) => /\.sql(\.postgres)?$/.test(name))
  .sort();

function reviewWithoutCrash(files: SqlSourceFile[]): { tables: number; findings: number } {
  const context = importSql(files);
  let findings = 0;
  for (const rule of [...schemaRules, ...migrationRules]) {
    rule.check(context, (report) => {
      findings++;
      const { file, line, column } = report.location;
      assert.ok(
        files.some((f) => f.path === file),
        `${rule.meta.id} reported in unknown file ${file}`,
      );
      assert.ok(line >= 1 && column >= 1, `${rule.meta.id} reported ${file}:${line}:${column}`);
      assert.ok(
        report.message.length > 0 && report.fix.length > 0,
        `${rule.meta.id} reported an empty message`,
      );
    });
  }
  return { tables: context.tables.length, findings };
}

describe("SQL corpus: every file imports and every rule runs", () => {
  for (const name of singleFiles) {
    it(name, () => {
      const { tables } = reviewWithoutCrash([read(name)]);
      assert.ok(tables > 0, `no tables imported from ${name}`);
    });
  }

  it("MusicBrainz as one multi-file input in build order", () => {
    const { tables } = reviewWithoutCrash(MUSICBRAINZ_ORDER.map((f) => read(`musicbrainz/${f}`)));
    assert.equal(tables, 375);
  });

  for (const name of MUSICBRAINZ_ORDER) {
    it(`musicbrainz/${name} alone`, () => {
      reviewWithoutCrash([read(`musicbrainz/${name}`)]);
    });
  }

  it("Lago's structure.sql keeps all of its explicit indexes", () => {
    const context = importSql([read("lago-api-structure.sql")]);
    const explicit = context.tables.flatMap((t) => t.indexes).filter((i) => i.origin === "index").length;
    const statements = (read("lago-api-structure.sql").text.match(/^CREATE (UNIQUE )?INDEX /gm) ?? []).length;
    assert.equal(explicit, statements);
  });
});
