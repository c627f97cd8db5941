import { type Command, parseCommand } from '../../shared/protocol/commands';
import { type GameErrorCode, rejection } from '../../shared/protocol/errors';
import type { Scenario } from '../../shared/scenario/schema';
import { type Actor, actorSchema } from '../../shared/session/actor';
import { type Decision, decide } from '../../shared/session/decide';
import type { SessionCreated, SessionEvent } from '../../shared/session/events';
import type { SessionState } from '../../shared/session/state';
import type { SessionStore, StoredEvent } from '../store/session-store';
import type { Clock } from './clock';
import {
  applyEvents,
  fromStoredEvent,
  restoreActor,
  type SessionActor,
  startActor,
  toStoredEvent,
} from './replay';
import type { MachineEvent, SessionSnapshot } from './session-machine';

/**
 * One object owns one session (after Colyseus's rooms): nothing else changes its state. Lifecycle:
 * `SessionRuntime.create` (a new exercise) or `SessionRuntime.load` (from the store's snapshot and
 * log tail), then `command` any number of times, then `dispose`.
 *
 * A command's path (DESIGN.md "One command's path"): validate the actor and payload, stamp the
 * time from the injected clock, `decide` (pure: a refusal changes nothing), append the events to
 * the store with compare-and-set, and only once they are durable apply them to the machine,
 * notify listeners and acknowledge. Commands of one session run one at a time, in arrival order.
 */

export type CommandResult =
  | { ok: true; seq: number; events: SessionEvent[] }
  | { ok: false; code: GameErrorCode; message: string };

export interface SessionChange {
  sessionId: string;
  /** The session's last seq after the change. */
  seq: number;
  /** The events applied, in order (several when the runtime caught up with another writer). */
  events: SessionEvent[];
  state: SessionState;
}

export type ChangeListener = (change: SessionChange) => void;

