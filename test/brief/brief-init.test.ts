import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import { splitBrief } from "../../src/brief/brief-sentences.js";
import { draftSpecFromBrief } from "../../src/brief/draft-spec-from-brief.js";
import { findScaleFigures } from "../../src/brief/scale-figures.js";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/run-cli.js";
import { designSystem } from "../../src/design/design-system.js";
import { draftSpecFromBrief as exported } from "../../src/index.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import type { SpecDocument } from "../../src/spec/spec-schema.js";
import { type BriefSet, briefNames, briefText, measureBrief, renderFiguresTable } from "./brief-measure.js";

const SETS: readonly BriefSet[] = ["development", "held-out"];

describe("archwright init: every brief's draft validates and designs", () => {
  for (const set of SETS) {
    for (const name of briefNames(set)) {
      it(`${set}/${name}`, () => {
        const text = briefText(name, set);
        const draft = draftSpecFromBrief(text);
        const model = parseSpec(draft.yaml, `${name}.yaml`);
        assert.ok(model.entities.length >= 2, "a brief yields more than the person entity");
        const design = designSystem(model, { svg: false });
        assert.ok(design.files.has("DESIGN.md"));
        assert.ok([...design.files.keys()].some((f) => f.startsWith("openapi/")));
        assert.equal(draftSpecFromBrief(text).yaml, draft.yaml, "the same brief drafts the same bytes");
      });
    }
  }
});

describe("archwright init: every drafted item names its source", () => {
  for (const name of briefNames("development")) {
    it(name, () => {
      const text = briefText(name, "development");
      const draft = draftSpecFromBrief(text);
      const spec = parse(draft.yaml) as SpecDocument;
      for (const item of draft.items) {
        if (item.origin === "assumption") {
          assert.match(item.note, /^assumed/, `${item.name} is marked as an assumption`);
          continue;
        }
        assert.ok(item.source, `${item.kind} ${item.name} has a source sentence`);
        // The offsets point at the sentence in the brief itself.
        assert.equal(
          text.slice(item.source.start, item.source.end).replace(/\s+/g, " ").trim(),
          item.source.text,
        );
        assert.ok(
          draft.yaml.includes(`from sentence ${item.source.sentence}: "${item.source.text.slice(0, 60)}`),
          `the comment on ${item.name} quotes sentence ${item.source.sentence}`,
        );
      }
      const drafted = [...Object.keys(spec.entities), ...(spec.useCases ?? []).map((u) => u.name)].sort();
      const noted = draft.items
        .filter((i) => i.kind === "entity" || i.kind === "useCase")
        .map((i) => i.name)
        .sort();
      assert.deepEqual(noted, drafted, "every entity and use case carries a note");
    });
  }

  it("puts the questions and assumptions at the top of the file", () => {
    const draft = draftSpecFromBrief("An app where people share recipes.");
    const header = draft.yaml.slice(0, draft.yaml.indexOf("archwright: 1"));
    assert.ok(draft.questions.length > 0 && draft.assumptions.length > 0);
    for (const q of draft.questions) assert.ok(header.includes(q), q);
    for (const a of draft.assumptions) assert.ok(header.includes(a), a);
    assert.match(header, /How many users will there be/);
    assert.match(header, /What request rate must the API sustain at peak\?/);
  });
});

describe("archwright init: what a person keeps", () => {
  it("docs/brief.md shows the figures the briefs give today (npm run gen rewrites them)", () => {
    const doc = readFileSync("docs/brief.md", "utf8");
    const table = /<!-- figures:start -->\n([\s\S]*?)\n<!-- figures:end -->/.exec(doc)?.[1];
    assert.equal(table, renderFiguresTable());
  });

  it("keeps most of what it drafts on the development briefs", () => {
    let kept = 0;
    let drafted = 0;
    let keptUseCases = 0;
    let draftedUseCases = 0;
    for (const name of briefNames("development")) {
      const m = measureBrief(name, "development");
      kept += m.entitiesKept;
      drafted += m.entitiesDrafted;
      keptUseCases += m.useCasesKept;
      draftedUseCases += m.useCasesDrafted;
    }
    // Floors below today's figures: a change that makes drafts noisier fails here.
    assert.ok(kept / drafted >= 0.8, `entities kept ${kept}/${drafted}`);
    assert.ok(keptUseCases / draftedUseCases >= 0.7, `use cases kept ${keptUseCases}/${draftedUseCases}`);
  });
});

