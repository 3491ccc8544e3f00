import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type Diagnostic, InputError } from "../../src/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../src/diagnostics/format-diagnostic.js";
import { parseSpec } from "../../src/spec/load-spec.js";

const SOCIAL = readFileSync("examples/social-sharing/archwright.yaml", "utf8");

function errorsOf(text: string): Diagnostic[] {
  try {
    parseSpec(text, "spec.yaml");
  } catch (error) {
    if (error instanceof InputError) return [...error.diagnostics];
    throw error;
  }
  assert.fail("expected the spec to be rejected");
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`, plus `offset` characters. */
function positionOf(text: string, needle: string, offset = 0): { line: number; column: number } {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `fixture does not contain ${needle}`);
  const before = text.slice(0, index + offset);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return { line, column };
}

function edit(from: string, to: string, text = SOCIAL): string {
  assert.ok(text.includes(from), `fixture does not contain ${from}`);
  return text.replace(from, to);
}

interface InvalidCase {
  name: string;
  text: string;
  code: string;
  message: RegExp;
  at: { needle: string; offset?: number };
  suggestion?: string;
}

const invalid: InvalidCase[] = [
  {
    name: "unknown ref with a close name",
    text: edit("author: { ref: User }", "author: { ref: Usr }"),
    code: "spec/unknown-ref",
    message: /`Post.author` refers to unknown entity `Usr`/,
    at: { needle: "ref: Usr", offset: 5 },
    suggestion: "User",
  },
  {
    name: "duplicate field",
    text: edit(
      "      body: { type: text, max: 5000 }\n",
      "      body: { type: text, max: 5000 }\n      body: { type: string }\n",
    ),
    code: "spec/duplicate-key",
    message: /`body` is declared twice/,
    at: { needle: "body: { type: string }" },
  },
  {
    name: "key naming a missing field",
    text: edit("key: [follower, followee]", "key: [follower, folowee]"),
    code: "spec/unknown-field",
    message: /key names `folowee`, which is not a field of `Follow`/,
    at: { needle: "folowee" },
    suggestion: "followee",
  },
  {
    name: "wrong field type",
    text: edit("body: { type: text, max: 5000 }", "body: { type: txt, max: 5000 }"),
    code: "spec/invalid-value",
    message: /`txt` is not a valid value for `entities.Post.fields.body.type`/,
    at: { needle: "txt" },
    suggestion: "text",
  },
  {
    name: "negative rps",
    text: edit("peakRps: 60", "peakRps: -60"),
    code: "spec/out-of-range",
    message: /`useCases\[2\].peakRps` value must be >= 0, got -60/,
    at: { needle: "-60" },
  },
  {
    name: "YAML syntax error",
    text: edit("roles: [member, moderator, admin]", "roles: [member, moderator, admin"),
    code: "spec/yaml-syntax",
    message: /YAML syntax error/,
    at: { needle: "entities:" },
  },
  {
    name: "misspelled property",
    text: edit("    growth: { perActiveUserPerDay: 0.3 }", "    grwth: { perActiveUserPerDay: 0.3 }"),
    code: "spec/unknown-property",
    message: /unknown property `grwth` in `entities.Post`/,
    at: { needle: "grwth" },
    suggestion: "growth",
  },
  {
    name: "unknown actor",
    text: edit("actor: moderator", "actor: moderater"),
    code: "spec/unknown-actor",
    message: /actor `moderater` is not a role/,
    at: { needle: "moderater" },
    suggestion: "moderator",
  },
  {
    name: "unknown sort field",
    text: edit("sort: { Post: -createdAt }", "sort: { Post: -createdat }"),
    code: "spec/unknown-field",
    message: /sort on `Post` names unknown field `createdat`/,
    at: { needle: "-createdat" },
    suggestion: "createdAt",
  },
  {
    name: "unknown entity in a use case",
    text: edit("reads: [Post]", "reads: [Posts]"),
    code: "spec/unknown-entity",
    message: /reads unknown entity `Posts`/,
    at: { needle: "Posts" },
    suggestion: "Post",
  },
  {
    name: "missing required section",
    text: edit("  peakRequestsPerSecond: 4000\n", ""),
    code: "spec/missing-property",
    message: /missing required property `peakRequestsPerSecond` in `scale`/,
    at: { needle: "scale:" },
  },
  {
    name: "enum without values",
    text: edit(
      "channel: { type: enum, values: [link, email, twitter, facebook] }",
      "channel: { type: enum }",
    ),
    code: "spec/enum-without-values",
    message: /`Share.channel` is an enum but lists no `values`/,
    at: { needle: "channel: { type: enum }" },
  },
  {
    name: "default outside the enum",
    text: edit("default: public }", "default: private }"),
    code: "spec/invalid-default",
    message: /default "private" is not one of public, followers/,
    at: { needle: "private" },
  },
  {
    name: "set-null on a required ref",
    text: edit("post: { ref: Post, onDelete: cascade }", "post: { ref: Post, onDelete: set-null }"),
    code: "spec/set-null-required",
    message: /uses onDelete: set-null but is required/,
    at: { needle: "set-null" },
  },
  {
    name: "reserved implicit field",
    text: edit(
      "      body: { type: text, max: 5000 }\n",
      "      body: { type: text, max: 5000 }\n      createdAt: { type: timestamp }\n",
    ),
    code: "spec/reserved-field",
    message: /`createdAt` is added to every entity automatically/,
    at: { needle: "createdAt: { type" },
  },
  {
    name: "wrong scalar type for a number",
    text: edit("users: 5000000", "users: many"),
    code: "spec/wrong-type",
    message: /`scale.users` must be a number, not the string "many"/,
    at: { needle: "many" },
  },
  {
    name: "misspelled capacity assumption",
    text: edit("entities:\n", "capacity:\n  cache: { hitRatoi: 0.9 }\nentities:\n"),
    code: "spec/unknown-assumption",
    message: /unknown capacity assumption `cache.hitRatoi`/,
    at: { needle: "hitRatoi" },
    suggestion: "hitRatio",
  },
  {
    name: "impossible capacity assumption",
    text: edit("entities:\n", "capacity:\n  postgres: { writesPerSecond: 0 }\nentities:\n"),
    code: "spec/invalid-assumption",
    message: /capacity.postgres.writesPerSecond must be a positive number/,
    at: { needle: "0 }" },
  },
  {
    name: "a fractional row threshold",
    text: edit("entities:\n", "capacity:\n  growth: { rowThreshold: 0.5 }\nentities:\n"),
    code: "spec/invalid-assumption",
    message: /capacity.growth.rowThreshold must be a whole number \(got 0.5\)/,
    at: { needle: "0.5 }" },
  },
  {
    name: "a page size PostgreSQL cannot have",
    text: edit("entities:\n", "capacity:\n  storage: { pageBytes: 16 }\nentities:\n"),
    code: "spec/invalid-assumption",
    message: /capacity.storage.pageBytes must be a PostgreSQL block size/,
    at: { needle: "16 }" },
  },
  {
    name: "a load no figure can hold",
    text: edit("peakRequestsPerSecond: 4000", "peakRequestsPerSecond: 1e308"),
    code: "spec/out-of-range",
    message: /scale.peakRequestsPerSecond` value must be <= 100000000/,
    at: { needle: "1e308" },
  },
  {
    name: "an availability above 100%",
    text: edit('availability: "99.9"', 'availability: "999"'),
    code: "spec/out-of-range",
    message: /scale.availability must be a percentage above 0 and below 100, got 999/,
    at: { needle: '"999"' },
  },
  {
    name: "a length PostgreSQL cannot store",
    text: edit("body: { type: text, max: 5000 }", "body: { type: text, max: 1e308 }"),
    code: "spec/out-of-range",
    message: /max length 1e\+308 is more than PostgreSQL stores in one field/,
    at: { needle: "1e308" },
  },
  {
    name: "more daily users than users",
    text: edit("dailyActiveUsers: 500000", "dailyActiveUsers: 50000000"),
    code: "spec/out-of-range",
    message: /scale.dailyActiveUsers \(50000000\) is more than scale.users \(5000000\)/,
    at: { needle: "50000000" },
  },
  {
    name: "required reference to its own entity",
    text: edit(
      "      displayName: { type: string, max: 80 }\n",
      "      displayName: { type: string, max: 80 }\n      invitedBy: { ref: User }\n",
    ),
    code: "spec/required-self-ref",
    message: /`User.invitedBy` is a required reference to its own entity/,
    at: { needle: "ref: User }\n      passwordHash", offset: 5 },
  },
  {
    name: "transposed letters in a type get a suggestion",
    text: edit(
      "email: { type: email, unique: true, pii: true }",
      "email: { type: emial, unique: true, pii: true }",
    ),
    code: "spec/invalid-value",
    message: /`emial` is not a valid value/,
    at: { needle: "emial" },
    suggestion: "email",
  },
  {
    name: "unknown field in a unique group",
    text: edit(
      "    key: [follower, followee]\n",
      "    key: [follower, followee]\n    unique: [[follower, folowee]]\n",
    ),
    code: "spec/unknown-field",
    message: /unique names `folowee`, which is not a field of `Follow`/,
    at: { needle: "folowee]]" },
    suggestion: "followee",
  },
  {
    name: "empty document",
    text: "",
    code: "spec/empty",
    message: /the spec is empty/,
    at: { needle: "" },
  },
];

