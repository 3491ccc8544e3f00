import type { Database } from "./database.js";

/**
 * SQL for "stored longer ago than the replay window", the window in milliseconds as parameter
 * `$n`. The database's clock decides, so every instance agrees on what has expired.
 */
export const expiredBefore = (n: number): string =>
  `created_at <= now() - $${n}::double precision * interval '1 millisecond'`;

export interface SweeperOptions {
  readonly db: Database;
  /** How long a key replays its first response; older keys are deleted. */
  readonly windowMs: number;
  /** How often a sweep runs. */
  readonly everyMs: number;
  /** Keys deleted per transaction, so a sweep never holds many row locks or one long transaction. */
  readonly batchSize: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Deletes expired Idempotency-Key rows in batches, periodically. A replay after the window is a
 * fresh request whether or not the sweep has run yet (the lookup ignores expired rows); the sweep
 * only keeps the table from growing without bound.
 */
export class IdempotencySweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(private readonly options: SweeperOptions) {}

  get active(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.sweep()
        .catch(this.options.onError)
        .finally(() => {
          this.#running = undefined;
        });
    }, this.options.everyMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One sweep: batches of at most `batchSize` expired keys, until a batch finds fewer. */
  async sweep(): Promise<{ deleted: number; batches: number }> {
    let deleted = 0;
    let batches = 0;
    for (;;) {
      const rows = await this.options.db.transaction({ searchPath: ["archwright_runtime"] }, (sql) =>
        sql.query(
          `DELETE FROM idempotency_keys WHERE (operation, caller, key) IN (SELECT operation, caller, key FROM idempotency_keys WHERE ${expiredBefore(1)} ORDER BY created_at LIMIT $2) RETURNING 1 AS deleted`,
          [this.options.windowMs, this.options.batchSize],
        ),
      );
      batches++;
      deleted += rows.length;
      if (rows.length < this.options.batchSize) return { deleted, batches };
    }
  }
}