export interface SessionRuntimeOptions {
  store: SessionStore;
  clock: Clock;
  /** Store a snapshot after this many events since the last one (default 100). */
  snapshotEvery?: number;
  /** Told about problems that do not fail a command (a snapshot that could not be written, a listener that threw). */
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
  readonly #listeners = new Set<ChangeListener>();
  #actor: SessionActor;
  #seq: number;
  #snapshotSeq: number;
  /** Set after a failed append whose outcome is unknown: catch up with the store before the next command. */
  #mustResync = false;
  #disposed = false;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    sessionId: string,
    actor: SessionActor,
    seq: number,
    snapshotSeq: number,
    options: SessionRuntimeOptions,
  ) {
    this.sessionId = sessionId;
    this.#actor = actor;
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
      const appended = await options.store.append(session.sessionId, 0, [toStoredEvent(created, 1)]);
      if (!appended.ok)
        return { ok: false, code: 'conflict', message: `session ${session.sessionId} already exists` };
    } catch (error) {
      return { ok: false, code: 'storage-unavailable', message: describe(error) };
    }
    return { ok: true, runtime: new SessionRuntime(session.sessionId, startActor(created), 1, 0, options) };
  }

  /** Restores a session from its latest snapshot and the events after it. */
  static async load(options: SessionRuntimeOptions, sessionId: string): Promise<LoadResult> {
    let loaded: Awaited<ReturnType<SessionStore['load']>>;
    try {
      loaded = await options.store.load(sessionId);
    } catch (error) {
      return { ok: false, code: 'storage-unavailable', message: describe(error) };
    }
    // Store warnings (a torn tail, say) are logged by the store itself, with their code and session.
    const events = loaded.events.map(fromStoredEvent);
    let actor: SessionActor;
    if (loaded.snapshot) {
      actor = restoreActor(loaded.snapshot.state);
      applyEvents(actor, events);
    } else {
      const [first, ...rest] = events;
      if (first?.type !== 'session-created')
        return { ok: false, code: 'not-found', message: `no session ${sessionId}` };
      actor = startActor(first);
      applyEvents(actor, rest);
    }
    const snapshotSeq = loaded.snapshot?.seq ?? 0;
    return { ok: true, runtime: new SessionRuntime(sessionId, actor, loaded.lastSeq, snapshotSeq, options) };
  }

  get state(): SessionState {
    return this.#actor.getSnapshot().context;
  }

  /** The game master's machine snapshot (its state value says the phase; the context is `state`). */
  get machineSnapshot(): SessionSnapshot {
    return this.#actor.getSnapshot();
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
   * queued ahead of it), without logging or changing anything. Computer players and the UI's
   * "why is this disabled" ask it.
   */
  check(actor: Actor, command: Command): Decision {
    return decide(this.state, actor, command, this.#clock.now());
  }

  /** Validates, decides, logs durably, applies and acknowledges one command. Never throws. */
  command(actor: unknown, command: unknown): Promise<CommandResult> {
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

  /** Calls `listener` after every applied change; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every command queued so far has been handled. */
  idle(): Promise<void> {
    return this.#enqueue(async () => {});
  }

  /** Stops accepting commands, lets queued ones finish, stores a final snapshot and releases the machine. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    await this.idle();
    this.#disposed = true;
    if (this.#seq > this.#snapshotSeq && !this.#mustResync) await this.#snapshot();
    this.#listeners.clear();
    this.#actor.stop();
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #handle(actorInput: unknown, commandInput: unknown): Promise<CommandResult> {
    if (this.#disposed) return rejection('session-closed', 'the session is not loaded here; reconnect');
    const actor = actorSchema.safeParse(actorInput);
    if (!actor.success) return rejection('invalid-payload', 'malformed actor');
    const parsed = parseCommand(commandInput);
    if (!parsed.ok) return parsed;

    if (this.#mustResync && !(await this.#resync())) {
      return rejection('storage-unavailable', 'the session store cannot be reached; nothing was changed');
    }
    const at = this.#clock.now();
    const decision = decide(this.state, actor.data, parsed.command, at);
    if (!decision.ok) return decision;
    const snapshot = this.#actor.getSnapshot();
    const refused = decision.events.find(
      (e) => e.type === 'session-created' || !snapshot.can(e as MachineEvent),
    );
    if (refused) {
      // `decide` and the machine disagree: a defect, refused rather than logged.
      return rejection('wrong-phase', `the game master cannot take ${refused.type} in ${this.state.phase}`);
    }

    const stored: StoredEvent[] = decision.events.map((e, i) => toStoredEvent(e, this.#seq + 1 + i));
    try {
      const appended = await this.#store.append(this.sessionId, this.#seq, stored);
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
    this.#apply(decision.events, this.#seq + decision.events.length);
    await this.#maybeSnapshot();
    // A copy: the applied events are part of the state now, and the caller may keep or change its own.
    return { ok: true, seq: this.#seq, events: structuredClone(decision.events) };
  }

  #apply(events: SessionEvent[], seq: number): void {
    applyEvents(this.#actor, events);
    this.#seq = seq;
    const change: SessionChange = { sessionId: this.sessionId, seq, events, state: this.state };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#onWarning('a session change listener threw', error);
      }
    }
  }

  /** Applies whatever the store has beyond our seq. False when the store cannot be read. */
  async #resync(): Promise<boolean> {
    try {
      const loaded = await this.#store.load(this.sessionId);
      if (loaded.snapshot && loaded.snapshot.seq > this.#seq) {
        // Further behind than the store's snapshot: start again from it (its events are not in the tail).
        this.#actor.stop();
        this.#actor = restoreActor(loaded.snapshot.state);
        this.#seq = loaded.snapshot.seq;
      }
      const missing = loaded.events.filter((e) => e.seq > this.#seq);
      if (missing.length > 0) this.#apply(missing.map(fromStoredEvent), loaded.lastSeq);
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
      await this.#store.snapshot(this.sessionId, { seq, state: this.#actor.getPersistedSnapshot() });
      this.#snapshotSeq = seq;
    } catch (error) {
      // A snapshot only speeds up loading; the log is the truth.
      this.#onWarning('could not store a session snapshot', error);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
