/**
 * Per-socket token bucket for client events. Lives in the socket's state (no Redis round
 * trip): a flood from one socket is a local problem, and it is cut off locally.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** Refusals since the bucket last had a token; a flood keeps this growing. */
  private strikes = 0;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes a token when one is available. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.refillPerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.strikes = 0;
      return true;
    }
    this.strikes += 1;
    return false;
  }

  /** Consecutive refusals: callers disconnect a socket that keeps going past a threshold. */
  get refusals(): number {
    return this.strikes;
  }
}
