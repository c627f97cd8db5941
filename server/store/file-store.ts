import { randomUUID } from 'node:crypto';
import { constants, fstatSync } from 'node:fs';
import { access, type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { encodeLine, readLog, readLogTail } from './event-log';
import { KeyedMutex } from './keyed-mutex';
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
  decodeSnapshot,
  encodeAppend,
  encodeSnapshot,
  isSessionId,
  snapshotPastEnd,
} from './store-request';

/**
 * The embedded default: plain files under DATA_DIR, no services needed.
 *
 *   DATA_DIR/sessions/<sessionId>/events.jsonl   append-only log, one JSON line per append (event-log.ts)
 *   DATA_DIR/sessions/<sessionId>/snapshot.json  newest snapshot, replaced atomically (temp + rename)
 *   DATA_DIR/sessions/<sessionId>/archived       marker: finished, not restored at boot
 *   DATA_DIR/trash/                              sessions being deleted (renamed away first)
 *
 * An append resolves only after fdatasync of the log (and fsync of the directories the first append
 * created). One process owns a DATA_DIR; within it, appends to one session are serialized under a
 * lock, and the log's last seq, read when the log was opened and kept with it, is checked under
 * that lock, which is the compare-and-set. Each session's log stays open between appends, so an
 * append is one write and one fdatasync. Appends of different sessions hold different locks and
 * overlap on libuv's threadpool; they cannot share one fdatasync (each file is made durable on its
 * own; syncfs, which would flush them all, is not exposed by Node and would flush unrelated files).
 */
export interface FileStoreOptions {
  dataDir: string;
  /** Called for every tolerated problem (torn tail found or truncated, unreadable snapshot). */
  onWarning?: (warning: StoreWarning) => void;
}

const EVENTS = 'events.jsonl';
const SNAPSHOT = 'snapshot.json';
const ARCHIVED = 'archived';
const TEMP_SUFFIX = '.tmp';
/** Sessions listed in parallel: bounds open file descriptors while keeping the disk busy. */
const LIST_CONCURRENCY = 32;

/** Session logs kept open for appends at most; more sessions than that reopen theirs on their next append. */
const MAX_OPEN_LOGS = 256;

/** A session's log kept open between appends, with what this store knows of it. */
interface OpenLog {
  fd: FileHandle;
  /** The seq of its last whole line. */
  lastSeq: number;
  /** Its length in bytes: where the next line starts, and what the file measures if nobody else wrote to it. */
  size: number;
  /** This store created the file; its directory entry is fsynced after the first append. */
  created: boolean;
  /** An append is writing to it now: not closed to make room for another. */
  busy: boolean;
}

/** The file behind a kept log is still linked and exactly as long as this store left it (one fstat, on this thread). */
function isCurrent(log: OpenLog): boolean {
  try {
    const stats = fstatSync(log.fd.fd);
    return stats.nlink > 0 && stats.size === log.size;
  } catch {
    return false;
  }
}

// Shared by every FileStore in the process, so two instances on one directory still serialize.
const sessionLocks = new KeyedMutex();

