import type { SessionEvent } from './events';
import { fromLogEntry, type LogEntry } from './log';
import { applyEvents, startSession } from './machine';
import type { SessionState } from './state';

/**
 * The log is the truth (DESIGN.md invariant 1): `replay(events)` rebuilds a session's state from
 * its events alone, through the same machine the live session runs, so the two are equal byte for
 * byte. The first event is always `session-created` (scenario, seed, join code). Pure: it runs in
 * the browser, in scripts and in tests with no server module loaded.
 */
export function replay(events: readonly (SessionEvent | LogEntry)[]): SessionState {
  const [first, ...rest] = events.map((e) => ('seq' in e ? fromLogEntry(e) : e));
  if (first?.type !== 'session-created') throw new Error('a session log starts with session-created');
  return applyEvents(startSession(first), rest);
}
