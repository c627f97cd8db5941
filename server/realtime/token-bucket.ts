/**
 * A token bucket: `capacity` events in a burst, refilled at `refillPerSecond`. One per socket, so a
 * client that floods the server is answered with `rate-limited` instead of reaching the game.
 * The clock is injected so tests can drive it without sleeping.
 */
export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? (() => performance.now());
    this.tokens = options.capacity;
    this.last = this.now();
  }

  /** Takes one token; false when the bucket is empty (the event must be refused). */
  take(): boolean {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(
      this.options.capacity,
      this.tokens + elapsedSeconds * this.options.refillPerSecond,
    );
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
