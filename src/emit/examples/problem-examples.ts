/** RFC 9457 problem bodies shown as examples: the same shapes the implementation must return. */

export const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

const DETAILS: Record<
  number,
  { slug: string; detail: string; errors?: { pointer: string; detail: string }[] }
> = {
  400: { slug: "bad-request", detail: "Query parameter `limit` must be an integer between 1 and 100." },
  401: { slug: "unauthorized", detail: "The access token is missing or expired." },
  403: { slug: "forbidden", detail: "Your role does not allow this operation on this resource." },
  404: { slug: "not-found", detail: "No resource exists with this id." },
  409: {
    slug: "conflict",
    detail:
      "The request conflicts with the resource's current state: it was changed since you read it, or a unique value is taken. Reload and retry.",
  },
  422: {
    slug: "validation-failed",
    detail: "One property is invalid.",
    errors: [{ pointer: "/body", detail: "must not be empty" }],
  },
  429: {
    slug: "rate-limited",
    detail: "Rate limit exceeded; retry after 1 second.",
  },
  500: {
    slug: "internal-error",
    detail: "An unexpected error occurred; it has been logged with this request id.",
  },
};

/** The 429 example's text for a per-client limit; the design's cross-check looks for exactly this. */
export function rateLimitDetail(requestsPerSecond: number): string {
  return `Rate limit of ${requestsPerSecond} requests per second per client exceeded; retry after 1 second.`;
}

/** The RateLimit-Policy header value (IETF RateLimit header fields) for a per-client limit. */
export function rateLimitPolicy(requestsPerSecond: number): string {
  return `"per-client";q=${requestsPerSecond};w=1`;
}

/** `rateLimit`: the design's per-client limit in requests per second, quoted by the 429 example. */
export function problemExamples(rateLimit?: number): Record<number, Record<string, unknown>> {
  const out: Record<number, Record<string, unknown>> = {};
  for (const [statusText, info] of Object.entries(DETAILS)) {
    const status = Number(statusText);
    out[status] = {
      type: `/problems/${info.slug}`,
      title: STATUS_TITLES[status],
      status,
      detail: status === 429 && rateLimit !== undefined ? rateLimitDetail(rateLimit) : info.detail,
      instance: "/v1/requests/req-7f3a9c2e",
      requestId: "req-7f3a9c2e",
      ...(info.errors ? { errors: info.errors } : {}),
    };
  }
  return out;
}
