import { describeRedisTarget, pingAll, redisConnection } from './redis-connection';
import {
  acquireLeaseScript,
  appendScript,
  archiveScript,
  deleteScript,
  releaseLeaseScript,
  renewLeaseScript,
  type SessionKeys,
  snapshotScript,
} from './redis-scripts';
import {
  type AppendResult,
  InvalidStoreRequestError,
  type LoadedSession,
  type SessionStore,
  type SessionSummary,
  type Snapshot,
  StoreCorruptionError,
  type StoredEvent,
  StoreUnavailableError,
  type StoreWarning,
} from './session-store';
import {
  checkReadEvents,
  checkSessionId,
  decodeRecord,
  decodeSnapshot,
  encodeAppend,
  encodeRecord,
  encodeSnapshot,
  snapshotPastEnd,
} from './store-request';

/**
 * Sessions in Redis (when REDIS_URL is set): a stream per session for events, a key for the snapshot,
 * a hash for the last seq / snapshot seq / archived flag, and a set indexing every session, all under
 * a configurable prefix. Appends are a compare-and-set in Lua (redis-scripts.ts). One Redis or a
 * Redis Cluster (redis-connection.ts): a session's keys share its hash tag, so every script and
 * MULTI stays in one slot.
 *
 * Durability is Redis's: an append is acknowledged when Redis replies, and what survives a Redis crash
 * follows its AOF setting (appendfsync always: nothing acknowledged is lost; see docs/operations.md).
 *
 * Failing fast is deliberate: with the offline queue disabled and a short command timeout, a command
 * issued while Redis is unreachable fails within about a second as `storage-unavailable` instead of
 * waiting in a queue; the client keeps reconnecting in the background and service resumes by itself.
 */
export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, e.g. "ct:" (several deployments can share one Redis). */
  prefix: string;
  /** A command without a reply after this long fails as storage-unavailable. Default 1500 ms. */
  commandTimeoutMs?: number;
  /** How long `open` waits for the first connection. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Connection errors as they happen (the client reconnects by itself); for logging. */
  onConnectionError?: (error: Error) => void;
  /** Called for every tolerated problem (an unreadable snapshot: the stream is replayed instead). */
  onWarning?: (warning: StoreWarning) => void;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 1500;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** Reconnect quickly after an outage, but do not hammer a server that is down: 50, 100, 200, 400, 500 ms... */
const reconnectDelay = (retries: number) => Math.min(50 * 2 ** retries, 500);

function connectClient(options: RedisStoreOptions) {
  return redisConnection(options.url, {
    disableOfflineQueue: true,
    connectTimeoutMs: 1000,
    reconnectStrategy: reconnectDelay,
    scripts: {
      ctAppend: appendScript,
      ctSnapshot: snapshotScript,
      ctArchive: archiveScript,
      ctDelete: deleteScript,
      ctAcquireLease: acquireLeaseScript,
      ctRenewLease: renewLeaseScript,
      ctReleaseLease: releaseLeaseScript,
    },
  });
}

type Client = ReturnType<typeof connectClient>;

export class RedisStore implements SessionStore {
  readonly kind = 'redis';
  readonly #client: Client;
  readonly #prefix: string;
  readonly #where: string;
  readonly #onWarning: (warning: StoreWarning) => void;
  readonly #timeoutMs: number;
  #closed = false;

