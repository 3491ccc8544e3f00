import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";

/**
 * The access matrix of each example and of four specs of other shapes, against a matrix written by
 * hand: every cell is either refused ("-") or the exact row condition the contract states for that
 * caller ("true" for every row, `:caller` being the caller's own person id). Operations no use case
 * asks for must not exist, so the hand matrix lists every operation but the sign-in ones.
 */
type Matrix = Record<string, Record<string, string>>;

interface Handoff {
  security: {
    accessMatrix: {
      actors: string[];
      rows: {
        method: string;
        path: string;
        useCases: string[];
        cells: { actor: string; allowed: boolean; filter: string | null }[];
      }[];
    };
  };
}

const SIGN_IN = /registrations|tokens|token-revocations|oauth-callbacks|saml-assertions|magic-links/;
const SOCIAL_FOLLOWS = "follows /* social's data: its projection or API */";
const POST_READ = `(visibility IN ('public') AND status IN ('published')) OR (author_id IN (SELECT followee_id FROM ${SOCIAL_FOLLOWS} WHERE follower_id = :caller) AND status IN ('published')) OR author_id = :caller`;
const MEMBER_OF = "conversation_id IN (SELECT conversation_id FROM memberships WHERE user_id = :caller)";
const READABLE_CONVERSATION =
  "conversation_id IN (SELECT id FROM conversations WHERE id IN (SELECT conversation_id FROM memberships WHERE user_id = :caller) OR created_by_id = :caller)";

