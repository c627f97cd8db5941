/**
 * Where wall-clock time enters the game (DESIGN.md invariant 2): the session runtime stamps each
 * event with `clock.now()`, and the scheduler waits with a `TimerSource`. Tests pass a simulated
 * clock that implements both, so no test sleeps.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface TimerSource {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: TimerSource = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending phase timer must not keep the process alive at shutdown.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
