// Slack's per-method rate limits for the stand-in's workspace: a token bucket per limited method.

export interface RateLimit {
  /** Calls per minute the bucket refills at, evenly (perMinute / 60 per second). */
  perMinute: number;
  /** Calls that may arrive at once; the bucket starts full. */
  burst: number;
}

interface Bucket {
  limit: RateLimit;
  tokens: number;
  /** Date.now() when `tokens` was last brought up to date. */
  updatedAt: number;
}

/**
 * Slack limits each method per workspace and answers HTTP 429 with a `Retry-After` in whole seconds
 * when a caller goes over. A refused call uses up nothing: only answered calls take a token.
 */
export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();

  set(method: string, limit: RateLimit, now: number): void {
    if (!(limit.perMinute > 0) || !(limit.burst >= 1)) {
      throw new Error(`a rate limit needs perMinute > 0 and burst ≥ 1, got ${JSON.stringify(limit)}`);
    }
    this.buckets.set(method, { limit: { ...limit }, tokens: limit.burst, updatedAt: now });
  }

  remove(method: string): void {
    this.buckets.delete(method);
  }

  clear(): void {
    this.buckets.clear();
  }

  /**
   * Takes a token for a call of `method` arriving at `now`. Returns undefined when the call may go on,
   * otherwise the Retry-After to answer: the whole seconds until a token is back, at least 1.
   */
  take(method: string, now: number): number | undefined {
    const bucket = this.buckets.get(method);
    if (bucket === undefined) return undefined;
    const perMs = bucket.limit.perMinute / 60_000;
    bucket.tokens = Math.min(bucket.limit.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    // The epsilon keeps a call that arrives exactly on time from being refused for rounding.
    if (bucket.tokens >= 1 - 1e-9) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
