import type { SessionState } from './state';

/**
 * What a stored snapshot holds: the SessionState at a seq, with a format version, never XState's
 * internal snapshot format. A snapshot only speeds up loading; the log is the truth.
 */
export const SNAPSHOT_FORMAT = 'crisis-table-session-state';
export const SNAPSHOT_FORMAT_VERSION = 1;

export interface SessionStateSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  state: SessionState;
}

export function toSnapshot(state: SessionState): SessionStateSnapshot {
  return { format: SNAPSHOT_FORMAT, formatVersion: SNAPSHOT_FORMAT_VERSION, state };
}

/**
 * The state in a stored snapshot, or undefined when it cannot be used (then the caller rebuilds
 * the session from its whole log, which is the truth). The format written before version 1,
 * XState's persisted snapshot of the old server-side machine (its `context` was the SessionState),
 * is recognised and deliberately not used: it was computed by older rules, so the log is replayed
 * through today's instead (`isLegacySnapshot` lets the loader say so).
 */
export function fromSnapshot(stored: unknown): SessionState | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const value = stored as Partial<SessionStateSnapshot>;
  if (value.format === SNAPSHOT_FORMAT && value.formatVersion === SNAPSHOT_FORMAT_VERSION) {
    return isSessionState(value.state) ? value.state : undefined;
  }
  return undefined;
}

/** Whether a stored snapshot is in the format written before version 1 (XState's persisted snapshot). */
export function isLegacySnapshot(stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const value = stored as { format?: unknown; status?: unknown; context?: unknown };
  return (
    value.format === undefined &&
    (value.status === 'active' || value.status === 'done') &&
    isSessionState(value.context)
  );
}

function isSessionState(value: unknown): value is SessionState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<SessionState>;
  return (
    typeof state.sessionId === 'string' && typeof state.phase === 'string' && Array.isArray(state.players)
  );
}
