import type { SessionRuntime } from '../game/session-runtime';
import type { JoinAttemptGuard } from './join-attempt-guard';
import { isWellFormedJoinCode, normalizeJoinCode } from './join-code';

/**
 * The one way a join code is looked up, for the REST preview and the socket join alike: the
 * wrong-code guard is asked first (and may make the attempt wait), the code is read loosely
 * (case, spaces, dashes) and must be well formed, and the guard learns whether it was right.
 */
export type JoinLookup =
  | { ok: true; runtime: SessionRuntime }
  | { ok: false; code: 'too-many-attempts'; retryAfterMs: number }
  | { ok: false; code: 'unknown-join-code' };

export interface JoinDeskOptions {
  guard: JoinAttemptGuard;
  /** The live (not ended) session with this well-formed code. */
  byJoinCode(joinCode: string): SessionRuntime | undefined;
  /** Told of each wrong code (metrics). */
  onWrongCode?: () => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createJoinDesk(
  options: JoinDeskOptions,
): (address: string, code: string) => Promise<JoinLookup> {
  return async (address, input) => {
    const verdict = options.guard.begin(address);
    if (!verdict.allowed) return { ok: false, code: 'too-many-attempts', retryAfterMs: verdict.retryAfterMs };
    if (verdict.delayMs > 0) await sleep(verdict.delayMs);
    const code = normalizeJoinCode(input);
    const runtime = isWellFormedJoinCode(code) ? options.byJoinCode(code) : undefined;
    if (!runtime) {
      options.guard.failed(address);
      options.onWrongCode?.();
      return { ok: false, code: 'unknown-join-code' };
    }
    options.guard.succeeded(address);
    return { ok: true, runtime };
  };
}

export type JoinDesk = ReturnType<typeof createJoinDesk>;
