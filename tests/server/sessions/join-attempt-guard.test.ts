import { describe, expect, it } from 'vitest';
import { JoinAttemptGuard, type JoinAttemptGuardOptions } from '../../../server/sessions/join-attempt-guard';

function guardAt(now: { t: number }, options: Partial<JoinAttemptGuardOptions> = {}) {
  return new JoinAttemptGuard({
    freeFailures: 3,
    delayStepMs: 100,
    maxDelayMs: 350,
    refuseAfter: 6,
    totalRefuseAfter: 1_000,
    windowMs: 60_000,
    perCode: 1_000,
    codeWindowMs: 60_000,
    now: () => now.t,
    ...options,
  });
}

function fail(guard: JoinAttemptGuard, address: string, times: number): void {
  for (let i = 0; i < times; i++) {
    const verdict = guard.begin(address, `WRONG${i}`);
    if (!verdict.allowed) throw new Error('refused too early');
    guard.failed(verdict.attempt);
  }
}

describe('join attempt guard (wrong join codes)', () => {
  it('lets the first mistakes through without delay, then slows each attempt more, up to a cap', () => {
    const now = { t: 0 };
    const guard = guardAt(now);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const verdict = guard.begin('10.0.0.1', `C${i}`);
      expect(verdict.allowed).toBe(true);
      if (verdict.allowed) {
        delays.push(verdict.delayMs);
        guard.failed(verdict.attempt);
      }
    }
    expect(delays).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refuses the address once it reached the limit, until the failures age out of the window', () => {
    const now = { t: 0 };
    const guard = guardAt(now);
    fail(guard, '10.0.0.1', 6);
    const refused = guard.begin('10.0.0.1', 'ANY');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 60_000 });
    now.t = 60_000;
    expect(guard.begin('10.0.0.1', 'ANY').allowed).toBe(true);
  });

  it('counts an attempt when it starts: parallel attempts cannot outrun the limit', () => {
    const guard = guardAt({ t: 0 });
    const verdicts = Array.from({ length: 2_000 }, (_, i) => guard.begin('10.0.0.1', `P${i}`));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(6);
  });

  it('bounds guessing from many addresses by the total budget, and never forgets an address to make room', () => {
    const guard = guardAt({ t: 0 }, { refuseAfter: 3, totalRefuseAfter: 50 });
    let allowed = 0;
    for (let a = 0; a < 10_050; a++) {
      const verdict = guard.begin(`10.1.${a >> 8}.${a & 255}`, `G${a}`);
      if (verdict.allowed) {
        allowed++;
        guard.failed(verdict.attempt);
      }
    }
    expect(allowed).toBe(50);
    // The first address still holds its strike after 10,050 others.
    const first = guard.begin('10.1.0.0', 'AGAIN');
    expect(first.allowed).toBe(false);
  });

  it('lets an address keep using a code that was right from it, even while throttled for wrong ones', () => {
    const guard = guardAt({ t: 0 });
    const right = guard.begin('10.0.0.9', 'RIGHT1');
    if (!right.allowed) throw new Error('refused');
    guard.succeeded(right.attempt);
    fail(guard, '10.0.0.9', 6);
    expect(guard.begin('10.0.0.9', 'OTHER1').allowed).toBe(false);
    for (let i = 0; i < 30; i++) expect(guard.begin('10.0.0.9', 'RIGHT1').allowed).toBe(true);
    guard.forgetCode('RIGHT1');
    expect(guard.begin('10.0.0.9', 'RIGHT1').allowed).toBe(false);
  });

  it('a right code takes its strike back', () => {
    const guard = guardAt({ t: 0 });
    for (let i = 0; i < 20; i++) {
      const verdict = guard.begin('10.0.0.2', `R${i}`);
      if (!verdict.allowed) throw new Error('refused');
      guard.succeeded(verdict.attempt);
    }
    expect(guard.trackedAddresses()).toBe(0);
  });

  it('limits lookups of one code per window, right or wrong', () => {
    const guard = guardAt({ t: 0 }, { perCode: 5 });
    for (let i = 0; i < 5; i++) {
      const verdict = guard.begin(`10.2.0.${i}`, 'SAME22');
      if (!verdict.allowed) throw new Error('refused');
      guard.succeeded(verdict.attempt);
    }
    expect(guard.begin('10.2.0.99', 'SAME22').allowed).toBe(false);
  });
});
