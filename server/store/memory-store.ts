import {
  type AppendResult,
  type LoadedSession,
  type SessionStore,
  type SessionSummary,
  type Snapshot,
  type StoredEvent,
  StoreUnavailableError,
} from './session-store';
import {
  checkReadEvents,
  checkSessionId,
  decodeEvent,
  decodeSnapshot,
  encodeAppend,
  encodeSnapshot,
  snapshotPastEnd,
} from './store-request';

interface MemorySession {
  /** Events kept as JSON, as a durable store would, so later mutation of the caller's objects changes nothing. */
  events: string[];
  snapshot: string | undefined;
  snapshotSeq: number;
  archived: boolean;
}

/** Keeps sessions in process memory: for unit tests and throwaway runs. Nothing survives a restart. */
export class MemoryStore implements SessionStore {
  readonly kind = 'memory';
  readonly #sessions = new Map<string, MemorySession>();
  #closed = false;

  async append(sessionId: string, expectedSeq: number, events: StoredEvent[]): Promise<AppendResult> {
    const encoded = encodeAppend(sessionId, expectedSeq, events);
    this.#checkOpen();
    // No await between the check and the write: the event loop makes this compare-and-set atomic.
    const session = this.#sessions.get(sessionId);
    const lastSeq = session?.events.length ?? 0;
    if (lastSeq !== expectedSeq) return { ok: false, code: 'conflict', lastSeq };
    if (session) session.events.push(...encoded);
    else
      this.#sessions.set(sessionId, {
        events: encoded,
        snapshot: undefined,
        snapshotSeq: 0,
        archived: false,
      });
    return { ok: true, lastSeq: expectedSeq + encoded.length };
  }

  async load(sessionId: string): Promise<LoadedSession> {
    checkSessionId(sessionId);
    this.#checkOpen();
    const session = this.#sessions.get(sessionId);
    if (!session) return { sessionId, snapshot: undefined, events: [], lastSeq: 0, warnings: [] };
    const snapshot = session.snapshot === undefined ? undefined : decodeSnapshot(session.snapshot);
    const from = snapshot?.seq ?? 0;
    const events = session.events.slice(from).map((json) => decodeEvent(JSON.parse(json)) as StoredEvent);
    return { sessionId, snapshot, events, lastSeq: session.events.length, warnings: [] };
  }

  async readEvents(sessionId: string, afterSeq?: number): Promise<StoredEvent[]> {
    const from = checkReadEvents(sessionId, afterSeq);
    this.#checkOpen();
    const events = this.#sessions.get(sessionId)?.events.slice(from) ?? [];
    return events.map((json) => decodeEvent(JSON.parse(json)) as StoredEvent);
  }

  async snapshot(sessionId: string, snapshot: Snapshot): Promise<void> {
    const encoded = encodeSnapshot(sessionId, snapshot);
    this.#checkOpen();
    const session = this.#sessions.get(sessionId);
    const lastSeq = session?.events.length ?? 0;
    if (!session || snapshot.seq > lastSeq) throw snapshotPastEnd(sessionId, snapshot.seq, lastSeq);
    if (snapshot.seq <= session.snapshotSeq) return;
    session.snapshot = encoded;
    session.snapshotSeq = snapshot.seq;
  }

  async list(): Promise<SessionSummary[]> {
    this.#checkOpen();
    return [...this.#sessions.entries()]
      .map(([sessionId, session]) => ({
        sessionId,
        lastSeq: session.events.length,
        archived: session.archived,
      }))
      .sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
  }

  async archive(sessionId: string): Promise<void> {
    checkSessionId(sessionId);
    this.#checkOpen();
    const session = this.#sessions.get(sessionId);
    if (session) session.archived = true;
  }

  async delete(sessionId: string): Promise<void> {
    checkSessionId(sessionId);
    this.#checkOpen();
    this.#sessions.delete(sessionId);
  }

  async ping(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #checkOpen(): void {
    if (this.#closed) throw new StoreUnavailableError('the memory store is closed');
  }
}
