import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { requestBodySchemas, schemaTypes } from "../../openapi/schema-walk.js";

/** Names that alone say the server calls them: `callback`, `webhook`. */
const BARE_FETCH_NAMES = new Set(["callback", "webhook"]);
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

/**
 * Prose that says the server itself calls the URL ("The URL of the webhook endpoint", "The URL that
 * Vonage makes a request to", "The SIP URI to connect to"). A bare `url` is reported only with such
 * evidence: most bare `url` properties are stored and shown (a product page, a business website).
 */
const FETCH_PROSE =
  /\b(?:webhooks?|callbacks?|makes? (?:a |an )?(?:http )?requests?|(?:we|will) (?:send|post|call|fetch|notify)|sends? (?:events?|notifications?|requests?)|fetch(?:es|ed)?|download(?:s|ed)?|import(?:s|ed)? from|connect(?:s|ed)? to|posts? (?:events? )?to)\b/i;
/** Prose that says the URL only redirects a browser, or that the server checks it against an allow-list. */
const SAFE_PROSE =
  /\bcan be used to\b|\bvia the api\b|\bredirect|\ballow-?list|\bwhitelist|\bonly urls? (?:from|on|with|in)\b|hostnames? in your|\bmust match (?:one of )?(?:the )?(?:registered|configured|allowed)/i;

export const urlInputSsrf: OpenApiRule = {
  meta: {
    id: "url-input-ssrf",
    area: "api-security",
    defaultSeverity: "warning",
    description:
      "A request accepts a URL the server fetches (a webhook target, an import source, a callback) with no enum or pattern.",
    rationale:
      "A URL the server later fetches (webhooks, imports, callbacks) lets a client make the server call internal addresses: cloud metadata at 169.254.169.254, admin ports, other tenants. The contract should show the input is constrained. URLs that are only stored and shown (a profile website, a product page) and redirect targets checked against an allow-list are not reported: the server never requests them.",
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
      const parentWords = visit.parents.flatMap(nameWords);
      const description = visit.description ?? "";
      const urlLike = URL_WORDS.has(last) || v.format === "uri" || v.format === "url";
      const fetched =
        (words.length === 1 && BARE_FETCH_NAMES.has(last)) ||
        (urlLike && words.some((w) => FETCH_WORDS.has(w))) ||
        (urlLike && (parentWords.some((w) => FETCH_WORDS.has(w)) || FETCH_PROSE.test(description)));
      const redirect =
        [...parentWords, ...words].some((w) => REDIRECT_WORDS.has(w)) || SAFE_PROSE.test(description);
      if (!fetched || redirect) continue;
      const what = visit.name === undefined ? "a request URL" : `request URL "${visit.name}"`;
      report({
        message: `${what} is fetched by the server and unconstrained: it can be pointed at internal hosts`,
        location: context.locate(visit.schema),
        fix: "add a `pattern` (e.g. `^https://`) or host allow-list, and block private addresses before fetching",
      });
    }
  },
};
