import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { parse } from "yaml";
import { type DesignResult, designSystem } from "../../src/design/design-system.js";
import { DESIGN_SECTIONS } from "../../src/emit/doc/emit-design-md.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import { remainingObjects } from "../../src/verify/verify-migrations.js";
import { parseMermaid } from "../emit/mermaid/mermaid-parser.js";
import { EDGE_CASES, generatedSpec, TENANT_UNASSIGNED } from "../fixtures/spec-shapes.js";
import { lintWithRedocly, lintWithSpectral, validateExamples } from "../verify/design-verification.js";

const SPECS: [string, string][] = [
  ["social-sharing", readFileSync("examples/social-sharing/archwright.yaml", "utf8")],
  ["e-commerce", readFileSync("examples/e-commerce/archwright.yaml", "utf8")],
  ["b2b-saas", readFileSync("examples/b2b-saas/archwright.yaml", "utf8")],
  ["edge-cases", EDGE_CASES],
  ["tenant-unassigned", TENANT_UNASSIGNED],
  ["generated-12", generatedSpec(1, 12)],
  ["generated-30-unassigned", generatedSpec(2, 30, { services: 0 })],
];

let db: PGlite;
before(async () => {
  db = new PGlite();
});
after(async () => {
  await db.close();
});

function design(name: string, text: string): DesignResult {
  return designSystem(parseSpec(text, `${name}.yaml`));
}

