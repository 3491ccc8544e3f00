import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { requestBodySchemas, schemaTypes } from "../../openapi/schema-walk.js";

/** Names that are a URL and nothing else: `url`, `callback`. */
const BARE_URL_NAMES = new Set(["url", "uri", "callback", "webhook"]);
const URL_WORDS = new Set(["url", "uri"]);
/** Where a browser is sent after a flow: open-redirect territory, not a server-side request. */
const REDIRECT_WORDS = new Set(["redirect", "return", "success", "cancel", "failure", "refresh"]);
/**
 * Words that say the server will fetch the URL (`webhook_url`, `import_source_url`, `vcs_url`).
 * URLs the server only stores and shows (`image_url`, `details_url`, `return_url`) are left out:
 * they are not a server-side request.
 */
const FETCH_WORDS = new Set([
  "webhook",
  "callback",
  "hook",
  "notification",
  "notify",
  "import",
  "source",
  "fetch",
  "feed",
  "remote",
  "upstream",
  "proxy",
  "server",
  "vcs",
  "registry",
  "mirror",
  "origin",
  "download",
]);

export const urlInputSsrf: OpenApiRule = {
  meta: {
    id: "url-input-ssrf",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "A request accepts an arbitrary URL the server is likely to fetch (`url`, `callback`, `webhook_url`, `source_url`...) with no enum or pattern.",
    rationale:
      "A URL the server later fetches (webhooks, imports, avatars) lets a client make the server call internal addresses: cloud metadata at 169.254.169.254, admin ports, other tenants. The contract should show the input is constrained.",
    howToFix:
      "Constrain the URL (`pattern: ^https://`, an allow-list of hosts) and, in the server, resolve and block private, loopback and link-local addresses before fetching.",
    owasp: "API7:2023 Server Side Request Forgery",
  },
  check(context, report) {
    // Request bodies only: URL-valued query parameters are almost always filters (`?url=` to find a product).
    for (const visit of requestBodySchemas(context)) {
      if (!schemaTypes(visit.schema).includes("string")) continue;
      const v = visit.schema.object ?? {};
      if (v.enum !== undefined || v.const !== undefined || v.pattern !== undefined) continue;
      const words = nameWords(visit.name ?? "");
      const last = words.at(-1) ?? "";
      const bare = words.length === 1 && BARE_URL_NAMES.has(last);
      const fetched =
        (URL_WORDS.has(last) || v.format === "uri" || v.format === "url") &&
        words.some((w) => FETCH_WORDS.has(w));
      const redirect = [...visit.parents.flatMap(nameWords), ...words].some((w) => REDIRECT_WORDS.has(w));
      if ((!bare && !fetched) || redirect) continue;
      const what = visit.name === undefined ? "a request URL" : `request URL "${visit.name}"`;
      report({
        message: `${what} is unconstrained; if the server fetches it, it can be pointed at internal hosts`,
        location: context.locate(visit.schema),
        fix: "add a `pattern` (e.g. `^https://`) or host allow-list, and block private addresses before fetching",
      });
    }
  },
};
