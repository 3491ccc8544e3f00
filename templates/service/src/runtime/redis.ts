import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * A Redis client for the shared rate-limit counters. Commands fail at once while Redis is
 * unreachable (no offline queue, so a request never waits for a reconnect), and the client keeps
 * reconnecting in the background. The rate limit fails open meanwhile: requests are served
 * unlimited, a warning is logged when Redis goes away and an info line when it is back, and
 * /health reports it as down.
 */
export async function openRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Reconnect every 100 ms at first, then at most every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  let reachable = true;
  redis.on("error", (error: Error) => {
    if (!reachable) return;
    reachable = false;
    logger.warn(
      { err: error, redis: redactedUrl(url) },
      "Redis is unreachable: rate limits are not enforced until it is back",
    );
  });
  redis.on("ready", () => {
    if (reachable) return;
    reachable = true;
    logger.info({ redis: redactedUrl(url) }, "Redis is reachable again: rate limits are enforced");
  });
  // Startup does not wait for Redis: the service starts (failing open) and the client reconnects.
  await redis.connect().catch(() => undefined);
  return redis;
}

/** Up when a PING answers within a second. */
export async function redisStatus(redis: Redis): Promise<"up" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"down">((resolve) => {
    timer = setTimeout(() => resolve("down"), 1000);
  });
  const ping = redis.ping().then(
    () => "up" as const,
    () => "down" as const,
  );
  const status = await Promise.race([ping, timeout]);
  clearTimeout(timer);
  return status;
}

/** Closes the client: QUIT when connected, else just drop the socket and stop reconnecting. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable REDIS_URL)";
  }
}
