/** How one family of token buckets refills. */
export interface BucketRule {
  /** Requests allowed in a burst, and per `perMs` on average. */
  capacity: number;
  /** The window in which `capacity` tokens refill (a minute for "N per minute"). */
  perMs: number;
}

/** The answer for one request. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets keyed by caller (an IP address, a device credential), in memory. Each key starts
 * full, refills continuously at `capacity / perMs`, and each request takes one token. At most
 * `maxKeys` keys are remembered: the least recently seen is forgotten first (it starts full again,
 * which only ever errs towards letting a caller through), so a flood of new addresses cannot
 * grow the map without bound. Per server process: several instances each count their own.
 */
export class TokenBuckets {
  readonly #rule: BucketRule;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(rule: BucketRule, maxKeys = 50_000) {
    if (!(rule.capacity >= 1) || !(rule.perMs > 0)) throw new RangeError('A bucket needs capacity >= 1 and perMs > 0');
    this.#rule = rule;
    this.#maxKeys = maxKeys;
  }

  /** Takes a token for `key` at `now` (ms), or says how long until one is free. Never throws. */
  take(key: string, now: number = Date.now()): TakeResult {
    const { capacity, perMs } = this.#rule;
    const previous = this.#buckets.get(key);
    const bucket = previous ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) * capacity) / perMs);
    bucket.at = now;
    // Re-inserting moves the key to the end: Map order is then least recently seen first.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = ((1 - bucket.tokens) * perMs) / capacity;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }
}
