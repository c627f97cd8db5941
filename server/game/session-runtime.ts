import type { Scenario } from '../../shared/scenario/schema';
import type { Actor } from '../../shared/session/actor';
import type { Command } from '../../shared/session/commands';
import { decide } from '../../shared/session/decide';
import type { CommandResult, Decision } from '../../shared/session/decision';
import { rejection } from '../../shared/session/errors';
import type { SessionCreated, SessionEvent } from '../../shared/session/events';
import { fromLogEntry, type LogEntry, toLogEntry } from '../../shared/session/log';
import { applyEvents, RefusedEventError, startSession } from '../../shared/session/machine';
import { fromSnapshot, toSnapshot } from '../../shared/session/snapshot';
import type { SessionState } from '../../shared/session/state';
import type { Viewer } from '../../shared/views/viewer';
import type { SessionStore } from '../store/session-store';
import type { Clock } from './clock';

/**
 * One object owns one session (after Colyseus's rooms): nothing else changes its state. Its
 * lifecycle is named: `create` (a new exercise) or `load` (from the store's snapshot and log
 * tail); `join` and `leave` as viewers connect on this process; `command` any number of times;
 * `dispose`. The parts that serve the session here (the phase scheduler, computer players, the
 * socket room) are attached to it and hear each of these through the hooks of `SessionPart`.
 *
 * A command's path (DESIGN.md "One command's path"): the edge has parsed the command and
 * established the actor; the runtime stamps the time from its clock, asks `decide` (pure: a
 * refusal changes nothing; it asks the game master machine about phases), computes the next state
 * through the machine, appends the events to the store with compare-and-set, and only once they
 * are durable makes the new state current, tells its parts and answers with the events it
 * appended. Commands of one session run one at a time, in arrival order.
 */

export type { CommandResult } from '../../shared/session/decision';

export interface SessionChange {
  sessionId: string;
  /** The session's last seq after the change. */
  seq: number;
  /** The events applied, in order (several when the runtime caught up with another writer). */
  events: SessionEvent[];
  state: SessionState;
}

/** Something that serves a session on this process, attached to its runtime. Every hook is optional. */
export interface SessionPart {
  /** The part starts serving the session (called when it is attached). */
  onCreate?(): void;
  /** A viewer connected to the session on this process. */
  onJoin?(viewer: Viewer): void;
  /** After every change: events durably appended and applied (commands, timers, computer players). */
  onCommand?(change: SessionChange): void;
  /** A viewer's connection to the session closed. */
  onLeave?(viewer: Viewer): void;
  /** The runtime is disposing or the part is detached: queued commands have finished. */
  onDispose?(): void;
}

export interface SessionRuntimeOptions {
  store: SessionStore;
  clock: Clock;
  /** Store a snapshot after this many events since the last one (default 100). */
  snapshotEvery?: number;
  /** Told about problems that do not fail a command (a snapshot that could not be written, a part that threw). */
  onWarning?: (message: string, error: unknown) => void;
}

export interface NewSession {
  sessionId: string;
  scenario: Scenario;
  seed: number;
  joinCode: string;
  facilitatorTokenHash: string;
}

export type CreateResult =
  | { ok: true; runtime: SessionRuntime }
  | { ok: false; code: 'conflict' | 'storage-unavailable'; message: string };

export type LoadResult =
  | { ok: true; runtime: SessionRuntime }
  | { ok: false; code: 'not-found' | 'storage-unavailable'; message: string };

const DEFAULT_SNAPSHOT_EVERY = 100;

