import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  extendTimer,
  pauseTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  UNTIMED,
} from '../../../shared/session/timer';

describe('phase timer', () => {
  test('a phase of 0 seconds is untimed: it waits for the facilitator', () => {
    expect(startTimer(0, 1000, false)).toEqual(UNTIMED);
  });

  test('pause freezes the time left and resume restores exactly that much', () => {
    const started = startTimer(120, 0, false);
    const paused = pauseTimer(started, 40_000);
    expect(paused).toEqual({ deadline: null, remainingMs: 80_000, durationMs: 120_000 });
    expect(remainingMs(paused, 999_999)).toBe(80_000);
    const resumed = resumeTimer(paused, 500_000);
    expect(resumed).toEqual({ deadline: 580_000, remainingMs: null, durationMs: 120_000 });
  });

  test('a phase entered while paused starts frozen at its full length', () => {
    expect(startTimer(60, 5_000, true)).toEqual({ deadline: null, remainingMs: 60_000, durationMs: 60_000 });
  });

  test('extending adds to a running, a frozen or an overdue timer, and gives an untimed phase a countdown', () => {
    expect(extendTimer(startTimer(60, 0, false), 30_000, 10_000, false)).toMatchObject({
      deadline: 90_000,
      durationMs: 90_000,
    });
    expect(extendTimer(pauseTimer(startTimer(60, 0, false), 10_000), 30_000, 20_000, true)).toMatchObject({
      deadline: null,
      remainingMs: 80_000,
    });
    // Overdue (the expiry is on its way): the table still gets the full 30 s from now.
    expect(extendTimer(startTimer(60, 0, false), 30_000, 70_000, false)).toMatchObject({ deadline: 100_000 });
    expect(extendTimer(UNTIMED, 30_000, 1_000, false)).toEqual({
      deadline: 31_000,
      remainingMs: null,
      durationMs: 30_000,
    });
  });

  test('any sequence of pauses and resumes leaves the total running time equal to the phase length', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 20 }), (gaps) => {
        // Alternate running and paused stretches; count only the running ones until the deadline.
        let timer = startTimer(120, 0, false);
        let now = 0;
        let ran = 0;
        for (const [i, gap] of gaps.entries()) {
          const running = i % 2 === 0;
          if (running) {
            const left = remainingMs(timer, now) ?? 0;
            if (gap >= left) return ran + left === 120_000;
            ran += gap;
            now += gap;
            timer = pauseTimer(timer, now);
          } else {
            now += gap;
            timer = resumeTimer(timer, now);
          }
        }
        return ran + (remainingMs(timer, now) ?? 0) === 120_000;
      }),
      { seed: 7 },
    );
  });
});
