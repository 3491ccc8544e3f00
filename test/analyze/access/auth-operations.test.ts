import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { designSystem } from "../../../src/design/design-system.js";
import { parseSpec } from "../../../src/spec/load-spec.js";
import { lintOpenApi } from "../../../src/verify/lint-openapi.js";

/** Every sign-in method `security.auth` can name gets its operations, and they lint clean. */
describe("sign-in operations", () => {
  const text = readFileSync("test/fixtures/access/url-shortener.yaml", "utf8").replace(
    "auth: [password]",
    "auth: [password, oauth2-github, oidc, saml, magic-link, api-key]",
  );
  const result = designSystem(parseSpec(text, "shortly.yaml"), { svg: false });
  const accounts = result.files.get("openapi/accounts.yaml") ?? "";

  it("exist, public, in the service owning the person entity", () => {
    const paths = (parse(accounts) as { paths: Record<string, Record<string, { security?: unknown[] }>> })
      .paths;
    const expected: [string, string][] = [
      ["/v1/registrations", "post"],
      ["/v1/tokens", "post"],
      ["/v1/token-revocations", "post"],
      ["/v1/oauth-callbacks/{provider}", "get"],
      ["/v1/magic-links", "post"],
      ["/v1/saml-assertions", "post"],
    ];
    for (const [path, method] of expected)
      assert.deepEqual(paths[path]?.[method]?.security, [], `${method} ${path}`);
  });

  it("lint with zero errors under Redocly recommended", async () => {
    const errors = (await lintOpenApi(accounts, "openapi/accounts.yaml")).filter(
      (p) => p.severity === "error",
    );
    assert.deepEqual(errors, []);
  });
});