  /** Connects and waits until Redis answers; rejects with storage-unavailable if it does not in time. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    const client = connectClient(options);
    client.on('error', (error: Error) => options.onConnectionError?.(error));
    const where = describeRedisTarget(options.url);
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const connected = client.connect().then(() => true);
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = await Promise.race([connected, timedOut]).catch(() => false);
    clearTimeout(timer);
    if (!ok) {
      // connect() keeps retrying until the client is destroyed, then rejects; that rejection is expected.
      connected.catch(() => undefined);
      client.destroy();
      throw new StoreUnavailableError(`Redis at ${where} did not answer within ${timeoutMs} ms`);
    }
    return new RedisStore(client, options, where);
  }

  private constructor(client: Client, options: RedisStoreOptions, where: string) {
    this.#client = client;
    this.#prefix = options.prefix;
    this.#where = where;
    this.#onWarning = options.onWarning ?? (() => {});
    this.#timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  }

  /**
   * The contract's append; with `epoch` (many machines: server/cluster/session-ownership.ts) the
   * session's lease must still be held at that fencing epoch, checked in the same script as the
   * compare-and-set. A fenced append wrote nothing and rejects with LeaseLostError.
   */
  async append(
    sessionId: string,
    expectedSeq: number,
    events: StoredEvent[],
    epoch?: number,
  ): Promise<AppendResult> {
    const encoded = encodeAppend(sessionId, expectedSeq, events);
    const keys = this.#keys(sessionId);
    // The index is in a slot of its own (Redis Cluster), so it is not part of the script; added before
    // the first append, an entry whose append failed lists as nothing (list() skips lastSeq 0).
    if (expectedSeq === 0)
      await this.#call(`index session ${sessionId}`, (client) => client.sAdd(keys.index, sessionId));
    const reply = await this.#call(`append to session ${sessionId}`, (client) =>
      client.ctAppend(keys, expectedSeq, encoded.length, encodeRecord(encoded), epoch),
    );
    const [status, lastSeq] = statusReply(reply);
    if (status === -2) throw new LeaseLostError(sessionId, epoch ?? 0);
    return status === 1 ? { ok: true, lastSeq } : { ok: false, code: 'conflict', lastSeq };
  }

  /**
   * Takes a free session's lease for `owner` (or extends our own): its fencing epoch, or undefined
   * with the holder ("<epoch> <owner>") when another process holds it.
   */
  async acquireLease(
    sessionId: string,
    owner: string,
    ttlMs: number,
  ): Promise<{ epoch: number } | { epoch: undefined; holder: string }> {
    checkSessionId(sessionId);
    const reply = await this.#call(`lease session ${sessionId}`, (client) =>
      client.ctAcquireLease(this.#keys(sessionId), owner, ttlMs),
    );
    const [epoch, holder] = reply as [number, string];
    return epoch > 0 ? { epoch } : { epoch: undefined, holder: String(holder) };
  }

  /** Extends the lease if it is still `<epoch> <owner>`; false when it was lost. */
  async renewLease(sessionId: string, epoch: number, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#call(`renew the lease of session ${sessionId}`, (client) =>
      client.ctRenewLease(this.#keys(sessionId), `${epoch} ${owner}`, ttlMs),
    );
    return reply === 1;
  }

  async releaseLease(sessionId: string, epoch: number, owner: string): Promise<void> {
    await this.#call(`release the lease of session ${sessionId}`, (client) =>
      client.ctReleaseLease(this.#keys(sessionId), `${epoch} ${owner}`),
    );
  }

  /** The lease holder "<epoch> <owner>", or undefined when nobody holds it. */
  async leaseHolder(sessionId: string): Promise<string | undefined> {
    checkSessionId(sessionId);
    const value = await this.#call(`read the lease of session ${sessionId}`, (client) =>
      client.get(this.#keys(sessionId).lease),
    );
    return value ?? undefined;
  }

  /** Join codes across processes: which session a live code names (its own slot; not in any script). */
  async setJoinCode(joinCode: string, sessionId: string | undefined): Promise<void> {
    const key = `${this.#prefix}joincode:${joinCode}`;
    await this.#call('publish a join code', async (client) => {
      if (sessionId === undefined) await client.del(key);
      else await client.set(key, sessionId);
    });
  }

  async sessionOfJoinCode(joinCode: string): Promise<string | undefined> {
    const value = await this.#call('look up a join code', (client) =>
      client.get(`${this.#prefix}joincode:${joinCode}`),
    );
    return value ?? undefined;
  }

  async load(sessionId: string): Promise<LoadedSession> {
    checkSessionId(sessionId);
    const keys = this.#keys(sessionId);
    const what = `load session ${sessionId}`;
    // The snapshot's seq first (tiny), then one MULTI so meta, snapshot and stream tail agree. A newer
    // snapshot written in between is fine (its events are filtered out); an older one means the session
    // was deleted and recreated in between: read again from there.
    let fromSeq = Number((await this.#call(what, (client) => client.hGet(keys.meta, 'snapshotSeq'))) ?? 0);
    let view = await this.#call(what, (client) => readView(client, keys, fromSeq));
    while (view.snapshotSeq < fromSeq) {
      fromSeq = view.snapshotSeq;
      view = await this.#call(what, (client) => readView(client, keys, fromSeq));
    }
    const warnings: StoreWarning[] = [];
    let snapshot = view.snapshotJson === null ? undefined : decodeSnapshot(view.snapshotJson);
    if (view.snapshotJson !== null && snapshot?.seq !== view.snapshotSeq) {
      snapshot = undefined;
      const warning: StoreWarning = {
        code: 'snapshot-unreadable',
        sessionId,
        message: 'the stored snapshot is unreadable; replaying the stream',
      };
      warnings.push(warning);
      this.#onWarning(warning);
      view = await this.#call(what, (client) => readView(client, keys, 0));
    }
    const afterSeq = snapshot?.seq ?? 0;
    const events = this.#decodeEntries(view.entries).filter((event) => event.seq > afterSeq);
    const lastSeq = events.at(-1)?.seq ?? afterSeq;
    if (lastSeq !== view.lastSeq) {
      throw new StoreCorruptionError(
        `session ${sessionId}: the stream ends at ${lastSeq}, meta says ${view.lastSeq}`,
      );
    }
    checkContinuity(sessionId, afterSeq, events);
    return { sessionId, snapshot, events, lastSeq, warnings };
  }

  async readEvents(sessionId: string, afterSeq?: number): Promise<StoredEvent[]> {
    const from = checkReadEvents(sessionId, afterSeq);
    const keys = this.#keys(sessionId);
    // One MULTI so the stream and meta agree; the stream is never trimmed, snapshots or not.
    const [lastSeqReply, entries] = await this.#call(
      `read the log of session ${sessionId}`,
      async (client) =>
        (await client
          .multi()
          .hGet(keys.meta, 'lastSeq')
          .xRange(keys.events, `${from + 1}-0`, '+')
          .exec()) as unknown as [string | null, StreamEntry[]],
    );
    const lastSeq = Number(lastSeqReply ?? 0);
    const events = this.#decodeEntries(entries).filter((event) => event.seq > from);
    if ((events.at(-1)?.seq ?? Math.min(from, lastSeq)) !== lastSeq) {
      throw new StoreCorruptionError(
        `session ${sessionId}: the stream ends at ${events.at(-1)?.seq ?? from}, meta says ${lastSeq}`,
      );
    }
    checkContinuity(sessionId, from, events);
    return events;
  }

  async snapshot(sessionId: string, snapshot: Snapshot): Promise<void> {
    const encoded = encodeSnapshot(sessionId, snapshot);
    const reply = await this.#call(`snapshot session ${sessionId}`, (client) =>
      client.ctSnapshot(this.#keys(sessionId), snapshot.seq, encoded),
    );
    const [status, lastSeq] = statusReply(reply);
    if (status === -1) throw snapshotPastEnd(sessionId, snapshot.seq, lastSeq);
  }

  async list(): Promise<SessionSummary[]> {
    return this.#call('list sessions', async (client) => {
      const ids = (await client.sMembers(`${this.#prefix}sessions`)).map(String).sort();
      // node-redis pipelines these concurrent commands over the one connection.
      const metas = await Promise.all(
        ids.map((id) => client.hmGet(this.#keys(id).meta, ['lastSeq', 'archived'])),
      );
      return ids.flatMap((sessionId, index) => {
        const [lastSeq, archived] = metas[index] ?? [];
        const seq = Number(lastSeq ?? 0);
        return seq > 0 ? [{ sessionId, lastSeq: seq, archived: archived === '1' }] : [];
      });
    });
  }

  async archive(sessionId: string): Promise<void> {
    checkSessionId(sessionId);
    await this.#call(`archive session ${sessionId}`, (client) => client.ctArchive(this.#keys(sessionId)));
  }

  async delete(sessionId: string): Promise<void> {
    checkSessionId(sessionId);
    const keys = this.#keys(sessionId);
    await this.#call(`delete session ${sessionId}`, (client) => client.ctDelete(keys));
    await this.#call(`delete session ${sessionId}`, (client) => client.sRem(keys.index, sessionId));
  }

  async ping(): Promise<boolean> {
    if (this.#closed || !this.#client.isReady) return false;
    return this.#call('ping', (client) => pingAll(client)).catch(() => false);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.isReady) await this.#client.close().catch(() => this.#client.destroy());
    else this.#client.destroy();
  }

  #keys(sessionId: string): SessionKeys {
    // The hash tag: every key of one session in one Redis Cluster slot (redis-scripts.ts).
    const base = `${this.#prefix}session:{${sessionId}}:`;
    return {
      meta: `${base}meta`,
      events: `${base}events`,
      snapshot: `${base}snapshot`,
      lease: `${base}lease`,
      epoch: `${base}epoch`,
      index: `${this.#prefix}sessions`,
    };
  }

  async #call<T>(what: string, command: (client: Client) => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreUnavailableError('the Redis store is closed');
    let timer: NodeJS.Timeout | undefined;
    try {
      // node-redis's own timeout stops at the socket: once a command is written it waits for the reply
      // however long a hung server takes. The store's deadline covers the whole round trip.
      const running = command(this.#client);
      running.catch(() => undefined); // a late failure after the deadline has nobody to tell
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ReplyDeadlineError(this.#timeoutMs)), this.#timeoutMs);
      });
      return await Promise.race([running, deadline]);
    } catch (error) {
      if (
        error instanceof InvalidStoreRequestError ||
        error instanceof StoreCorruptionError ||
        error instanceof LeaseLostError
      )
        throw error;
      // Offline, timed out, connection dropped, or a server refusal (OOM, MISCONF, LOADING, READONLY):
      // all mean "the store cannot take this now". A command that was sent and then timed out or lost
      // its connection may still land later: its outcome is unknown (the next append then sees a
      // conflict and the session reloads). Offline (never sent) and refused commands did nothing.
      throw new StoreUnavailableError(
        `${what} failed (Redis at ${this.#where}): ${(error as Error).message}`,
        {
          cause: error,
          outcomeUnknown: mayHaveLanded(error),
        },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  #decodeEntries(entries: StreamEntry[]): StoredEvent[] {
    return entries.flatMap((entry) => {
      const record = typeof entry.message.r === 'string' ? decodeRecord(entry.message.r) : undefined;
      if (!record || record.at(-1)?.seq !== Number.parseInt(entry.id, 10)) {
        throw new StoreCorruptionError(`stream entry ${entry.id} in Redis at ${this.#where} is unreadable`);
      }
      return record;
    });
  }
}

interface StreamEntry {
  id: string;
  message: Record<string, unknown>;
}

interface SessionView {
  lastSeq: number;
  snapshotSeq: number;
  snapshotJson: string | null;
  /** Entries holding events after `fromSeq` (an entry's id is the seq of its last event). */
  entries: StreamEntry[];
}

async function readView(client: Client, keys: SessionKeys, fromSeq: number): Promise<SessionView> {
  const [meta, snapshotJson, entries] = (await client
    .multi()
    .hmGet(keys.meta, ['lastSeq', 'snapshotSeq'])
    .get(keys.snapshot)
    .xRange(keys.events, `${fromSeq + 1}-0`, '+')
    .exec()) as unknown as [Array<string | null>, string | null, StreamEntry[]];
  return {
    lastSeq: Number(meta[0] ?? 0),
    snapshotSeq: Number(meta[1] ?? 0),
    snapshotJson,
    entries,
  };
}

/** The scripts keep stream and meta in step; anything else is damage the store must not paper over. */
function checkContinuity(sessionId: string, afterSeq: number, events: StoredEvent[]): void {
  events.forEach((event, index) => {
    if (event.seq !== afterSeq + index + 1) {
      throw new StoreCorruptionError(
        `session ${sessionId}: seq ${event.seq} where ${afterSeq + index + 1} belongs`,
      );
    }
  });
}

/** A script's {status, lastSeq} reply. */
function statusReply(reply: unknown): [status: number, lastSeq: number] {
  if (!Array.isArray(reply) || reply.length !== 2 || reply.some((n) => typeof n !== 'number')) {
    throw new StoreUnavailableError(`unexpected reply from Redis: ${JSON.stringify(reply)?.slice(0, 200)}`);
  }
  return reply as [number, number];
}

/**
 * An append refused by the fence: this process no longer holds the session's lease at its epoch
 * (it expired, or another process took over). Nothing was written; the session is not ours to serve.
 */
export class LeaseLostError extends StoreUnavailableError {
  constructor(
    readonly sessionId: string,
    readonly epoch: number,
  ) {
    super(`session ${sessionId}: this process lost its lease (epoch ${epoch}); nothing was written`);
    this.name = 'LeaseLostError';
  }
}

class ReplyDeadlineError extends Error {
  constructor(ms: number) {
    super(`no reply within ${ms} ms`);
    this.name = 'ReplyDeadlineError';
  }
}

/** Whether a failed command may still have been executed by Redis (sent, then no reply). */
function mayHaveLanded(error: unknown): boolean {
  if (error instanceof ReplyDeadlineError) return true;
  const name = error instanceof Error ? error.constructor.name : '';
  // node-redis: ClientOfflineError / ClientClosedError never sent the command; a server ErrorReply
  // (OOM, READONLY, ...) refused it. A socket that closed mid-command leaves it unknown.
  return name === 'SocketClosedUnexpectedlyError' || name === 'DisconnectsClientError';
}
