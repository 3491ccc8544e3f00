import pluralize from "pluralize";
import { nameWords } from "../../openapi/name-words.js";
import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { pathSegments } from "../../openapi/path-segments.js";

export const createWithoutIdempotencyKey: OpenApiRule = {
  meta: {
    id: "create-without-idempotency-key",
    area: "api-design",
    defaultSeverity: "warning",
    description: "A POST that creates a resource accepts no `Idempotency-Key` header.",
    rationale:
      "POST is not idempotent: when a timeout hides whether the create succeeded, a client that retries creates a duplicate order or payment. An idempotency key lets the server recognise the retry and return the first result.",
    howToFix:
      "Accept an `Idempotency-Key` request header on creating POSTs (see the IETF httpapi idempotency-key draft) and replay the stored response for a repeated key.",
  },
  check(context, report) {
    for (const operation of context.operations) {
      if (operation.method !== "post") continue;
      const last = pathSegments(operation.path).at(-1);
      const codes =
        operation.node
          .get("responses")
          ?.children()
          .map((r) => r.key) ?? [];
      const lastWord = last === undefined || last.isTemplate ? undefined : nameWords(last.literal).at(-1);
      const createsInCollection =
        lastWord !== undefined && /^[a-z]+$/.test(lastWord) && pluralize.isPlural(lastWord);
      if (!createsInCollection && !codes.includes("201")) continue;
      const hasKey = operation.parameters.some(
        (p) => p.string("in") === "header" && /^(x-)?idempotency-?key$/i.test(p.string("name") ?? ""),
      );
      if (hasKey) continue;
      report({
        message: `POST ${operation.path} creates a resource but accepts no Idempotency-Key header`,
        location: context.locate(operation.node),
        fix: "add an optional `Idempotency-Key` header parameter and replay the first response on retries",
      });
    }
  },
};