describe("spec errors are located, explained and suggest fixes", () => {
  for (const c of invalid) {
    it(c.name, () => {
      const errors = errorsOf(c.text);
      const match = errors.find((e) => e.code === c.code);
      assert.ok(match, `expected ${c.code}, got ${errors.map((e) => `${e.code}: ${e.message}`).join("; ")}`);
      assert.match(match.message, c.message);
      const expected =
        c.text === "" ? { line: 1, column: 1 } : positionOf(c.text, c.at.needle, c.at.offset ?? 0);
      assert.deepEqual({ line: match.location.line, column: match.location.column }, expected);
      assert.equal(match.location.file, "spec.yaml");
      if (c.suggestion) assert.equal(match.suggestion, c.suggestion);
    });
  }

  it("reports every reference problem at once, in document order", () => {
    const text = edit(
      "actor: moderator",
      "actor: moderater",
      edit("author: { ref: User }", "author: { ref: Usr }"),
    );
    const codes = errorsOf(text).map((e) => e.code);
    assert.deepEqual(codes, ["spec/unknown-ref", "spec/unknown-actor"]);
  });

  it("formats an error with a code frame, caret, expectation and hint", () => {
    const text = edit("author: { ref: User }", "author: { ref: Usr }");
    const [first] = errorsOf(text);
    assert.ok(first);
    const rendered = formatDiagnostic(first, text);
    const { line, column } = positionOf(text, "Usr");
    assert.ok(rendered.startsWith(`spec.yaml:${line}:${column}: error[spec/unknown-ref]`));
    assert.match(rendered, new RegExp(`> ${line} \\|\\s+author: \\{ ref: Usr \\}`));
    assert.match(
      rendered,
      new RegExp(`\\n\\s+\\| {${column}}\\^`),
      "one separator space, then the caret under the column",
    );
    assert.match(rendered, /expected: one of User, Post, Follow, Share/);
    assert.match(rendered, /help: did you mean `User`\?/);
  });
});

