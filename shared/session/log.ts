import type { SessionEvent } from './events';

/**
 * A session's log as it is stored (server/store keeps these rows and knows nothing of their
 * meaning): `seq` is gap-free from 1; `type` and `at` are columns; `data` is the rest of the event.
 */
export interface LogEntry {
  seq: number;
  /** Event type, e.g. "session-created", "proposal-submitted". */
  type: string;
  /** Wall-clock time in ms since the epoch, stamped by the session runtime (never read by the rules). */
  at: number;
  /** Any JSON value: the event without its type and time. */
  data: unknown;
}

export function toLogEntry(event: SessionEvent, seq: number): LogEntry {
  const { type, at, ...data } = event;
  return { seq, type, at, data };
}

export function fromLogEntry(entry: LogEntry): SessionEvent {
  return { ...(entry.data as object), type: entry.type, at: entry.at } as SessionEvent;
}