const CASES: { name: string; file: string; matrix: Matrix }[] = [
  {
    name: "social-sharing: members follow and post as themselves, moderators hide",
    file: "examples/social-sharing/archwright.yaml",
    matrix: {
      "GET /v1/users/{userId}": {
        anonymous: "-",
        member: "id = :caller",
        moderator: "id = :caller",
        admin: "true",
      },
      "PATCH /v1/users/{userId}": {
        anonymous: "-",
        member: "id = :caller",
        moderator: "id = :caller",
        admin: "true",
      },
      "POST /v1/posts": {
        anonymous: "-",
        member: "author_id = :caller",
        moderator: "author_id = :caller",
        admin: "author_id = :caller",
      },
      "POST /v1/posts/{postId}/hide": { anonymous: "-", member: "-", moderator: "true", admin: "true" },
      "GET /v1/feeds/posts": { anonymous: "-", member: POST_READ, moderator: "true", admin: "true" },
      "POST /v1/follows": {
        anonymous: "-",
        member: "follower_id = :caller",
        moderator: "follower_id = :caller",
        admin: "follower_id = :caller",
      },
      "DELETE /v1/follows/{followerId}/{followeeId}": {
        anonymous: "-",
        member: "follower_id = :caller",
        moderator: "follower_id = :caller",
        admin: "follower_id = :caller",
      },
      "GET /v1/shares": {
        anonymous: "-",
        member: "shared_by_id = :caller",
        moderator: "shared_by_id = :caller",
        admin: "shared_by_id = :caller",
      },
      "POST /v1/shares": {
        anonymous: "-",
        member: `shared_by_id = :caller AND post_id IN (SELECT id FROM posts WHERE ${POST_READ})`,
        moderator: "shared_by_id = :caller",
        admin: "shared_by_id = :caller",
      },
    },
  },
  {
    name: "e-commerce: anyone browses, customers see their own orders, staff keep stock",
    file: "examples/e-commerce/archwright.yaml",
    matrix: {
      "GET /v1/products": { anonymous: "true", customer: "true", staff: "true", admin: "true" },
      "POST /v1/products": { anonymous: "-", customer: "-", staff: "-", admin: "true" },
      "GET /v1/inventory-items": { anonymous: "-", customer: "-", staff: "true", admin: "true" },
      "PATCH /v1/inventory-items/{inventoryItemId}": {
        anonymous: "-",
        customer: "-",
        staff: "true",
        admin: "true",
      },
      "GET /v1/orders": { anonymous: "-", customer: "customer_id = :caller", staff: "-", admin: "-" },
      "POST /v1/orders": { anonymous: "-", customer: "customer_id = :caller", staff: "-", admin: "-" },
      "GET /v1/orders/{orderId}": {
        anonymous: "-",
        customer: "customer_id = :caller",
        staff: "true",
        admin: "true",
      },
      "GET /v1/payments": {
        anonymous: "-",
        customer:
          "order_id IN (SELECT id FROM orders /* ordering's data: its projection or API */ WHERE customer_id = :caller)",
        staff: "true",
        admin: "true",
      },
    },
  },
  {
    name: "b2b-saas: a ladder of roles inside one tenant",
    file: "examples/b2b-saas/archwright.yaml",
    matrix: {
      "GET /v1/members": { anonymous: "-", member: "true", manager: "true", owner: "true" },
      "POST /v1/members": { anonymous: "-", member: "-", manager: "-", owner: "true" },
      "GET /v1/projects": { anonymous: "-", member: "true", manager: "true", owner: "true" },
      "POST /v1/projects": { anonymous: "-", member: "-", manager: "owner_id = :caller", owner: "true" },
      "GET /v1/tasks": { anonymous: "-", member: "true", manager: "true", owner: "true" },
      "POST /v1/tasks": { anonymous: "-", member: "true", manager: "true", owner: "true" },
      "PATCH /v1/tasks/{taskId}": { anonymous: "-", member: "true", manager: "true", owner: "true" },
    },
  },
  {
    name: "ride-hailing: peer roles, a read-only role, a state machine and a system job",
    file: "test/fixtures/access/ride-hailing.yaml",
    matrix: {
      "GET /v1/trips": {
        anonymous: "-",
        rider: "rider_id = :caller",
        driver: "status IN ('requested')",
        support: "-",
        "ops-admin": "-",
      },
      "POST /v1/trips": {
        anonymous: "-",
        rider: "rider_id = :caller",
        driver: "-",
        support: "-",
        "ops-admin": "-",
      },
      "GET /v1/trips/{tripId}": {
        anonymous: "-",
        rider: "rider_id = :caller",
        driver: "driver_id = :caller OR status IN ('requested')",
        support: "true",
        "ops-admin": "true",
      },
      "POST /v1/trips/{tripId}/accept": {
        anonymous: "-",
        rider: "-",
        driver: "status IN ('requested')",
        support: "-",
        "ops-admin": "-",
      },
      "POST /v1/trips/{tripId}/start": {
        anonymous: "-",
        rider: "-",
        driver: "driver_id = :caller",
        support: "-",
        "ops-admin": "-",
      },
      "POST /v1/trips/{tripId}/complete": {
        anonymous: "-",
        rider: "-",
        driver: "driver_id = :caller",
        support: "-",
        "ops-admin": "-",
      },
      "POST /v1/trips/{tripId}/cancel": {
        anonymous: "-",
        rider: "rider_id = :caller",
        driver: "-",
        support: "-",
        "ops-admin": "-",
      },
    },
  },
  {
    name: "group chat: messages are read through a membership",
    file: "test/fixtures/access/group-chat.yaml",
    matrix: {
      "GET /v1/conversations": {
        anonymous: "-",
        member: "id IN (SELECT conversation_id FROM memberships WHERE user_id = :caller)",
        moderator: "id IN (SELECT conversation_id FROM memberships WHERE user_id = :caller)",
      },
      "POST /v1/conversations": {
        anonymous: "-",
        member: "created_by_id = :caller",
        moderator: "created_by_id = :caller",
      },
      "GET /v1/memberships": { anonymous: "-", member: MEMBER_OF, moderator: MEMBER_OF },
      "POST /v1/memberships": {
        anonymous: "-",
        member: `conversation_id IN (SELECT id FROM conversations WHERE created_by_id = :caller) AND ${READABLE_CONVERSATION}`,
        moderator: `conversation_id IN (SELECT id FROM conversations WHERE created_by_id = :caller) AND ${READABLE_CONVERSATION}`,
      },
      "GET /v1/messages": { anonymous: "-", member: MEMBER_OF, moderator: MEMBER_OF },
      "POST /v1/messages": {
        anonymous: "-",
        member: `sender_id = :caller AND ${READABLE_CONVERSATION}`,
        moderator: READABLE_CONVERSATION,
      },
      "DELETE /v1/messages/{messageId}": { anonymous: "-", member: "-", moderator: "true" },
    },
  },
  {
    name: "URL shortener: a public redirect, links private to their owner",
    file: "test/fixtures/access/url-shortener.yaml",
    matrix: {
      "GET /v1/short-links": { anonymous: "-", member: "owner_id = :caller", admin: "owner_id = :caller" },
      "POST /v1/short-links": { anonymous: "-", member: "owner_id = :caller", admin: "owner_id = :caller" },
      "POST /v1/short-links/{shortLinkId}/disable": {
        anonymous: "-",
        member: "owner_id = :caller",
        admin: "owner_id = :caller",
      },
      "GET /v1/short-links/{slug}/target": {
        anonymous: "status IN ('active')",
        member: "status IN ('active')",
        admin: "status IN ('active')",
      },
      "GET /v1/clicks": {
        anonymous: "-",
        member: "link_id IN (SELECT id FROM short_links WHERE owner_id = :caller)",
        admin: "link_id IN (SELECT id FROM short_links WHERE owner_id = :caller)",
      },
    },
  },
  {
    name: "wallet ledger: ownership through a path, a read-only auditor, a payee anyone may name",
    file: "test/fixtures/access/wallet-ledger.yaml",
    matrix: {
      "GET /v1/accounts": { anonymous: "-", customer: "owner_id = :caller", auditor: "-", treasurer: "-" },
      "POST /v1/accounts": { anonymous: "-", customer: "owner_id = :caller", auditor: "-", treasurer: "-" },
      "POST /v1/accounts/{accountId}/freeze": {
        anonymous: "-",
        customer: "-",
        auditor: "-",
        treasurer: "true",
      },
      "GET /v1/transfers": { anonymous: "-", customer: "-", auditor: "true", treasurer: "-" },
      "POST /v1/transfers": {
        anonymous: "-",
        customer: "source_id IN (SELECT id FROM accounts WHERE owner_id = :caller)",
        auditor: "-",
        treasurer: "-",
      },
      "GET /v1/postings": {
        anonymous: "-",
        customer: "account_id IN (SELECT id FROM accounts WHERE owner_id = :caller)",
        auditor: "true",
        treasurer: "-",
      },
    },
  },
];