export class FileStore implements SessionStore {
  readonly kind = 'file';
  readonly #root: string;
  readonly #sessions: string;
  readonly #trash: string;
  readonly #onWarning: (warning: StoreWarning) => void;
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Logs kept open for appending, least recently used first (#openLog). */
  readonly #logs = new Map<string, OpenLog>();
  #closed = false;

  /** Creates the directories, finishes any deletion a crash interrupted, and checks the directory is writable. */
  static async open(options: FileStoreOptions): Promise<FileStore> {
    const store = new FileStore(options);
    await store.#io(`open data directory ${store.#root}`, async () => {
      await mkdir(store.#sessions, { recursive: true });
      await mkdir(store.#trash, { recursive: true });
      await fsyncDirectory(store.#root);
      for (const name of await readdir(store.#trash)) {
        await rm(path.join(store.#trash, name), { recursive: true, force: true });
      }
      await access(store.#root, constants.W_OK);
    });
    return store;
  }

  constructor(options: FileStoreOptions) {
    this.#root = path.resolve(options.dataDir);
    this.#sessions = path.join(this.#root, 'sessions');
    this.#trash = path.join(this.#root, 'trash');
    this.#onWarning = options.onWarning ?? (() => {});
  }

  async append(sessionId: string, expectedSeq: number, events: StoredEvent[]): Promise<AppendResult> {
    const line = encodeLine(encodeAppend(sessionId, expectedSeq, events));
    return this.#locked(sessionId, `append to session ${sessionId}`, async () => {
      const log = await this.#openLog(sessionId, expectedSeq);
      // No log yet, and the caller expected one.
      if (!log) return { ok: false, code: 'conflict', lastSeq: 0 };
      // The compare-and-set: the log's last seq, read once when it was opened and kept since.
      if (log.lastSeq !== expectedSeq) return { ok: false, code: 'conflict', lastSeq: log.lastSeq };
      log.busy = true;
      try {
        await writeAll(log.fd, line);
        await log.fd.datasync();
      } catch (error) {
        // Take back whatever part of the line reached the file, so no half-written line stays.
        await log.fd.truncate(log.size).then(
          () => log.fd.datasync(),
          () => undefined,
        );
        this.#closeLog(sessionId);
        throw error;
      } finally {
        log.busy = false;
      }
      log.size += line.length;
      log.lastSeq = expectedSeq + events.length;
      if (log.created) {
        await fsyncDirectory(this.#dir(sessionId));
        log.created = false;
      }
      return { ok: true, lastSeq: log.lastSeq };
    });
  }

  /**
   * The session's log, kept open between appends (issue 19: an append is then one write and one
   * fdatasync, where opening, reading the tail and closing every time cost five more system calls).
   * A kept log is trusted while its file is the one on disk at the size this store left it (one
   * fstat, no I/O wait); anything else (a torn tail left by a crash, a write by another store on
   * the directory, a deleted file) reopens it and re-reads the tail, as every append used to.
   */
  async #openLog(sessionId: string, expectedSeq: number): Promise<OpenLog | undefined> {
    const kept = this.#logs.get(sessionId);
    if (kept) {
      if (isCurrent(kept)) {
        // Most recently used last, so the least recently used is closed first.
        this.#logs.delete(sessionId);
        this.#logs.set(sessionId, kept);
        return kept;
      }
      this.#closeLog(sessionId);
    }
    const dir = this.#dir(sessionId);
    const file = path.join(dir, EVENTS);
    const created = !(await exists(file));
    if (created && expectedSeq !== 0) return undefined;
    if (created) {
      await mkdir(dir, { recursive: true });
      await fsyncDirectory(this.#sessions);
    }
    const fd = await open(file, 'a+');
    try {
      const tail = await readLogTail(fd, file);
      if (tail.tornBytes > 0) {
        await fd.truncate(tail.validEnd);
        await fd.datasync();
        this.#warn({
          code: 'torn-tail-truncated',
          sessionId,
          message: `truncated ${tail.tornBytes} torn bytes at the end of ${file} before appending`,
        });
      }
      const log: OpenLog = { fd, lastSeq: tail.lastSeq, size: tail.validEnd, created, busy: false };
      this.#logs.set(sessionId, log);
      this.#evictLogs();
      return log;
    } catch (error) {
      await fd.close().catch(() => undefined);
      throw error;
    }
  }

  /** Keeps at most MAX_OPEN_LOGS logs open, closing the least recently appended that is not mid-append. */
  #evictLogs(): void {
    for (const [sessionId, log] of this.#logs) {
      if (this.#logs.size <= MAX_OPEN_LOGS) return;
      if (!log.busy) this.#closeLog(sessionId);
    }
  }

  #closeLog(sessionId: string): void {
    const log = this.#logs.get(sessionId);
    if (!log) return;
    this.#logs.delete(sessionId);
    void log.fd.close().catch(() => undefined);
  }

  async load(sessionId: string): Promise<LoadedSession> {
    checkSessionId(sessionId);
    return this.#locked(sessionId, `load session ${sessionId}`, async () => {
      const dir = this.#dir(sessionId);
      const file = path.join(dir, EVENTS);
      const warnings: StoreWarning[] = [];
      const warn = (warning: StoreWarning) => {
        warnings.push(warning);
        this.#warn(warning);
      };
      let snapshot = await this.#readSnapshot(sessionId, warn);
      const fd = await openIfExists(file, 'r');
      if (!fd) return { sessionId, snapshot: undefined, events: [], lastSeq: 0, warnings };
      try {
        let scan = await readLog(fd, snapshot?.seq ?? 0, file);
        if (snapshot && snapshot.seq > scan.lastSeq) {
          warn({
            code: 'snapshot-unreadable',
            sessionId,
            message: `snapshot at seq ${snapshot.seq} is ahead of the log (last seq ${scan.lastSeq}); replaying the log`,
          });
          snapshot = undefined;
          scan = await readLog(fd, 0, file);
        }
        if (scan.tornBytes > 0) {
          warn({
            code: 'torn-tail',
            sessionId,
            message: `ignored ${scan.tornBytes} torn bytes at the end of ${file} (an append interrupted by a crash, never acknowledged)`,
          });
        }
        return { sessionId, snapshot, events: scan.events, lastSeq: scan.lastSeq, warnings };
      } finally {
        await fd.close();
      }
    });
  }

