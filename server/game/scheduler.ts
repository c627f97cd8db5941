import { SYSTEM } from '../../shared/session/actor';
import type { Clock, TimerSource } from './clock';
import type { SessionPart, SessionRuntime } from './session-runtime';

/**
 * Turns the phase deadline kept in the session's state into a logged `timer-expired` command
 * (DESIGN.md invariant 2). It lives outside the machine and holds nothing that must survive a
 * restart: after a load it reads the deadline from the state and arms again. An expiry that no
 * longer matches the timer (paused, extended, phase already advanced) is refused by the session
 * as `stale-timer`, which is the expected outcome of a race and needs nothing more.
 */

export interface PhaseSchedulerOptions {
  clock: Clock;
  timers: TimerSource;
  /** Wait before retrying an expiry the store could not record (default 1 s). */
  retryMs?: number;
  onWarning?: (message: string, error: unknown) => void;
}

/** setTimeout's ceiling (about 24.8 days); a later deadline is re-armed on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class PhaseScheduler implements SessionPart {
  readonly #runtime: SessionRuntime;
  readonly #clock: Clock;
  readonly #timers: TimerSource;
  readonly #retryMs: number;
  readonly #onWarning: (message: string, error: unknown) => void;
  #detach: (() => void) | undefined;
  #handle: unknown;
  #armedFor: number | null = null;

  constructor(runtime: SessionRuntime, options: PhaseSchedulerOptions) {
    this.#runtime = runtime;
    this.#clock = options.clock;
    this.#timers = options.timers;
    this.#retryMs = options.retryMs ?? 1000;
    this.#onWarning = options.onWarning ?? (() => {});
  }

  /** Watches the session from now on, arming for its current deadline (attaches to the runtime). */
  start(): void {
    if (!this.#detach) this.#detach = this.#runtime.attach(this);
  }

  /** Stops watching and disarms (detaches from the runtime). */
  dispose(): void {
    this.#detach?.();
  }

  onCreate(): void {
    this.#sync();
  }

  onCommand(): void {
    this.#sync();
  }

  onDispose(): void {
    this.#detach = undefined;
    this.#disarm();
  }

  /** The deadline a timer is armed for, if any (for tests and metrics). */
  get armedFor(): number | null {
    return this.#armedFor;
  }

  #sync(): void {
    const { deadline } = this.#runtime.state.timer;
    if (deadline === this.#armedFor) return;
    this.#disarm();
    if (deadline !== null) this.#arm(deadline, deadline - this.#clock.now());
  }

  #arm(deadline: number, delayMs: number): void {
    this.#armedFor = deadline;
    this.#handle = this.#timers.setTimeout(
      () => this.#fire(deadline),
      Math.min(MAX_DELAY_MS, Math.max(0, delayMs)),
    );
  }

  #disarm(): void {
    if (this.#handle !== undefined) this.#timers.clearTimeout(this.#handle);
    this.#handle = undefined;
    this.#armedFor = null;
  }

  #fire(deadline: number): void {
    this.#handle = undefined;
    if (this.#armedFor !== deadline) return;
    const early = deadline - this.#clock.now();
    if (early > 0) {
      // Timers may fire early (or the ceiling cut the wait short): wait for the rest.
      this.#arm(deadline, early);
      return;
    }
    void this.#runtime.command(SYSTEM, { type: 'timer-expired', deadline }).then((result) => {
      if (result.ok || this.#armedFor !== deadline) return;
      if (result.code === 'storage-unavailable') {
        this.#onWarning(`phase expiry not recorded, retrying: ${result.message}`, undefined);
        if (this.#handle === undefined) this.#arm(deadline, this.#retryMs);
      } else {
        // Refused (stale or the session is gone): the state no longer asks for this deadline.
        this.#armedFor = null;
        this.#sync();
      }
    });
  }
}