function derivedMatrix(file: string): {
  matrix: Matrix;
  handoff: Handoff;
  files: ReadonlyMap<string, string>;
} {
  const result = designSystem(parseSpec(readFileSync(file, "utf8"), file), { svg: false });
  const handoff = JSON.parse(result.files.get("handoff.json") ?? "{}") as Handoff;
  const matrix: Matrix = {};
  for (const row of handoff.security.accessMatrix.rows) {
    if (SIGN_IN.test(row.path)) continue;
    matrix[`${row.method} ${row.path}`] = Object.fromEntries(
      row.cells.map((c) => [c.actor, c.allowed ? (c.filter ?? "?") : "-"]),
    );
  }
  return { matrix, handoff, files: result.files };
}

describe("access matrix against a matrix written by hand", () => {
  for (const { name, file, matrix } of CASES) {
    it(name, () => {
      const derived = derivedMatrix(file);
      assert.deepEqual(
        Object.keys(derived.matrix).sort(),
        Object.keys(matrix).sort(),
        "exactly these operations",
      );
      for (const [operation, cells] of Object.entries(matrix))
        assert.deepEqual(derived.matrix[operation], cells, operation);
      // DESIGN.md states the same matrix (refused cells as "—").
      const doc = derived.files.get("DESIGN.md") ?? "";
      assert.match(doc, /### Access matrix/);
      for (const [operation, cells] of Object.entries(matrix)) {
        const [method, path] = operation.split(" ");
        const line = doc.split("\n").find((l) => l.startsWith(`| ${method} \`${path}\` |`));
        assert.ok(line, `DESIGN.md row for ${operation}`);
        const refused = Object.values(cells).filter((c) => c === "-").length;
        assert.equal(
          (line.match(/\| — /g) ?? []).length,
          refused,
          `${operation}: refused cells in DESIGN.md`,
        );
      }
    });
  }
});

describe("every use case can be performed by its actor", () => {
  for (const { name, file } of CASES) {
    it(name.split(":")[0] ?? name, () => {
      const model = parseSpec(readFileSync(file, "utf8"), file);
      const { handoff } = derivedMatrix(file);
      for (const useCase of model.useCases) {
        if (useCase.actors.every((a) => a === "system")) continue;
        const rows = handoff.security.accessMatrix.rows.filter((r) => r.useCases.includes(useCase.name));
        // A use case answered from a projection of another service is served by its owner's endpoint.
        if (rows.length === 0 && useCase.operation === undefined) continue;
        assert.ok(rows.length > 0, `"${useCase.name}" has an operation`);
        for (const actor of useCase.actors) {
          assert.ok(
            rows.some((r) => r.cells.some((c) => c.actor === actor && c.allowed)),
            `"${useCase.name}" is open to ${actor}`,
          );
        }
      }
    });
  }
});