  async readEvents(sessionId: string, afterSeq?: number): Promise<StoredEvent[]> {
    const from = checkReadEvents(sessionId, afterSeq);
    return this.#locked(sessionId, `read the log of session ${sessionId}`, async () => {
      const file = path.join(this.#dir(sessionId), EVENTS);
      const fd = await openIfExists(file, 'r');
      if (!fd) return [];
      try {
        const scan = await readLog(fd, from, file);
        if (scan.tornBytes > 0) {
          this.#warn({
            code: 'torn-tail',
            sessionId,
            message: `ignored ${scan.tornBytes} torn bytes at the end of ${file} (an append interrupted by a crash, never acknowledged)`,
          });
        }
        return scan.events;
      } finally {
        await fd.close();
      }
    });
  }

  async snapshot(sessionId: string, snapshot: Snapshot): Promise<void> {
    const encoded = encodeSnapshot(sessionId, snapshot);
    return this.#locked(sessionId, `snapshot session ${sessionId}`, async () => {
      const dir = this.#dir(sessionId);
      const lastSeq = await lastSeqOf(path.join(dir, EVENTS));
      if (snapshot.seq > lastSeq) throw snapshotPastEnd(sessionId, snapshot.seq, lastSeq);
      if (snapshot.seq <= (await peekSnapshotSeq(path.join(dir, SNAPSHOT)))) return;
      await removeTempFiles(dir);
      await writeFileAtomically(dir, SNAPSHOT, encoded);
    });
  }

  async list(): Promise<SessionSummary[]> {
    return this.#tracked('list sessions', async () => {
      const names = (await readdir(this.#sessions).catch(ifMissing([]))).filter(isSessionId).sort();
      const summaries: Array<SessionSummary | undefined> = new Array(names.length);
      let next = 0;
      const worker = async () => {
        while (next < names.length) {
          const index = next++;
          const sessionId = names[index] as string;
          const dir = this.#dir(sessionId);
          const lastSeq = await lastSeqOf(path.join(dir, EVENTS));
          if (lastSeq > 0)
            summaries[index] = { sessionId, lastSeq, archived: await exists(path.join(dir, ARCHIVED)) };
        }
      };
      await Promise.all(Array.from({ length: LIST_CONCURRENCY }, worker));
      return summaries.filter((summary) => summary !== undefined);
    });
  }

  async archive(sessionId: string): Promise<void> {
    checkSessionId(sessionId);
    return this.#locked(sessionId, `archive session ${sessionId}`, async () => {
      const dir = this.#dir(sessionId);
      if (!(await exists(path.join(dir, EVENTS)))) return;
      await writeFileAtomically(dir, ARCHIVED, '');
    });
  }

  async delete(sessionId: string): Promise<void> {
    checkSessionId(sessionId);
    return this.#locked(sessionId, `delete session ${sessionId}`, async () => {
      this.#closeLog(sessionId);
      // Rename first so a crash mid-delete leaves either the whole session or none of it.
      const doomed = path.join(this.#trash, `${sessionId}.${randomUUID()}`);
      await mkdir(this.#trash, { recursive: true });
      try {
        await rename(this.#dir(sessionId), doomed);
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      await fsyncDirectory(this.#sessions);
      await rm(doomed, { recursive: true, force: true });
    });
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    return access(this.#root, constants.W_OK).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    const logs = [...this.#logs.values()];
    this.#logs.clear();
    await Promise.allSettled(logs.map((log) => log.fd.close()));
  }

  #dir(sessionId: string): string {
    return path.join(this.#sessions, sessionId);
  }

  #warn(warning: StoreWarning): void {
    this.#onWarning(warning);
  }

  async #readSnapshot(
    sessionId: string,
    warn: (warning: StoreWarning) => void,
  ): Promise<Snapshot | undefined> {
    const file = path.join(this.#dir(sessionId), SNAPSHOT);
    const json = await readFile(file, 'utf8').catch(ifMissing(undefined));
    if (json === undefined) return undefined;
    const snapshot = decodeSnapshot(json);
    if (!snapshot) {
      warn({ code: 'snapshot-unreadable', sessionId, message: `${file} is unreadable; replaying the log` });
    }
    return snapshot;
  }

  #locked<T>(sessionId: string, what: string, work: () => Promise<T>): Promise<T> {
    return this.#tracked(what, () => sessionLocks.run(this.#dir(sessionId), work));
  }

  #tracked<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('the file store is closed'));
    const running = this.#io(what, work);
    this.#inFlight.add(running);
    void running.then(
      () => this.#inFlight.delete(running),
      () => this.#inFlight.delete(running),
    );
    return running;
  }

  /** Turns a failing disk (full, read-only, gone) into `storage-unavailable`; keeps the store's own errors. */
  async #io<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof InvalidStoreRequestError || error instanceof StoreCorruptionError) throw error;
      throw new StoreUnavailableError(`${what} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}

async function writeAll(fd: FileHandle, data: Buffer): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await fd.write(data, written, data.length - written);
    if (bytesWritten === 0) throw new Error('the disk accepted no bytes');
    written += bytesWritten;
  }
}

/** Temp file, fsync, rename over the target, fsync the directory: readers see the old file or the new one. */
async function writeFileAtomically(dir: string, name: string, contents: string): Promise<void> {
  const temp = path.join(dir, `${name}.${process.pid}.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    const fd = await open(temp, 'wx');
    try {
      await writeAll(fd, Buffer.from(contents, 'utf8'));
      await fd.sync();
    } finally {
      await fd.close();
    }
    await rename(temp, path.join(dir, name));
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
}

/** Temp files left by a crash between write and rename; never read, removed before the next write. */
async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(ifMissing([]));
  await Promise.all(
    names
      .filter((name) => name.endsWith(TEMP_SUFFIX))
      .map((name) => rm(path.join(dir, name), { force: true })),
  );
}

/** The seq of the stored snapshot, read from its first bytes (`{"seq":N,...` as encodeSnapshot writes it). */
async function peekSnapshotSeq(file: string): Promise<number> {
  const fd = await openIfExists(file, 'r');
  if (!fd) return 0;
  try {
    const head = Buffer.alloc(32);
    const { bytesRead } = await fd.read(head, 0, head.length, 0);
    const match = /^\{"seq":(\d+),/.exec(head.toString('utf8', 0, bytesRead));
    if (match) return Number(match[1]);
  } finally {
    await fd.close();
  }
  return decodeSnapshot(await readFile(file, 'utf8'))?.seq ?? 0;
}

async function lastSeqOf(file: string): Promise<number> {
  const fd = await openIfExists(file, 'r');
  if (!fd) return 0;
  try {
    return (await readLogTail(fd, file)).lastSeq;
  } finally {
    await fd.close();
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

async function openIfExists(file: string, flags: string): Promise<FileHandle | undefined> {
  return open(file, flags).catch(ifMissing(undefined));
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, ifMissing(false));
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function ifMissing<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (isMissing(error)) return value;
    throw error;
  };
}
