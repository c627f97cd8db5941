import { describe, expect, it } from 'vitest';
import { JoinAttemptGuard } from '../../../server/sessions/join-attempt-guard';

function guardAt(now: { t: number }) {
  return new JoinAttemptGuard({
    freeFailures: 3,
    delayStepMs: 100,
    maxDelayMs: 350,
    refuseAfter: 6,
    windowMs: 60_000,
    maxAddresses: 3,
    now: () => now.t,
  });
}

function fail(guard: JoinAttemptGuard, address: string, times: number): void {
  for (let i = 0; i < times; i++) {
    const verdict = guard.begin(address);
    if (!verdict.allowed) throw new Error('refused too early');
    guard.failed(address);
  }
}

describe('join attempt guard (wrong join codes from one address)', () => {
  it('lets the first mistakes through without delay, then slows each attempt more, up to a cap', () => {
    const now = { t: 0 };
    const guard = guardAt(now);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const verdict = guard.begin('10.0.0.1');
      expect(verdict.allowed).toBe(true);
      if (verdict.allowed) delays.push(verdict.delayMs);
      guard.failed('10.0.0.1');
    }
    expect(delays).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refuses the address once it reached the limit, until the failures age out of the window', () => {
    const now = { t: 0 };
    const guard = guardAt(now);
    fail(guard, '10.0.0.1', 6);
    const refused = guard.begin('10.0.0.1');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 60_000 });
    now.t = 30_000;
    expect(guard.begin('10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    now.t = 60_000;
    expect(guard.begin('10.0.0.1')).toEqual({ allowed: true, delayMs: 0 });
  });

  it('keeps addresses apart', () => {
    const guard = guardAt({ t: 0 });
    fail(guard, '10.0.0.1', 6);
    expect(guard.begin('10.0.0.2')).toEqual({ allowed: true, delayMs: 0 });
  });

  it('counts attempts still in flight, so parallel guesses are slowed too', () => {
    const guard = guardAt({ t: 0 });
    const verdicts = Array.from({ length: 5 }, () => guard.begin('10.0.0.1'));
    expect(verdicts.map((v) => (v.allowed ? v.delayMs : -1))).toEqual([0, 0, 0, 100, 200]);
  });

  it('does not forgive earlier failures when a right code follows', () => {
    const guard = guardAt({ t: 0 });
    fail(guard, '10.0.0.1', 5);
    guard.begin('10.0.0.1');
    guard.succeeded('10.0.0.1');
    fail(guard, '10.0.0.1', 1);
    expect(guard.begin('10.0.0.1').allowed).toBe(false);
  });

  it('forgets the stalest address when it tracks too many', () => {
    const guard = guardAt({ t: 0 });
    fail(guard, 'a', 6);
    fail(guard, 'b', 1);
    fail(guard, 'c', 1);
    fail(guard, 'd', 1);
    expect(guard.begin('a').allowed).toBe(true);
  });
});
