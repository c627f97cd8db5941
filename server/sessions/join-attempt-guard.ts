/**
 * Slows and then refuses an address that keeps trying wrong join codes: a code is only 6 characters,
 * so guessing must cost time. The first few mistakes are free (people mistype), then every attempt
 * from that address waits a growing delay, and past `refuseAfter` failures the address is refused
 * outright until its failures age out of the window. Attempts in flight count as failures until they
 * resolve, so opening many parallel attempts does not dodge the delay.
 */
export interface JoinAttemptGuardOptions {
  freeFailures: number;
  delayStepMs: number;
  maxDelayMs: number;
  refuseAfter: number;
  windowMs: number;
  /** Addresses tracked at most; the oldest entries are forgotten first. */
  maxAddresses: number;
  now: () => number;
}

export const DEFAULT_JOIN_ATTEMPT_GUARD: JoinAttemptGuardOptions = {
  freeFailures: 5,
  delayStepMs: 500,
  maxDelayMs: 5_000,
  refuseAfter: 20,
  windowMs: 15 * 60_000,
  maxAddresses: 10_000,
  now: () => Date.now(),
};

export type JoinAttemptVerdict =
  | { allowed: true; delayMs: number }
  | { allowed: false; retryAfterMs: number };

interface AddressRecord {
  failures: number[];
  pending: number;
}

export class JoinAttemptGuard {
  private readonly options: JoinAttemptGuardOptions;
  private readonly records = new Map<string, AddressRecord>();

  constructor(options: Partial<JoinAttemptGuardOptions> = {}) {
    this.options = { ...DEFAULT_JOIN_ATTEMPT_GUARD, ...options };
  }

  /**
   * Starts an attempt: the verdict says whether to go on and how long to wait first. When allowed,
   * the caller must end the attempt with `succeeded` or `failed`.
   */
  begin(address: string): JoinAttemptVerdict {
    const record = this.recordFor(address);
    const now = this.options.now();
    record.failures = record.failures.filter((at) => now - at < this.options.windowMs);
    const strikes = record.failures.length + record.pending;
    if (record.failures.length >= this.options.refuseAfter) {
      const oldest = record.failures[0] ?? now;
      return { allowed: false, retryAfterMs: Math.max(0, oldest + this.options.windowMs - now) };
    }
    record.pending += 1;
    const over = strikes - this.options.freeFailures;
    const delayMs = over < 0 ? 0 : Math.min(this.options.maxDelayMs, (over + 1) * this.options.delayStepMs);
    return { allowed: true, delayMs };
  }

  failed(address: string): void {
    const record = this.recordFor(address);
    record.pending = Math.max(0, record.pending - 1);
    record.failures.push(this.options.now());
  }

  /** A right code does not wipe earlier failures: knowing one code says nothing about guessing others. */
  succeeded(address: string): void {
    const record = this.recordFor(address);
    record.pending = Math.max(0, record.pending - 1);
  }

  private recordFor(address: string): AddressRecord {
    let record = this.records.get(address);
    if (record) {
      // Re-insert so Map order tracks recency and eviction drops the stalest address.
      this.records.delete(address);
      this.records.set(address, record);
      return record;
    }
    record = { failures: [], pending: 0 };
    this.records.set(address, record);
    while (this.records.size > this.options.maxAddresses) {
      const oldest = this.records.keys().next().value;
      if (oldest === undefined) break;
      this.records.delete(oldest);
    }
    return record;
  }
}
