import type { OpenApiRule } from "../../openapi/openapi-rule.js";
import { responseHeaderNames } from "../../openapi/operation-responses.js";

const CORRELATION_HEADER = /^(x-)?(request|correlation|trace)-?id$|^traceparent$/;

export const responseWithoutRequestId: OpenApiRule = {
  meta: {
    id: "response-without-request-id",
    area: "api-design",
    defaultSeverity: "warning",
    description: "No response in the API declares a request/correlation id header (`X-Request-ID`).",
    rationale:
      "When a client reports a failure, a request id in the response is the one key that joins their report to the server's logs and traces. If the contract does not promise it, clients do not log it.",
    howToFix:
      "Declare an `X-Request-ID` response header (a shared `components/headers` entry) on every response, and accept one on requests to propagate it.",
  },
  check(context, report) {
    const paths = context.root.get("paths");
    if (paths === undefined || context.operations.length === 0) return;
    for (const operation of context.operations) {
      for (const entry of operation.node.get("responses")?.children() ?? []) {
        if (responseHeaderNames(context.deref(entry)).some((h) => CORRELATION_HEADER.test(h))) return;
      }
    }
    report({
      message: "no response declares a request id header such as X-Request-ID",
      location: context.locate(paths),
      fix: "declare `X-Request-ID` under components/headers and reference it from every response",
    });
  },
};
