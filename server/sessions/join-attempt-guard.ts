/**
 * Makes guessing join codes cost more than it can win (docs/abuse-limits.md "Join codes"). A code is
 * only 6 characters, so the number of codes anyone can test is bounded:
 *
 * - **Attempts count when they start.** `begin` records a strike at once; a right code takes its
 *   strike back when it resolves, a wrong one keeps it for `windowMs`. So 2,000 parallel attempts
 *   from one address test at most `refuseAfter` codes: the rest are refused before any lookup.
 * - **Per address** (`refuseAfter` strikes per window, the first `freeFailures` without delay, then
 *   a growing delay) and **in total** (`totalRefuseAfter` strikes per window from all addresses
 *   together), so guessing from many addresses is bounded too.
 * - **Per code:** at most `perCode` lookups of one code per `codeWindowMs`, right or wrong, so a
 *   leaked code cannot be used to flood one session with joins.
 * - **Nothing is evicted.** A record leaves only when its strikes age out; the total budget bounds
 *   how many addresses can hold strikes at once, so no table fills up and no attacker is forgotten.
 * - **A classroom behind one address keeps joining.** Once a code has been right from an address,
 *   that address may keep using that code even while it is throttled for wrong ones: it learns
 *   nothing it did not know. One student guessing cannot lock the other 29 out of the right code.
 */
export interface JoinAttemptGuardOptions {
  freeFailures: number;
  delayStepMs: number;
  maxDelayMs: number;
  /** Strikes (wrong codes and attempts in flight) per address per window before it is refused. */
  refuseAfter: number;
  /** Strikes from all addresses together per window before new lookups are refused. */
  totalRefuseAfter: number;
  windowMs: number;
  /** Lookups of one code (right or wrong) per `codeWindowMs`. */
  perCode: number;
  codeWindowMs: number;
  now: () => number;
}

export const DEFAULT_JOIN_ATTEMPT_GUARD: JoinAttemptGuardOptions = {
  freeFailures: 5,
  delayStepMs: 500,
  maxDelayMs: 5_000,
  refuseAfter: 20,
  totalRefuseAfter: 2_000,
  windowMs: 15 * 60_000,
  perCode: 120,
  codeWindowMs: 60_000,
  now: () => Date.now(),
};

export type JoinAttemptVerdict =
  | { allowed: true; delayMs: number; attempt: JoinAttempt }
  | { allowed: false; retryAfterMs: number };

/** One attempt under way: end it with `succeeded` or `failed`. */
export interface JoinAttempt {
  readonly address: string;
  readonly code: string;
  /** The strike this attempt holds (undefined for a known address and code, which costs none). */
  readonly strike: Strike | undefined;
}

interface Strike {
  at: number;
}

export class JoinAttemptGuard {
  private readonly options: JoinAttemptGuardOptions;
  private readonly strikesByAddress = new Map<string, Strike[]>();
  private allStrikes: Strike[] = [];
  private readonly lookupsByCode = new Map<string, number[]>();
  /** Codes that were right from an address: code -> addresses. Forgotten with the session (`forgetCode`). */
  private readonly known = new Map<string, Set<string>>();

  constructor(options: Partial<JoinAttemptGuardOptions> = {}) {
    this.options = { ...DEFAULT_JOIN_ATTEMPT_GUARD, ...options };
  }

  /** Starts an attempt with `code` (normalized) from `address`: go on (after `delayMs`), or refused. */
  begin(address: string, code: string): JoinAttemptVerdict {
    const now = this.options.now();
    this.expire(now);
    const lookups = (this.lookupsByCode.get(code) ?? []).filter((at) => now - at < this.options.codeWindowMs);
    if (lookups.length >= this.options.perCode) {
      this.lookupsByCode.set(code, lookups);
      return { allowed: false, retryAfterMs: (lookups[0] ?? now) + this.options.codeWindowMs - now };
    }
    const mine = this.strikesByAddress.get(address) ?? [];
    if (this.known.get(code)?.has(address)) {
      lookups.push(now);
      this.lookupsByCode.set(code, lookups);
      return { allowed: true, delayMs: 0, attempt: { address, code, strike: undefined } };
    }
    if (mine.length >= this.options.refuseAfter) {
      return { allowed: false, retryAfterMs: (mine[0]?.at ?? now) + this.options.windowMs - now };
    }
    if (this.allStrikes.length >= this.options.totalRefuseAfter) {
      return { allowed: false, retryAfterMs: (this.allStrikes[0]?.at ?? now) + this.options.windowMs - now };
    }
    const over = mine.length - this.options.freeFailures;
    const delayMs = over < 0 ? 0 : Math.min(this.options.maxDelayMs, (over + 1) * this.options.delayStepMs);
    const strike = { at: now };
    mine.push(strike);
    this.strikesByAddress.set(address, mine);
    this.allStrikes.push(strike);
    lookups.push(now);
    this.lookupsByCode.set(code, lookups);
    return { allowed: true, delayMs, attempt: { address, code, strike } };
  }

  /** A wrong code: the strike stays until it ages out of the window. */
  failed(_attempt: JoinAttempt): void {}

  /** A right code: its strike is taken back, and the address may use this code from now on. */
  succeeded(attempt: JoinAttempt): void {
    const { strike, address, code } = attempt;
    if (strike) {
      const mine = this.strikesByAddress.get(address);
      if (mine) {
        const index = mine.indexOf(strike);
        if (index >= 0) mine.splice(index, 1);
        if (mine.length === 0) this.strikesByAddress.delete(address);
      }
      const index = this.allStrikes.indexOf(strike);
      if (index >= 0) this.allStrikes.splice(index, 1);
    }
    let addresses = this.known.get(code);
    if (!addresses) {
      addresses = new Set();
      this.known.set(code, addresses);
    }
    addresses.add(address);
  }

  /** The code's session ended (or was unloaded): a new session given the same code starts unknown. */
  forgetCode(code: string): void {
    this.known.delete(code);
    this.lookupsByCode.delete(code);
  }

  /** Addresses holding strikes now (for tests and metrics). */
  trackedAddresses(): number {
    return this.strikesByAddress.size;
  }

  private expire(now: number): void {
    const { windowMs } = this.options;
    let aged = 0;
    while (aged < this.allStrikes.length && now - (this.allStrikes[aged]?.at ?? now) >= windowMs) aged++;
    if (aged === 0) return;
    const gone = new Set(this.allStrikes.slice(0, aged));
    this.allStrikes = this.allStrikes.slice(aged);
    for (const [address, strikes] of this.strikesByAddress) {
      const left = strikes.filter((s) => !gone.has(s));
      if (left.length === 0) this.strikesByAddress.delete(address);
      else if (left.length !== strikes.length) this.strikesByAddress.set(address, left);
    }
  }
}