export class SessionRuntime {
  readonly sessionId: string;
  readonly #store: SessionStore;
  readonly #clock: Clock;
  readonly #snapshotEvery: number;
  readonly #onWarning: (message: string, error: unknown) => void;
  readonly #parts = new Set<SessionPart>();
  #state: SessionState;
  #seq: number;
  #snapshotSeq: number;
  /** Set after a failed append whose outcome is unknown: catch up with the store before the next command. */
  #mustResync = false;
  #disposed = false;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    sessionId: string,
    state: SessionState,
    seq: number,
    snapshotSeq: number,
    options: SessionRuntimeOptions,
  ) {
    this.sessionId = sessionId;
    this.#state = state;
    this.#seq = seq;
    this.#snapshotSeq = snapshotSeq;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    this.#onWarning = options.onWarning ?? (() => {});
  }

  /** Starts a new exercise: logs `session-created` as seq 1. */
  static async create(options: SessionRuntimeOptions, session: NewSession): Promise<CreateResult> {
    const created: SessionCreated = {
      type: 'session-created',
      ...session,
      at: options.clock.now(),
      actor: { kind: 'facilitator' },
    };
    try {
      const appended = await options.store.append(session.sessionId, 0, [toLogEntry(created, 1)]);
      if (!appended.ok)
        return { ok: false, code: 'conflict', message: `session ${session.sessionId} already exists` };
    } catch (error) {
      return { ok: false, code: 'storage-unavailable', message: describe(error) };
    }
    return { ok: true, runtime: new SessionRuntime(session.sessionId, startSession(created), 1, 0, options) };
  }

  /** Restores a session from its latest snapshot and the events after it (or its whole log). */
  static async load(options: SessionRuntimeOptions, sessionId: string): Promise<LoadResult> {
    try {
      const restored = await restore(options.store, sessionId);
      if (!restored) return { ok: false, code: 'not-found', message: `no session ${sessionId}` };
      const { state, lastSeq, snapshotSeq } = restored;
      return { ok: true, runtime: new SessionRuntime(sessionId, state, lastSeq, snapshotSeq, options) };
    } catch (error) {
      return { ok: false, code: 'storage-unavailable', message: describe(error) };
    }
  }

  get state(): SessionState {
    return this.#state;
  }

  /** The seq of the last event applied. */
  get seq(): number {
    return this.#seq;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Would this command be accepted now? The same answer `command` would give (barring commands
   * queued ahead of it), without logging or changing anything. Computer players ask it.
   */
  check(actor: Actor, command: Command): Decision {
    return decide(this.#state, actor, command, this.#clock.now());
  }

  /** Decides, logs durably, applies and acknowledges one command (parsed at the edge). Never throws. */
  command(actor: Actor, command: Command): Promise<CommandResult> {
    return this.#enqueue(async () => {
      try {
        return await this.#handle(actor, command);
      } catch (error) {
        // A defect in the rules or the machine; the store is the truth, so catch up before the next command.
        this.#mustResync = true;
        this.#onWarning('a command failed unexpectedly', error);
        return rejection('internal-error', describe(error));
      }
    });
  }

  /** Attaches a part (its `onCreate` runs now); returns the detach function (which runs its `onDispose`). */
  attach(part: SessionPart): () => void {
    this.#parts.add(part);
    this.#call(part, 'onCreate', () => part.onCreate?.());
    return () => {
      if (this.#parts.delete(part)) this.#call(part, 'onDispose', () => part.onDispose?.());
    };
  }

  /** Calls `listener` after every applied change; returns the unsubscribe function. */
  onChange(listener: (change: SessionChange) => void): () => void {
    return this.attach({ onCommand: listener });
  }

  /** A viewer connected to this session on this process: the parts hear of it. */
  join(viewer: Viewer): void {
    for (const part of this.#parts) this.#call(part, 'onJoin', () => part.onJoin?.(viewer));
  }

  /** A viewer's connection closed. */
  leave(viewer: Viewer): void {
    for (const part of this.#parts) this.#call(part, 'onLeave', () => part.onLeave?.(viewer));
  }

  /** Resolves once every command queued so far has been handled. */
  idle(): Promise<void> {
    return this.#enqueue(async () => {});
  }

  /** Stops accepting commands, lets queued ones finish, stores a final snapshot and disposes its parts. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    await this.idle();
    this.#disposed = true;
    if (this.#seq > this.#snapshotSeq && !this.#mustResync) await this.#snapshot();
    const parts = [...this.#parts];
    this.#parts.clear();
    for (const part of parts) this.#call(part, 'onDispose', () => part.onDispose?.());
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #handle(actor: Actor, command: Command): Promise<CommandResult> {
    if (this.#disposed) return rejection('session-closed', 'the session is not loaded here; reconnect');
    if (this.#mustResync && !(await this.#resync())) {
      return rejection('storage-unavailable', 'the session store cannot be reached; nothing was changed');
    }
    const at = this.#clock.now();
    const decision = decide(this.#state, actor, command, at);
    if (!decision.ok) return decision;
    let next: SessionState;
    try {
      next = applyEvents(this.#state, decision.events);
    } catch (error) {
      // `decide` and the machine disagree: a defect, refused rather than logged.
      if (error instanceof RefusedEventError) return rejection('wrong-phase', error.message);
      throw error;
    }

    const entries: LogEntry[] = decision.events.map((e, i) => toLogEntry(e, this.#seq + 1 + i));
    try {
      const appended = await this.#store.append(this.sessionId, this.#seq, entries);
      if (!appended.ok) {
        await this.#resync();
        return rejection('conflict', 'another writer changed the session first; nothing was changed, retry');
      }
    } catch (error) {
      // The write may or may not have landed: catch up with the store before the next command.
      this.#mustResync = true;
      return rejection(
        'storage-unavailable',
        `the session store could not record the command: ${describe(error)}`,
      );
    }
    this.#commit(next, decision.events, this.#seq + decision.events.length);
    await this.#maybeSnapshot();
    // A copy: the applied events are part of the state now, and the caller may keep or change its own.
    return { ok: true, seq: this.#seq, events: structuredClone(decision.events) };
  }

  #commit(state: SessionState, events: SessionEvent[], seq: number): void {
    this.#state = state;
    this.#seq = seq;
    const change: SessionChange = { sessionId: this.sessionId, seq, events, state };
    for (const part of this.#parts) this.#call(part, 'onCommand', () => part.onCommand?.(change));
  }

  #call(_part: SessionPart, hook: keyof SessionPart, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#onWarning(`a session part's ${hook} threw`, error);
    }
  }

  /** Applies whatever the store has beyond our seq. False when the store cannot be read. */
  async #resync(): Promise<boolean> {
    try {
      const loaded = await this.#store.load(this.sessionId);
      let state = this.#state;
      let seq = this.#seq;
      const snapshotState = loaded.snapshot && fromSnapshot(loaded.snapshot.state);
      if (loaded.snapshot && snapshotState && loaded.snapshot.seq > seq) {
        // Further behind than the store's snapshot: start again from it (its events are not in the tail).
        state = snapshotState;
        seq = loaded.snapshot.seq;
      }
      const missing = loaded.events.filter((e) => e.seq > seq).map(fromLogEntry);
      if (missing.length > 0 || seq !== this.#seq) {
        this.#commit(applyEvents(state, missing), missing, loaded.lastSeq);
      }
      this.#mustResync = false;
      return true;
    } catch (error) {
      this.#onWarning('could not catch up with the session store', error);
      return false;
    }
  }

  async #maybeSnapshot(): Promise<void> {
    if (this.#seq - this.#snapshotSeq >= this.#snapshotEvery) await this.#snapshot();
  }

  async #snapshot(): Promise<void> {
    const seq = this.#seq;
    try {
      await this.#store.snapshot(this.sessionId, { seq, state: toSnapshot(this.#state) });
      this.#snapshotSeq = seq;
    } catch (error) {
      // A snapshot only speeds up loading; the log is the truth.
      this.#onWarning('could not store a session snapshot', error);
    }
  }
}

/**
 * A stored session's state: from its snapshot and the events after it, or from its whole log when
 * there is no snapshot or the snapshot cannot be read. Undefined when the store has no such session.
 */
async function restore(
  store: SessionStore,
  sessionId: string,
): Promise<{ state: SessionState; lastSeq: number; snapshotSeq: number } | undefined> {
  // Store warnings (a torn tail, say) are logged by the store itself, with their code and session.
  const loaded = await store.load(sessionId);
  const fromStored = loaded.snapshot && fromSnapshot(loaded.snapshot.state);
  if (loaded.snapshot && fromStored) {
    const state = applyEvents(fromStored, loaded.events.map(fromLogEntry));
    return { state, lastSeq: loaded.lastSeq, snapshotSeq: loaded.snapshot.seq };
  }
  const log = loaded.snapshot ? await store.readEvents(sessionId) : loaded.events;
  const [first, ...rest] = log.map(fromLogEntry);
  if (first?.type !== 'session-created') return undefined;
  return { state: applyEvents(startSession(first), rest), lastSeq: loaded.lastSeq, snapshotSeq: 0 };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