describe("archwright init: extraction rules", () => {
  const figures = (text: string) =>
    findScaleFigures(splitBrief(text), (n) => ["rider", "driver"].includes(n)).map((f) => [f.kind, f.value]);

  const cases: [string, [string, number | string][]][] = [
    ["We expect 10k daily users.", [["dailyActiveUsers", 10000]]],
    ["Peak of 500 requests per second.", [["peakRequestsPerSecond", 500]]],
    ["It must handle 2,500 rps.", [["peakRequestsPerSecond", 2500]]],
    ["About 1.5M posts a month.", [["rowsPerDay", 50000]]],
    ["We are a team of 3.", [["teamSize", 3]]],
    ["Two million registered users.", [["users", 2000000]]],
    [
      "5,000 drivers and 200k riders.",
      [
        ["users", 5000],
        ["users", 200000],
      ],
    ],
    ["Keep records for 7 years.", [["retentionYears", 7]]],
    ["We promise 99.95% uptime.", [["availability", "99.95"]]],
    ["Responses in under 200 ms.", [["latencyP99Ms", 200]]],
    ["50k monthly active users.", [["monthlyActiveUsers", 50000]]],
    ["The office has 3 floors.", []],
  ];
  for (const [text, expected] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(figures(text), expected));
  }

  it("orders roles least privileged first and adds an admin only when none is named", () => {
    const ride = parse(
      draftSpecFromBrief("Admins ban drivers. Riders request trips and drivers accept trips.").yaml,
    ) as SpecDocument;
    assert.deepEqual(ride.security?.roles, ["rider", "driver", "admin"]);
    const audit = parse(
      draftSpecFromBrief("Auditors review invoices. Clerks enter invoices.").yaml,
    ) as SpecDocument;
    assert.deepEqual(audit.security?.roles, ["clerk", "auditor"]);
  });

  it("turns coordinated verbs into use cases that share the doer", () => {
    const spec = parse(
      draftSpecFromBrief("Mechanics open work orders, log repairs and order parts.").yaml,
    ) as SpecDocument;
    const uses = (spec.useCases ?? []).map((u) => `${u.actor} ${u.writes?.join(",")}`);
    assert.deepEqual(uses.slice(0, 3), ["mechanic WorkOrder", "mechanic Repair", "mechanic Part"]);
  });

  it("records who acts on a row: the creator owns it, a later actor is optional", () => {
    const spec = parse(
      draftSpecFromBrief("Riders request trips. Drivers accept trips.").yaml,
    ) as SpecDocument;
    assert.deepEqual(spec.entities.Trip?.fields.rider, { ref: "User" });
    assert.deepEqual(spec.entities.Trip?.fields.driver, { ref: "User", optional: true });
  });

  it("reads a composition into fields and child entities", () => {
    const spec = parse(
      draftSpecFromBrief("Sellers publish listings. Each listing has a title, a price and several photos.")
        .yaml,
    ) as SpecDocument;
    assert.equal(spec.entities.Listing?.fields.price?.type, "decimal");
    assert.deepEqual(spec.entities.Photo?.fields.listing, { ref: "Listing", onDelete: "cascade" });
  });

  it("matches a catalog domain and makes a multi-tenant brief tenant-scoped", () => {
    const draft = draftSpecFromBrief("A multi-tenant SaaS where teams track projects.");
    assert.deepEqual(draft.domains, ["saas"]);
    const spec = parse(draft.yaml) as SpecDocument;
    assert.deepEqual(spec.tenancy, { entity: "Organization" });
  });
});

