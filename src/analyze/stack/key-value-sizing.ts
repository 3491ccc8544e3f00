/**
 * How big the idempotency and rate-limit store must be. It runs with noeviction, so running out of
 * memory fails writes instead of dropping keys: its size has to be stated, not left to a default.
 */

/** An Idempotency-Key is kept a day, long enough for any client retry. */
export const IDEMPOTENCY_TTL_SECONDS = 86_400;

/**
 * One stored key: the key itself (about 60 bytes), the status and a digest of the stored response
 * (about 160), and Redis' per-key overhead with its TTL (about 100).
 */
export const IDEMPOTENCY_ENTRY_BYTES = 320;

/** One fixed-window counter: key, integer value and TTL, with Redis' overhead. */
export const RATE_LIMIT_ENTRY_BYTES = 120;

export interface KeyValueSizing {
  /** Upper bound: peak writes sustained for a whole TTL. */
  readonly idempotencyKeys: number;
  /** One per daily active user and window at once. */
  readonly rateLimitCounters: number;
  readonly bytes: number;
}

export function sizeKeyValueStore(writeRps: number, dailyActiveUsers: number): KeyValueSizing {
  const idempotencyKeys = Math.ceil(writeRps * IDEMPOTENCY_TTL_SECONDS);
  const rateLimitCounters = Math.ceil(dailyActiveUsers);
  return {
    idempotencyKeys,
    rateLimitCounters,
    bytes: idempotencyKeys * IDEMPOTENCY_ENTRY_BYTES + rateLimitCounters * RATE_LIMIT_ENTRY_BYTES,
  };
}