for (const [name, text] of SPECS) {
  describe(`design package: ${name}`, () => {
    let result: DesignResult;
    let files: [string, string][];
    before(() => {
      result = design(name, text);
      files = [...result.files.entries()];
    });

    it("is byte-identical across two runs", () => {
      const again = design(name, text);
      assert.deepEqual([...again.files.keys()], [...result.files.keys()]);
      for (const [path, content] of again.files) assert.equal(content, result.files.get(path), path);
    });

    it("has every artifact for every service and use case", () => {
      for (const service of result.model.services) {
        assert.ok(result.files.has(`openapi/${service}.yaml`), `openapi/${service}.yaml`);
        assert.ok(result.files.has(`db/${service}/migrations/0001_init.up.sql`));
        assert.ok(result.files.has(`db/${service}/migrations/0001_init.down.sql`));
        assert.ok(result.files.has(`diagrams/erd-${service}.mmd`));
        assert.ok(result.files.has(`diagrams/erd-${service}.svg`));
      }
      assert.ok(
        result.files.has("diagrams/architecture.mmd") && result.files.has("diagrams/architecture.svg"),
      );
      const sequences = files.filter(([p]) => p.startsWith("diagrams/sequence-") && p.endsWith(".mmd"));
      assert.equal(sequences.length, result.model.useCases.length);
      assert.ok(result.files.has("DESIGN.md") && result.files.has("handoff.json"));
    });

    it("OpenAPI lints with zero errors under Redocly recommended and Spectral oas", async () => {
      for (const [path, content] of files.filter(([p]) => p.startsWith("openapi/"))) {
        const redocly = (await lintWithRedocly(content, path)).filter((p) => p.severity === "error");
        assert.deepEqual(redocly, [], `Redocly on ${path}`);
        const spectral = (await lintWithSpectral(content, path)).filter((p) => p.severity === "error");
        assert.deepEqual(spectral, [], `Spectral on ${path}`);
      }
    });

    it("every OpenAPI example validates against its own schema", () => {
      for (const [path, content] of files.filter(([p]) => p.startsWith("openapi/"))) {
        assert.deepEqual(validateExamples(content, path), []);
      }
    });

    it("secret fields never appear in a response schema", () => {
      const secrets = result.model.entities.flatMap((e) =>
        e.fields.filter((f) => f.secret).map((f) => f.name),
      );
      for (const [path, content] of files.filter(([p]) => p.startsWith("openapi/"))) {
        const doc = parse(content) as {
          components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
        };
        for (const [schemaName, schema] of Object.entries(doc.components.schemas)) {
          if (schemaName.endsWith("Create")) continue;
          for (const secret of secrets)
            assert.ok(!(secret in (schema.properties ?? {})), `${path} ${schemaName}.${secret}`);
        }
      }
    });

    it("every up migration applies on PostgreSQL and its down migration leaves an empty schema", async () => {
      for (const service of result.model.services) {
        const up = result.files.get(`db/${service}/migrations/0001_init.up.sql`) ?? "";
        const down = result.files.get(`db/${service}/migrations/0001_init.down.sql`) ?? "";
        await db.exec(up);
        await db.exec(down);
        assert.deepEqual(await remainingObjects(db), [], `${service} down migration`);
      }
    });

    it("every Mermaid diagram parses with mermaid's own parser", async () => {
      for (const [path, content] of files.filter(([p]) => p.endsWith(".mmd"))) {
        await assert.doesNotReject(parseMermaid(content), path);
      }
    });

    it("DESIGN.md has exactly the seven sections in order, then Potential Bottlenecks", () => {
      const doc = result.files.get("DESIGN.md") ?? "";
      const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.deepEqual(headings, [...DESIGN_SECTIONS]);
      const section7 = doc.slice(doc.indexOf("## 7. Key Considerations"));
      const sub = [...section7.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
      assert.deepEqual(sub, [
        "Scalability",
        "Security",
        "Observability",
        "Deployment & CI/CD",
        "Potential Bottlenecks",
      ]);
      assert.ok(!doc.includes("undefined") && !doc.includes("[object Object]"), "no unrendered values");
    });

    it("handoff.json carries the sections other tools need", () => {
      const handoff = JSON.parse(result.files.get("handoff.json") ?? "{}") as Record<string, unknown>;
      for (const key of [
        "services",
        "endpoints",
        "schema",
        "integrationPoints",
        "technology",
        "performance",
        "security",
        "assumptions",
        "nextSteps",
      ]) {
        assert.ok(key in handoff, key);
      }
      const endpoints = handoff.endpoints as { method: string; path: string; purpose: string }[];
      const operations = files
        .filter(([p]) => p.startsWith("openapi/"))
        .flatMap(([, c]) =>
          Object.values((parse(c) as { paths: Record<string, object> }).paths).flatMap((item) =>
            Object.keys(item),
          ),
        );
      assert.equal(endpoints.length, operations.length, "one endpoint per OpenAPI operation");
      const technology = handoff.technology as { alternativesConsidered: unknown[] }[];
      assert.ok(technology.every((t) => t.alternativesConsidered.length >= 1));
    });
  });
}

describe("design decisions on the social example", () => {
  let result: DesignResult;
  let content: string;
  before(() => {
    result = design("social", SPECS[0]?.[1] ?? "");
    content = result.files.get("db/content/migrations/0001_init.up.sql") ?? "";
  });

  it("turns a reference to another service into an id column, not a foreign key", () => {
    assert.match(content, /author_id uuid NOT NULL,/);
    assert.ok(!/REFERENCES users/.test(content), "no foreign key into identity's database");
  });

  it("partitions live state that passes 100M rows by its key, keeping the key and the foreign keys to it", () => {
    // Before: the key became (id, created_at) and shares.post_id a service-enforced cascade.
    assert.match(content, /CONSTRAINT posts_pkey PRIMARY KEY \(id\),[^;]*\) PARTITION BY HASH \(id\);/);
    assert.match(
      content,
      /CREATE TABLE posts_p15 PARTITION OF posts FOR VALUES WITH \(MODULUS 16, REMAINDER 15\);/,
    );
    assert.match(content, /FOREIGN KEY \(post_id\) REFERENCES posts \(id\) ON DELETE CASCADE/);
    assert.doesNotMatch(content, /which is partitioned: the service checks it/);
    const doc = result.files.get("DESIGN.md") ?? "";
    assert.match(
      doc,
      /`posts` is hash-partitioned by `id` into 16 parts from its first migration \(passes 100M rows in month 22 of 36\)/,
    );
    assert.doesNotMatch(doc, /archive older partitions/);
  });

  it("lets the database cascade a delete into the partitioned table's referrers", async () => {
    await db.exec(content);
    const post = "0190a000-0000-7000-8000-0000000000aa";
    await db.exec(`INSERT INTO posts (id, author_id, body) VALUES ('${post}', gen_random_uuid(), 'hello')`);
    const landed = await db.query<{ partition: string }>(
      "SELECT tableoid::regclass::text AS partition FROM posts",
    );
    assert.match(landed.rows[0]?.partition ?? "", /^posts_p\d+$/);
    await db.exec(
      `INSERT INTO shares (post_id, shared_by_id, channel) VALUES ('${post}', gen_random_uuid(), 'link')`,
    );
    await assert.rejects(
      db.exec(
        "INSERT INTO shares (post_id, shared_by_id, channel) VALUES (gen_random_uuid(), gen_random_uuid(), 'link')",
      ),
      /foreign key/,
    );
    await db.exec(`DELETE FROM posts WHERE id = '${post}'`);
    const left = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM shares");
    assert.equal(left.rows[0]?.n, 0);
    await db.exec(result.files.get("db/content/migrations/0001_init.down.sql") ?? "");
    assert.deepEqual(await remainingObjects(db), []);
  });

  it("keeps foreign keys between tables of one service that stay below the threshold", () => {
    const shop = design("e-commerce", SPECS[1]?.[1] ?? "");
    const ordering = shop.files.get("db/ordering/migrations/0001_init.up.sql") ?? "";
    assert.match(ordering, /REFERENCES orders \(id\) ON DELETE CASCADE/);
    assert.ok(!ordering.includes("PARTITION BY"));
  });

  it("creates the projection a hot cross-service read is served from", () => {
    assert.match(
      content,
      /CREATE TABLE follows_projection \([^;]*PRIMARY KEY \(follower_id, followee_id\)\s*\);/,
    );
    assert.match(content, /ON follows_projection \(followee_id\);/);
    assert.match(
      content,
      /COMMENT ON TABLE follows_projection IS 'Read-only copy of social\.follows for Home feed/,
    );
    assert.ok(!/follows_projection_set_updated_at/.test(content), "the copy keeps the source's timestamps");
  });

  it("indexes the home feed's filter and sort in keyset order", () => {
    assert.match(content, /ON posts \(author_id, created_at DESC, id DESC\);/);
  });

  it("indexes every foreign key and cross-service reference", () => {
    assert.match(content, /ON shares \(post_id\);/);
    assert.match(content, /ON shares \(shared_by_id[,)]/, "an index led by the foreign key");
  });

  it("gives the composite key entity a composite primary key and indexes its second column", () => {
    const social = result.files.get("db/social/migrations/0001_init.up.sql") ?? "";
    assert.match(social, /PRIMARY KEY \(follower_id, followee_id\)/);
    assert.match(social, /ON follows \(followee_id\);/);
    assert.match(social, /CHECK \(follower_id <> followee_id\)/, "a user cannot follow themselves");
  });

  it("keeps secrets and personal data out of event payloads", () => {
    // A hot read of Post with its author makes content keep a projection of User, fed by User events.
    const spec = `${SPECS[0]?.[1] ?? ""}  - name: Author cards
    actor: member
    reads: [Post, User]
    peakRps: 500
`;
    const handoff = JSON.parse(design("social", spec).files.get("handoff.json") ?? "{}") as {
      integrationPoints: { events: { name: string; message: { payload: { name: string }[] } }[] };
    };
    const created = handoff.integrationPoints.events.find((e) => e.name === "identity.user.created");
    const fields = created?.message.payload.map((p) => p.name) ?? [];
    assert.deepEqual(
      fields,
      ["id", "displayName", "role", "occurredAt"],
      "no email (pii), no passwordHash (secret)",
    );
  });

  it("documents role restrictions and ownership on write operations", () => {
    type Operation = {
      description: string;
      "x-archwright-roles"?: string[];
      "x-archwright-row-filter"?: Record<string, string>;
      "x-archwright-transition"?: unknown;
    };
    const doc = parse(result.files.get("openapi/content.yaml") ?? "") as {
      paths: Record<string, Record<string, Operation>>;
    };
    const create = doc.paths["/v1/posts"]?.post;
    assert.deepEqual(create?.["x-archwright-roles"], ["member", "moderator", "admin"]);
    assert.match(create?.description ?? "", /`authorId` is set from the caller's token\./);
    // Moderators hide a post; nobody else can, and no use case opens PATCH or DELETE on one.
    const hide = doc.paths["/v1/posts/{postId}/hide"]?.post;
    assert.deepEqual(hide?.["x-archwright-roles"], ["moderator", "admin"]);
    assert.deepEqual(hide?.["x-archwright-transition"], {
      field: "status",
      from: ["published"],
      to: "hidden",
    });
    assert.equal(doc.paths["/v1/posts/{postId}"], undefined);
    // A member's feed shows public posts, followers-only posts of people it follows, and its own.
    assert.equal(
      doc.paths["/v1/feeds/posts"]?.get?.["x-archwright-row-filter"]?.member,
      "(visibility IN ('public') AND status IN ('published')) OR (author_id IN (SELECT followee_id FROM follows /* social's data: its projection or API */ WHERE follower_id = :caller) AND status IN ('published')) OR author_id = :caller",
    );
  });

  it("lets members follow and unfollow, as themselves only", () => {
    type Operation = { "x-archwright-roles"?: string[]; "x-archwright-row-filter"?: Record<string, string> };
    const social = parse(result.files.get("openapi/social.yaml") ?? "") as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    assert.deepEqual(social.paths["/v1/follows"]?.post?.["x-archwright-roles"], [
      "member",
      "moderator",
      "admin",
    ]);
    assert.deepEqual(Object.keys(social.components.schemas.FollowCreate?.properties ?? {}), ["followeeId"]);
    assert.deepEqual(
      social.paths["/v1/follows/{followerId}/{followeeId}"]?.delete?.["x-archwright-row-filter"]?.member,
      "follower_id = :caller",
    );
    assert.equal(social.paths["/v1/follows"]?.get, undefined, "no use case lists follows over the API");
  });

  it("charges a read served from a projection to the projection's owner, not to the source's endpoint", () => {
    const content = parse(result.files.get("openapi/content.yaml") ?? "") as {
      paths: Record<string, Record<string, { "x-archwright-peak-rps"?: number }>>;
    };
    // "Home feed" (2,500 rps) reads Follow from content's projection: the feed endpoint carries it all.
    assert.equal(content.paths["/v1/feeds/posts"]?.get?.["x-archwright-peak-rps"], 2500);
    const doc = result.files.get("DESIGN.md") ?? "";
    assert.match(
      doc,
      /\*\*Responsibility:\*\* owns Follow and serves "Follow someone", "Unfollow someone"; feeds the projection `content` keeps for "Home feed"\./,
    );
  });

  it("keeps owner, parent, server-set and privileged fields out of what a client may send", () => {
    type Schemas = Record<
      string,
      { properties?: Record<string, Record<string, unknown>>; required?: string[] }
    >;
    const schemas = (path: string, files: ReadonlyMap<string, string>) =>
      (parse(files.get(path) ?? "") as { components: { schemas: Schemas } }).components.schemas;
    const content = schemas("openapi/content.yaml", result.files);
    const keys = (schema: Schemas[string] | undefined) => {
      assert.ok(schema, "schema exists");
      return Object.keys(schema.properties ?? {});
    };
    assert.deepEqual(
      keys(content.PostCreate),
      ["body", "visibility"],
      "author from the token, status by commands",
    );
    assert.equal(content.PostUpdate, undefined, "no use case changes a post's fields");
    assert.deepEqual(keys(content.ShareCreate), ["postId", "channel"]);
    assert.equal(content.Post?.properties?.authorId?.readOnly, true);
    const identity = schemas("openapi/identity.yaml", result.files);
    assert.ok(!keys(identity.UserCreate).includes("role"), "a new user gets the default role");
    assert.deepEqual(
      keys(identity.UserUpdate),
      ["displayName", "role", "version"],
      "only the fields the use cases change",
    );
    assert.deepEqual(identity.UserUpdate?.properties?.role?.["x-archwright-write-roles"], ["admin"]);
    const shop = design("e-commerce", SPECS[1]?.[1] ?? "");
    const ordering = schemas("openapi/ordering.yaml", shop.files);
    assert.deepEqual(
      keys(ordering.OrderCreate),
      ["currency"],
      "total, status, customer and number are the service's",
    );
    assert.equal(
      ordering.OrderLineCreate,
      undefined,
      "order lines are written by the checkout, not by clients",
    );
    const orderingDoc = parse(shop.files.get("openapi/ordering.yaml") ?? "") as {
      paths: Record<
        string,
        Record<string, { description: string; "x-archwright-row-filter"?: Record<string, string> }>
      >;
    };
    assert.match(
      orderingDoc.paths["/v1/orders"]?.get?.description ?? "",
      /Row access \(customer: rows whose `customer` is the caller\)\. The condition is part of the query/,
      "private entities are read by their owner only",
    );
    assert.deepEqual(orderingDoc.paths["/v1/orders/{orderId}"]?.get?.["x-archwright-row-filter"], {
      customer: "customer_id = :caller",
      staff: "true",
      admin: "true",
    });
    const inventory = shop.files.get("db/inventory/migrations/0001_init.up.sql") ?? "";
    assert.match(
      inventory,
      /CONSTRAINT inventory_items_product_id_warehouse_key UNIQUE \(product_id, warehouse\)/,
    );
  });
});

describe("tenant isolation in the b2b example", () => {
  it("rejects a row that points at another tenant's row, even where row-level security is bypassed", async () => {
    const b2b = design("b2b-saas", SPECS[2]?.[1] ?? "");
    const work = b2b.files.get("db/work/migrations/0001_init.up.sql") ?? "";
    assert.match(
      work,
      /FOREIGN KEY \(organization_id, project_id\) REFERENCES projects \(organization_id, id\)/,
    );
    // Tasks pass 100M rows but are read by project and status, not by creation time: split by tenant.
    assert.match(
      work,
      /CONSTRAINT tasks_pkey PRIMARY KEY \(organization_id, id\),[^;]*\) PARTITION BY HASH \(organization_id\);/,
    );
    assert.match(
      work,
      /CREATE TABLE tasks_p15 PARTITION OF tasks FOR VALUES WITH \(MODULUS 16, REMAINDER 15\);/,
    );
    const handoff = JSON.parse(b2b.files.get("handoff.json") ?? "{}") as {
      integrationPoints: {
        events: { name: string; consumers: string[] }[];
        crossServiceRelations: { fromEntity: string; field: string; toEntity: string; events: string[] }[];
      };
    };
    const offboarding = handoff.integrationPoints.events.find(
      (e) => e.name === "accounts.organization.deleted",
    );
    assert.deepEqual(offboarding?.consumers, ["work"], "a deleted tenant's rows are erased in every service");
    // The tenant column no field declares is a cross-service relation like any other.
    assert.deepEqual(
      handoff.integrationPoints.crossServiceRelations
        .filter((r) => r.toEntity === "Organization")
        .map((r) => [r.fromEntity, r.field, r.events]),
      [
        ["Project", "organization", ["accounts.organization.deleted"]],
        ["Task", "organization", ["accounts.organization.deleted"]],
      ],
    );
    await db.exec(work);
    const [orgA, orgB, member] = [
      "0190a000-0000-7000-8000-00000000000a",
      "0190a000-0000-7000-8000-00000000000b",
      "0190a000-0000-7000-8000-0000000000cc",
    ];
    const project = await db.query<{ id: string }>(
      `INSERT INTO projects (organization_id, name, owner_id) VALUES ('${orgA}', 'Roadmap', '${member}') RETURNING id`,
    );
    const projectId = project.rows[0]?.id ?? "";
    await db.exec(
      `INSERT INTO tasks (organization_id, project_id, title) VALUES ('${orgA}', '${projectId}', 'own tenant')`,
    );
    await assert.rejects(
      db.exec(
        `INSERT INTO tasks (organization_id, project_id, title) VALUES ('${orgB}', '${projectId}', 'other tenant')`,
      ),
      /foreign key/,
    );
    await db.exec(b2b.files.get("db/work/migrations/0001_init.down.sql") ?? "");
    assert.deepEqual(await remainingObjects(db), []);
  });
});

