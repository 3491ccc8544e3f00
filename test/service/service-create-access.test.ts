import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { pino } from "pino";
import { designSystem } from "../../src/design/design-system.js";
import { emitService } from "../../src/emit/service/emit-service.js";
import { parseSpec } from "../../src/spec/load-spec.js";
import { buildService, type DesignData } from "../../templates/service/src/runtime/app.js";
import { createAuthenticator } from "../../templates/service/src/runtime/auth.js";
import { openPglite } from "../../templates/service/src/runtime/database.js";
import { type Migration, migrate } from "../../templates/service/src/runtime/migrate.js";

/**
 * A create checks its access condition on the row it inserts, in the same statement: sharing a
 * followers-only post of someone the member does not follow is refused with 403 and leaves no row,
 * although a create without events runs as one statement with no transaction around it.
 */
const folder = resolve(".tmp", `service-create-access-${process.pid}`);
after(() => rmSync(folder, { recursive: true, force: true }));

describe("a create's access condition", () => {
  it("refuses a share of a post the member may not read, and keeps no row", async () => {
    const file = "examples/social-sharing/archwright.yaml";
    for (const f of emitService(designSystem(parseSpec(readFileSync(file, "utf8"), file), { svg: false }))) {
      mkdirSync(dirname(join(folder, f.path)), { recursive: true });
      writeFileSync(join(folder, f.path), f.content);
    }
    const { DESIGN } = (await import(pathToFileURL(join(folder, "src/generated/design.ts")).href)) as {
      DESIGN: DesignData;
    };
    const { MIGRATIONS } = (await import(
      pathToFileURL(join(folder, "src/generated/migrations.ts")).href
    )) as {
      MIGRATIONS: readonly Migration[];
    };
    const db = await openPglite();
    await migrate(db, MIGRATIONS);
    const auth = await createAuthenticator({});
    const service = await buildService({
      design: DESIGN,
      db,
      auth,
      logger: pino({ level: "silent" }),
      relay: false,
      rateLimit: false,
    });
    try {
      const member = randomUUID();
      const author = randomUUID();
      const post = async (visibility: string) => {
        const rows = await db.transaction({ searchPath: ["content"] }, (sql) =>
          sql.query<{ id: string }>(
            "INSERT INTO posts (author_id, body, visibility) VALUES ($1, 'hello', $2) RETURNING id",
            [author, visibility],
          ),
        );
        return rows[0]?.id ?? "";
      };
      const token = await auth.issue?.({ person: member, role: "member", tenant: undefined });
      const share = (postId: string) =>
        service.app.inject({
          method: "POST",
          url: "/v1/shares",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          payload: { postId, channel: "link" },
        });
      const shares = async () =>
        (
          await db.read({ searchPath: ["content"] }, (sql) =>
            sql.query<{ n: number }>("SELECT count(*)::int AS n FROM shares"),
          )
        )[0]?.n;

      const refused = await share(await post("followers"));
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(refused.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(await shares(), 0);

      const allowed = await share(await post("public"));
      assert.equal(allowed.statusCode, 201, allowed.body);
      assert.equal(await shares(), 1);
    } finally {
      await service.close();
    }
  });
});