describe("valid specs", () => {
  for (const example of ["social-sharing", "e-commerce", "b2b-saas"]) {
    it(`accepts examples/${example}`, () => {
      const text = readFileSync(`examples/${example}/archwright.yaml`, "utf8");
      const model = parseSpec(text, `examples/${example}/archwright.yaml`);
      assert.ok(model.entities.length >= 4);
      assert.ok(Object.isFrozen(model) && Object.isFrozen(model.entities[0]));
    });
  }

  it("keeps where each entity and field came from", () => {
    const model = parseSpec(SOCIAL, "spec.yaml");
    const post = model.entities.find((e) => e.name === "Post");
    assert.deepEqual(post?.location, { file: "spec.yaml", ...positionOf(SOCIAL, "  Post:", 2) });
    const body = post?.fields.find((f) => f.name === "body");
    assert.deepEqual(body?.location, { file: "spec.yaml", ...positionOf(SOCIAL, "body: { type: text") });
  });

  it("applies documented defaults", () => {
    const model = parseSpec(SOCIAL, "spec.yaml");
    const follow = model.entities.find((e) => e.name === "Follow");
    const share = model.entities.find((e) => e.name === "Share");
    const post = model.entities.find((e) => e.name === "Post");
    const onDelete = (entity: typeof follow, name: string) => {
      const f = entity?.fields.find((x) => x.name === name);
      return f?.kind === "ref" ? f.onDelete : undefined;
    };
    assert.equal(onDelete(follow, "follower"), "cascade", "a key part is composition");
    assert.equal(onDelete(share, "sharedBy"), "restrict", "a required ref must not vanish silently");
    assert.equal(post?.versioned, true, "two use cases write Post");
    assert.equal(share?.versioned, false);
    assert.equal(model.scale.availability, 99.9);
  });
});
