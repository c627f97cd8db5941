import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventRateLimit } from '../../../server/realtime/event-rate-limit';

/** Sends `count` events at the same instant and returns which were allowed. */
const burst = (allow: (id: string) => Promise<boolean>, id: string, count: number) =>
  Promise.all(Array.from({ length: count }, () => allow(id)));

describe('per-connection event rate limit', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows a burst of `burst` events, then refuses until the window of burst/perSecond seconds passes', async () => {
    const limit = createEventRateLimit({ burst: 3, perSecond: 2 });
    expect(await burst(limit.allow, 'a', 4)).toEqual([true, true, true, false]);
    vi.advanceTimersByTime(1499);
    expect(await limit.allow('a')).toBe(false);
    vi.advanceTimersByTime(2);
    expect(await burst(limit.allow, 'a', 4)).toEqual([true, true, true, false]);
  });

  it('never allows more than one burst per window however long the connection idled', async () => {
    const limit = createEventRateLimit({ burst: 2, perSecond: 100 });
    vi.advanceTimersByTime(60_000);
    expect(await burst(limit.allow, 'a', 3)).toEqual([true, true, false]);
  });

  it('counts each connection on its own, and forgets a closed one', async () => {
    const limit = createEventRateLimit({ burst: 1, perSecond: 1 });
    expect(await burst(limit.allow, 'a', 2)).toEqual([true, false]);
    expect(await limit.allow('b')).toBe(true);
    limit.forget('a');
    expect(await limit.allow('a')).toBe(true);
  });
});
