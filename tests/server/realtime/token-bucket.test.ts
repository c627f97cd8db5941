import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../server/realtime/token-bucket';

describe('per-socket token bucket', () => {
  it('allows a burst of `capacity` events, then refuses until time refills it', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2, now: () => now });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 499; // 0.998 tokens: still not one whole token
    expect(bucket.take()).toBe(false);
    now += 2; // 1.002 tokens
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never stores more than its capacity however long it idles', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 100, now: () => now });
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('ignores a clock that goes backwards', () => {
    let now = 1000;
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1, now: () => now });
    expect(bucket.take()).toBe(true);
    now = 0;
    expect(bucket.take()).toBe(false);
  });
});
