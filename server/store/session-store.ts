import type { LogEntry } from '../../shared/session/log';
/**
 * Persistence of event-sourced sessions. One interface, one contract test suite
 * (tests/server/store/contract.ts) run against every implementation: memory, file, Redis.
 * The store only persists: it knows nothing of the game's rules or the shape of events.
 */

/**
 * One logged event. `seq` is gap-free from 1 within a session; the rest is the game's business
 * (the shape is shared/session/log.ts's, which the store neither reads nor checks beyond it).
 */

export type StoredEvent = LogEntry;

export interface Snapshot {
  /** The seq of the last event the snapshot includes. */
  seq: number;
  /** Any JSON value (the session state at `seq`). */
  state: unknown;
}

export interface LoadedSession {
  sessionId: string;
  snapshot: Snapshot | undefined;
  /** Events after the snapshot (all events when there is none), in seq order. */
  events: StoredEvent[];
  /** The last seq in the log (0 for an unknown or empty session). */
  lastSeq: number;
  /**
   * Problems the store recovered from while loading, e.g. a torn last line after a crash or an
   * unreadable snapshot (the log is replayed instead). Empty when all is well; log them.
   */
  warnings: StoreWarning[];
}

/** Something the store tolerated rather than failed on; worth a log line at "warn". */
export interface StoreWarning {
  code: 'torn-tail' | 'torn-tail-truncated' | 'snapshot-unreadable';
  sessionId: string;
  message: string;
}

export interface SessionSummary {
  sessionId: string;
  lastSeq: number;
  archived: boolean;
}

export type AppendResult = { ok: true; lastSeq: number } | { ok: false; code: 'conflict'; lastSeq: number };

/** Thrown (rejected) when the backend cannot be reached or written: disk full, Redis down. */
export class StoreUnavailableError extends Error {
  readonly code = 'storage-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Rejected when the caller breaks the contract: a malformed session id (allowed: letters, digits,
 * `_` and `-`, 1-128 characters), no events, seqs that do not follow `expectedSeq`, a snapshot past
 * the log's end. This is a bug in the caller, never a condition to retry.
 */
export class InvalidStoreRequestError extends Error {
  readonly code = 'invalid-store-request';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStoreRequestError';
  }
}

/**
 * Rejected when stored data is damaged somewhere other than the tolerated torn tail (a bad line
 * in the middle of a log, a gap in seqs). The store refuses to guess; an operator restores a backup.
 */
export class StoreCorruptionError extends Error {
  readonly code = 'storage-corrupt';
  constructor(message: string) {
    super(message);
    this.name = 'StoreCorruptionError';
  }
}

export interface SessionStore {
  /** Short name for logs and metrics: "memory", "file", "redis". */
  readonly kind: string;
  /**
   * Compare-and-set append: succeeds only when the session's last seq equals `expectedSeq`, and
   * the events' seqs are expectedSeq+1, expectedSeq+2, ... Resolves only once the events are
   * durable (fsync / Redis acknowledged). Of two concurrent writers with the same expectedSeq,
   * exactly one wins; the other gets `{ ok: false, code: 'conflict' }`.
   */
  append(sessionId: string, expectedSeq: number, events: StoredEvent[]): Promise<AppendResult>;
  /** Latest snapshot + the events after it. An unknown session loads as empty (lastSeq 0). */
  load(sessionId: string): Promise<LoadedSession>;
  /**
   * The log itself, whatever snapshots exist: every event with seq greater than `afterSeq`
   * (default 0: the whole log from seq 1), in order. For exports and audits, which must not depend
   * on where the latest snapshot happens to be. An unknown session reads as []. A torn tail is
   * tolerated and reported as in `load`.
   */
  readEvents(sessionId: string, afterSeq?: number): Promise<StoredEvent[]>;
  /**
   * Stores a snapshot atomically; later loads start from the newest snapshot. `snapshot.seq` must be
   * within the log (1..lastSeq); a snapshot older than the stored one is ignored.
   */
  snapshot(sessionId: string, snapshot: Snapshot): Promise<void>;
  /** Every session the store holds (sessions with at least one event), sorted by id. */
  list(): Promise<SessionSummary[]>;
  /**
   * Marks a finished session archived: it stays loadable (for export) but boot does not restore it.
   * A no-op for an unknown session.
   */
  archive(sessionId: string): Promise<void>;
  /** Removes a session and everything stored for it. A no-op for an unknown session. */
  delete(sessionId: string): Promise<void>;
  /** Whether the backend answers now (used by /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