describe("capacity assumptions from the spec", () => {
  it("replace the defaults in the figures DESIGN.md and handoff.json report", () => {
    const social = SPECS[0]?.[1] ?? "";
    const primary = (text: string) => {
      const handoff = JSON.parse(design("social", text).files.get("handoff.json") ?? "{}") as {
        performance: {
          limits: { postgresPrimaries: { service: string; writesSaturateAtMultiple: number | null }[] };
        };
      };
      return handoff.performance.limits.postgresPrimaries.find((p) => p.service === "content")
        ?.writesSaturateAtMultiple;
    };
    // Without a postgres override the design sizes the instance class itself, so the baseline
    // states the default figure explicitly.
    const withWrites = (n: number) =>
      social.replace("entities:\n", `capacity:\n  postgres: { writesPerSecond: ${n} }\nentities:\n`);
    const base = primary(withWrites(5000));
    const doubled = primary(withWrites(10000));
    assert.ok(base !== undefined && base !== null && doubled !== undefined && doubled !== null);
    assert.ok(
      Math.abs(doubled / base - 2) < 0.05,
      `twice the write capacity saturates at twice the load (${base} -> ${doubled})`,
    );
  });
});

describe("the verifiers can fail", () => {
  it("Redocly and Spectral reject a broken document", async () => {
    const broken = "openapi: 3.1.0\ninfo: { title: x }\npaths:\n  /a:\n    get:\n      responses: {}\n";
    assert.ok((await lintWithRedocly(broken, "broken.yaml")).some((p) => p.severity === "error"));
    assert.ok((await lintWithSpectral(broken, "broken.yaml")).some((p) => p.severity === "error"));
  });

  it("an example that contradicts its schema is reported", () => {
    const doc = `openapi: 3.1.0
info: { title: x, version: "1" }
paths:
  /a:
    get:
      parameters:
        - { name: n, in: query, schema: { type: integer, maximum: 5 }, example: 9 }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/A" }
              examples: { x: { value: { id: "not-a-uuid" } } }
components:
  schemas:
    A: { type: object, properties: { id: { type: string, format: uuid } } }
`;
    const problems = validateExamples(doc, "bad.yaml");
    assert.equal(problems.length, 2);
  });

  it("mermaid's parser rejects a broken diagram", async () => {
    await assert.rejects(parseMermaid("flowchart LR\n  a --> ("));
  });
});