describe("archwright init: any text drafts a valid spec", () => {
  const odd = [
    "",
    "   \n\n ",
    "42",
    "Users: #1 {priority}! \"quoted\" 'single' - [list] & *anchor @at `tick`",
    "Ünïcödé ßpec — naïve café owners sell crêpes. 日本語のテキスト。",
    "The system sends emails. It stores data. We need it fast.",
    "users users users users users users users users",
    "Admins can admin admins. Ids have ids. Versions create versions.",
    "A user has an id, a version, a created at and an updatedAt.",
    "Members follow members. Members block members. Members rate members.",
    "Each category has subcategories, and each subcategory has a parent category.",
    "We expect 99999999999999 users and 1e30 requests per second, a team of 0, 500 years of history.",
    `${"Drivers accept trips. ".repeat(200)}`,
    "- customers place orders\n- staff ship orders\n- customers see their order history",
  ];
  for (const text of odd) {
    it(JSON.stringify(text.slice(0, 50)), () => {
      const draft = draftSpecFromBrief(text);
      designSystem(parseSpec(draft.yaml, "draft.yaml"), { svg: false });
    });
  }

  it("word soup from every brief, in a fixed shuffled order, still validates", () => {
    const words = briefNames("development")
      .flatMap((n) => briefText(n, "development").split(/\s+/))
      .filter((w) => w !== "");
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 20; round++) {
      const soup = Array.from({ length: 60 }, () => words[Math.floor(next() * words.length)]).join(" ");
      const draft = draftSpecFromBrief(soup);
      parseSpec(draft.yaml, `soup-${round}.yaml`);
    }
  });

  it("is the function the library exports", () => {
    assert.equal(exported, draftSpecFromBrief);
  });
});

describe("archwright init (CLI)", () => {
  const work = mkdtempSync(join(tmpdir(), "archwright-init-"));
  after(() => rmSync(work, { recursive: true, force: true }));

  async function cli(args: string[], stdin?: string) {
    let stdout = "";
    let stderr = "";
    const io: CliIO = {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: work,
      ...(stdin !== undefined ? { stdin: async () => stdin } : {}),
    };
    const code = await main(args, io);
    return { code, stdout, stderr };
  }

  it("writes a draft that validate accepts, and refuses to overwrite it without --force", async () => {
    const first = await cli(["init", "Riders request trips and drivers accept trips. 5k daily riders."]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^wrote archwright\.yaml: \d+ entities, \d+ use cases?, \d+ open questions/);
    const written = readFileSync(join(work, "archwright.yaml"), "utf8");
    assert.match(written, /from sentence 1: "Riders request trips and drivers accept trips\."/);

    const validate = await cli(["validate", join(work, "archwright.yaml")]);
    assert.equal(validate.code, 0, validate.stderr);

    const again = await cli(["init", "A shop."]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /archwright\.yaml already exists; pass --force to replace it/);
    assert.equal(readFileSync(join(work, "archwright.yaml"), "utf8"), written, "the old file is untouched");

    const forced = await cli(["init", "A shop where customers buy products.", "--force"]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(readFileSync(join(work, "archwright.yaml"), "utf8"), written);
    assert.deepEqual(
      readdirSync(work).filter((f) => f.includes(".tmp-")),
      [],
      "no temporary file left behind",
    );
  });

  it("reads the brief from a file or standard input, and prints with --out -", async () => {
    writeFileSync(join(work, "brief.txt"), "Patients book appointments with dentists.");
    const fromFile = await cli(["init", "--from", "brief.txt", "--out", "clinic.yaml"]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.ok(existsSync(join(work, "clinic.yaml")));

    const piped = await cli(["init", "-", "--out", "-"], "Patients book appointments with dentists.");
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.stdout, readFileSync(join(work, "clinic.yaml"), "utf8"));
  });

  it("end to end: the real binary reads standard input and prints a draft that parses", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "init", "-", "--out", "-"],
      { input: "Drivers accept trips. Riders rate drivers.", encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    const spec = parseSpec(result.stdout, "piped.yaml");
    assert.deepEqual(
      spec.entities.map((e) => e.name),
      ["User", "Trip", "Rating"],
    );
  });

  it("reports bad usage with exit 2 and no stack trace", async () => {
    const empty = await cli(["init", "   "]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /the brief is empty/);
    const missing = await cli(["init", "--from", "nope.txt"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.txt:1:1: .*cannot read nope\.txt: no such file/);
    const none = await cli(["init"]);
    assert.equal(none.code, 2);
    assert.doesNotMatch(none.stderr + missing.stderr + empty.stderr, /\n\s+at /);
    const help = await cli(["init", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /usage: archwright init "<brief>"/);
  });
});
