import type { Model } from "../../model/index.js";

/** No single client should be able to take more than this share of the designed peak. */
const CLIENT_SHARE_OF_PEAK = 0.01;
/** The lowest per-client limit: below it, ordinary use (a page and its lists) would be refused. */
const MIN_CLIENT_REQUESTS_PER_SECOND = 10;

/**
 * The per-client rate limit every artifact states alike: the security section, the OpenAPI 429
 * examples and handoff.json all read it from here.
 */
export function clientRateLimit(model: Model): number {
  return Math.max(
    MIN_CLIENT_REQUESTS_PER_SECOND,
    Math.round(model.scale.peakRequestsPerSecond * CLIENT_SHARE_OF_PEAK),
  );
}
