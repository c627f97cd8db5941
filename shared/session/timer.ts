import type { PhaseTimer } from './state';

/**
 * The phase countdown as data (DESIGN.md invariant 2: time is data). Every function takes the
 * time of the event being applied; none reads a clock. Pausing freezes the time left and resuming
 * restores exactly that much, so a phase paused at 40 s of 120 s closes 80 s after the resume.
 */

export const UNTIMED: PhaseTimer = { deadline: null, remainingMs: null, durationMs: null };

/** A phase of `seconds` starting at `at`; 0 seconds means the phase waits for the facilitator. */
export function startTimer(seconds: number, at: number, paused: boolean): PhaseTimer {
  if (seconds <= 0) return UNTIMED;
  const durationMs = seconds * 1000;
  return paused
    ? { deadline: null, remainingMs: durationMs, durationMs }
    : { deadline: at + durationMs, remainingMs: null, durationMs };
}

export function pauseTimer(timer: PhaseTimer, at: number): PhaseTimer {
  if (timer.deadline === null) return timer;
  return { ...timer, deadline: null, remainingMs: Math.max(0, timer.deadline - at) };
}

export function resumeTimer(timer: PhaseTimer, at: number): PhaseTimer {
  if (timer.remainingMs === null) return timer;
  return { ...timer, deadline: at + timer.remainingMs, remainingMs: null };
}

/**
 * Adds `ms` to the phase. A deadline that already passed (the expiry is on its way) counts from
 * now, so the extension always gives the table the full extra time; an untimed phase gets a
 * countdown of `ms`.
 */
export function extendTimer(timer: PhaseTimer, ms: number, at: number, paused: boolean): PhaseTimer {
  if (timer.deadline !== null) {
    return {
      ...timer,
      deadline: Math.max(timer.deadline, at) + ms,
      durationMs: (timer.durationMs ?? 0) + ms,
    };
  }
  if (timer.remainingMs !== null) {
    return { ...timer, remainingMs: timer.remainingMs + ms, durationMs: (timer.durationMs ?? 0) + ms };
  }
  return paused
    ? { deadline: null, remainingMs: ms, durationMs: ms }
    : { deadline: at + ms, remainingMs: null, durationMs: ms };
}

/** Time left at `at` (null for an untimed phase). */
export function remainingMs(timer: PhaseTimer, at: number): number | null {
  if (timer.deadline !== null) return Math.max(0, timer.deadline - at);
  return timer.remainingMs;
}
