import { InvalidStoreRequestError, type Snapshot, type StoredEvent } from './session-store';

/**
 * The checks every store applies before touching its backend, and the one JSON encoding of events
 * they share, so memory, file and Redis accept and return exactly the same things.
 */

// Session ids become file names and Redis key parts: nothing that could climb out of a directory
// or collide with a key separator.
const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isSessionId(name: string): boolean {
  return typeof name === 'string' && SESSION_ID.test(name);
}

export function checkSessionId(sessionId: string): void {
  if (!isSessionId(sessionId)) {
    throw new InvalidStoreRequestError(
      `session id ${JSON.stringify(sessionId)} must be 1-128 letters, digits, "_" or "-"`,
    );
  }
}

function checkSeq(seq: unknown, what: string): asserts seq is number {
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new InvalidStoreRequestError(`${what} must be a non-negative integer, got ${String(seq)}`);
  }
}

/** Validates a `readEvents` request and returns its `afterSeq` (0 when omitted: the whole log). */
export function checkReadEvents(sessionId: string, afterSeq: number | undefined): number {
  checkSessionId(sessionId);
  const from = afterSeq ?? 0;
  checkSeq(from, 'afterSeq');
  return from;
}

/**
 * Validates an append and returns each event encoded as JSON, normalized to its four fields so
 * stray properties are not persisted and every store writes the same bytes.
 */
export function encodeAppend(sessionId: string, expectedSeq: number, events: StoredEvent[]): string[] {
  checkSessionId(sessionId);
  checkSeq(expectedSeq, 'expectedSeq');
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidStoreRequestError('append needs at least one event');
  }
  return events.map((event, index) => {
    const want = expectedSeq + index + 1;
    if (event.seq !== want) {
      throw new InvalidStoreRequestError(
        `event ${index} has seq ${String(event.seq)}, expected ${want} (seqs follow expectedSeq without gaps)`,
      );
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidStoreRequestError(`event ${want} needs a non-empty type`);
    }
    if (typeof event.at !== 'number' || !Number.isFinite(event.at)) {
      throw new InvalidStoreRequestError(`event ${want} needs a finite "at" time`);
    }
    return encodeJson({ seq: event.seq, type: event.type, at: event.at, data: event.data }, `event ${want}`);
  });
}

/** Validates a snapshot and returns it encoded as JSON (`seq` first, so readers can peek at it). */
export function encodeSnapshot(sessionId: string, snapshot: Snapshot): string {
  checkSessionId(sessionId);
  checkSeq(snapshot.seq, 'snapshot.seq');
  if (snapshot.seq === 0) throw new InvalidStoreRequestError('a snapshot must cover at least one event');
  return encodeJson({ seq: snapshot.seq, state: snapshot.state }, `snapshot ${snapshot.seq}`);
}

export function snapshotPastEnd(sessionId: string, seq: number, lastSeq: number): InvalidStoreRequestError {
  return new InvalidStoreRequestError(
    `snapshot at seq ${seq} is past the end of session ${sessionId}'s log (last seq ${lastSeq})`,
  );
}

function encodeJson(value: unknown, what: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InvalidStoreRequestError(`${what} is not JSON-serializable: ${(error as Error).message}`);
  }
}

/**
 * One append's events as one JSON array: the unit both durable stores write (a line in the file
 * store, a stream entry in Redis), so an append is all there or not there at all.
 */
export function encodeRecord(encodedEvents: string[]): string {
  return `[${encodedEvents.join(',')}]`;
}

/** Parses a record written by `encodeRecord`; undefined unless it is a non-empty run of consecutive events. */
export function decodeRecord(json: string): StoredEvent[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  // Checked in place rather than copied: restoring every session at boot parses hundreds of
  // thousands of events, and a copy of each doubled the garbage (bench/store.bench.ts).
  let previous: StoredEvent | undefined;
  for (const item of value as unknown[]) {
    if (!isStoredEvent(item) || (previous && item.seq !== previous.seq + 1)) return undefined;
    previous = item;
  }
  return value as StoredEvent[];
}

function isStoredEvent(value: unknown): value is StoredEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    typeof event.seq === 'number' &&
    Number.isSafeInteger(event.seq) &&
    event.seq >= 1 &&
    typeof event.type === 'string' &&
    typeof event.at === 'number'
  );
}

/** Parses one stored event; undefined when the value is not a well-formed event. */
export function decodeEvent(value: unknown): StoredEvent | undefined {
  return isStoredEvent(value) ? value : undefined;
}

/** Parses a stored snapshot; undefined when it is not well-formed. */
export function decodeSnapshot(json: string): Snapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { seq, state } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  return { seq, state };
}
