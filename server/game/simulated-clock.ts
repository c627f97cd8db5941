import type { Clock, TimerSource } from './clock';

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A clock that is also the scheduler's timer source: time moves only when its owner says so, and
 * timers due on the way fire in order, each at its own instant. Dry runs play a 90-minute exercise
 * in well under a second with it, and tests never sleep.
 */
export class SimulatedClock implements Clock, TimerSource {
  #now: number;
  #nextId = 1;
  #timers: PendingTimer[] = [];

  constructor(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  }

  /** Moves time to `until`, firing every timer due on the way, in order, each at its own instant. */
  advanceTo(until: number): void {
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
    }
    this.#now = Math.max(this.#now, until);
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  /** When the earliest pending timer fires, if any. */
  get nextTimerAt(): number | undefined {
    const times = this.#timers.map((t) => t.at);
    return times.length > 0 ? Math.min(...times) : undefined;
  }
}
