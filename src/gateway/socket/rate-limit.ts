/**
 * Per-socket token bucket for client events. Lives in the socket's state (no Redis round
 * trip): a flood from one socket is a local problem, and it is cut off locally. The bucket
 * is three fields of that state rather than an object of its own, so that each of thousands
 * of idle sockets does not pay for one more object.
 */
export interface TokenBucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  tokensAt: number;
  /** Refusals since the bucket last had a token; a flood keeps this growing. */
  refusals: number;
}

export interface BucketRate {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** Takes a token when one is available; otherwise counts a refusal. */
export function takeToken(bucket: TokenBucket, rate: BucketRate, now: number): boolean {
  bucket.tokens = Math.min(rate.capacity, bucket.tokens + ((now - bucket.tokensAt) / 1000) * rate.refillPerSecond);
  bucket.tokensAt = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    bucket.refusals = 0;
    return true;
  }
  bucket.refusals += 1;
  return false;
}
