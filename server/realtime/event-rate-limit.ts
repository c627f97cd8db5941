import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface EventRateLimit {
  /** Counts one event for the connection; false when it is over its limit (the event must be refused). */
  allow(connectionId: string): Promise<boolean>;
  /** Drops a closed connection's count. */
  forget(connectionId: string): void;
}

/**
 * Per-connection event limit, so a client that floods the server is answered with `rate-limited`
 * instead of reaching the game: `burst` events per window of `burst / perSecond` seconds, which
 * allows a burst of `burst` from idle and `perSecond` sustained. The window is fixed, so across a
 * window boundary a connection can send up to twice `burst` at once; that is still bounded.
 */
export function createEventRateLimit(limits: { burst: number; perSecond: number }): EventRateLimit {
  const limiter = new RateLimiterMemory({ points: limits.burst, duration: limits.burst / limits.perSecond });
  return {
    // The memory limiter rejects only when the key is over its points.
    allow: (connectionId) =>
      limiter.consume(connectionId).then(
        () => true,
        () => false,
      ),
    forget: (connectionId) => {
      void limiter.delete(connectionId);
    },
  };
}
