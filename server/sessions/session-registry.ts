import { randomInt } from 'node:crypto';
import type { ErrorCode } from '../../shared/protocol/error-codes';
import type { SessionExport, SessionListing } from '../../shared/protocol/rest';
import type { Scenario } from '../../shared/scenario/schema';
import { authenticate } from '../../shared/session/credentials';
import type { SessionState } from '../../shared/session/state';
import { type Clock, systemClock, systemTimers, type TimerSource } from '../game/clock';
import { replay } from '../game/replay';
import { PhaseScheduler } from '../game/scheduler';
import { SessionRuntime } from '../game/session-runtime';
import type { Logger } from '../logger';
import type { SessionStore, StoredEvent } from '../store/session-store';
import { uniqueJoinCode } from './join-code';
import type { CommandResult, LiveSession } from './live-session';
import { hashToken, newId, newToken } from './tokens';

export interface SessionRegistryOptions {
  store: SessionStore;
  logger: Logger;
  clock?: Clock;
  timers?: TimerSource;
  /** Attaches per-session helpers (computer players) when a session is created or restored; returns their disposer. */
  attach?: (runtime: SessionRuntime) => () => void;
  /** How long an ended session stays in memory for its debrief and export before it is unloaded. */
  endedRetentionMs?: number;
}

export type CreateSessionResult =
  | { ok: true; sessionId: string; joinCode: string; facilitatorToken: string }
  | { ok: false; code: ErrorCode; message: string };

export type ExportResult =
  | { ok: true; export: SessionExport }
  | { ok: false; code: ErrorCode; message: string };

interface Entry {
  live: LiveSession;
  runtime: SessionRuntime;
  dispose: () => Promise<void>;
}

/**
 * The sessions this process runs, by id and by join code. It creates exercises, restores every
 * unfinished one from the store at boot, gives each its phase scheduler (and computer players),
 * frees a join code once its session has ended, and archives ended sessions in the store.
 */
export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly byCode = new Map<string, string>();
  private readonly clock: Clock;
  private readonly timers: TimerSource;
  private closed = false;

  constructor(private readonly options: SessionRegistryOptions) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
  }

  /** Loads every session the store holds that is not archived and has not ended. */
  async restore(): Promise<number> {
    const summaries = await this.options.store.list();
    let restored = 0;
    for (const summary of summaries) {
      if (summary.archived || this.entries.has(summary.sessionId)) continue;
      const loaded = await SessionRuntime.load(this.runtimeOptions(), summary.sessionId);
      if (!loaded.ok) {
        this.options.logger.warn(
          { sessionId: summary.sessionId, code: loaded.code },
          `session not restored: ${loaded.message}`,
        );
        continue;
      }
      const { runtime } = loaded;
      if (runtime.state.phase === 'ended') {
        await runtime.dispose();
        await this.archive(summary.sessionId);
        continue;
      }
      if (this.byCode.has(runtime.state.joinCode)) {
        // Two stored sessions with one code can only come from a store shared with another process.
        this.options.logger.warn(
          { sessionId: summary.sessionId },
          'session not restored: its join code is in use',
        );
        await runtime.dispose();
        continue;
      }
      this.register(runtime);
      restored++;
    }
    this.options.logger.info({ restored }, 'sessions restored');
    return restored;
  }

  async create(request: {
    scenario: Scenario;
    seed?: number;
    facilitatorToken?: string;
  }): Promise<CreateSessionResult> {
    if (this.closed) return { ok: false, code: 'shutting-down', message: 'the server is shutting down' };
    const facilitatorToken = request.facilitatorToken ?? newToken();
    const joinCode = uniqueJoinCode((code) => this.byCode.has(code));
    const sessionId = newId('s');
    // Reserve the code across the await so two concurrent creations cannot both take it.
    this.byCode.set(joinCode, sessionId);
    const created = await SessionRuntime.create(this.runtimeOptions(), {
      sessionId,
      scenario: request.scenario,
      seed: request.seed ?? randomInt(2 ** 31 - 1),
      joinCode,
      facilitatorTokenHash: hashToken(facilitatorToken),
    });
    if (!created.ok) {
      this.byCode.delete(joinCode);
      return { ok: false, code: created.code, message: created.message };
    }
    this.register(created.runtime);
    return { ok: true, sessionId, joinCode, facilitatorToken };
  }

  get(sessionId: string): LiveSession | undefined {
    return this.entries.get(sessionId)?.live;
  }

  /** The live (not ended) session with this join code. */
  byJoinCode(joinCode: string): LiveSession | undefined {
    const sessionId = this.byCode.get(joinCode);
    return sessionId === undefined ? undefined : this.entries.get(sessionId)?.live;
  }

  /** Sessions not yet ended. */
  activeCount(): number {
    return [...this.entries.values()].filter((e) => e.runtime.state.phase !== 'ended').length;
  }

  /** The sessions held in memory that this token is a (non-revoked) facilitator credential of. */
  sessionsOfFacilitator(tokenHash: string): SessionListing[] {
    const listings: SessionListing[] = [];
    for (const { runtime } of this.entries.values()) {
      const state = runtime.state;
      if (authenticate(state, tokenHash)?.kind !== 'facilitator') continue;
      listings.push(listing(state, runtime.seq));
    }
    return listings.sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * The session's log and outcome for its facilitator. Works for sessions no longer in memory
   * (archived) by reading the store. The log is read whole (`readEvents`), never from the latest
   * snapshot on, so an export always runs from seq 1 (`firstSeq` 1, `snapshot` null).
   */
  async exportSession(sessionId: string, tokenHash: string): Promise<ExportResult> {
    let events: StoredEvent[];
    try {
      events = await this.options.store.readEvents(sessionId);
    } catch (error) {
      this.options.logger.error({ err: error, sessionId }, 'export could not read the store');
      return { ok: false, code: 'storage-unavailable', message: 'the session store cannot be read now' };
    }
    const lastSeq = events.at(-1)?.seq ?? 0;
    if (lastSeq === 0) return { ok: false, code: 'not-found', message: 'no such session' };
    const live = this.entries.get(sessionId)?.runtime;
    const state = live ? live.state : stateOf(events);
    if (!state) return { ok: false, code: 'not-found', message: 'the session log cannot be replayed' };
    if (authenticate(state, tokenHash)?.kind !== 'facilitator') {
      return {
        ok: false,
        code: 'invalid-token',
        message: "this token is not a facilitator's of this session",
      };
    }
    return {
      ok: true,
      export: {
        format: 'crisis-table-session-export',
        formatVersion: 1,
        sessionId,
        scenario: { id: state.scenario.id, version: state.scenario.version, title: state.scenario.title },
        exportedAt: this.clock.now(),
        lastSeq,
        firstSeq: 1,
        snapshot: null,
        events,
        outcome: {
          phase: state.phase,
          round: state.round,
          day: state.sim.day,
          outcome: state.outcome,
          endState: state.endState,
          score: state.score,
          objectives: state.objectives,
          checkpoints: state.checkpoints,
          rounds: state.rounds,
        },
      },
    };
  }

  /** Stops every session's timers and helpers and lets queued commands finish (runtime dispose). */
  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    this.byCode.clear();
    await Promise.all(entries.map((e) => e.dispose()));
  }

  private runtimeOptions() {
    return {
      store: this.options.store,
      clock: this.clock,
      onWarning: (message: string, error: unknown) => this.options.logger.warn({ err: error }, message),
    };
  }

  private register(runtime: SessionRuntime): void {
    const { sessionId } = runtime;
    const scheduler = new PhaseScheduler(runtime, {
      clock: this.clock,
      timers: this.timers,
      onWarning: (message, error) => this.options.logger.warn({ err: error, sessionId }, message),
    });
    const detach = this.options.attach?.(runtime);
    let unloadTimer: unknown;
    const unsubscribe = runtime.onChange((change) => {
      if (change.state.phase !== 'ended' || unloadTimer !== undefined) return;
      // The code is free for new exercises at once; the session stays loaded a while for its export.
      if (this.byCode.get(change.state.joinCode) === sessionId) this.byCode.delete(change.state.joinCode);
      void this.archive(sessionId);
      unloadTimer = this.timers.setTimeout(
        () => void this.unload(sessionId),
        this.options.endedRetentionMs ?? 3_600_000,
      );
    });
    const entry: Entry = {
      runtime,
      live: liveSession(runtime),
      dispose: async () => {
        if (unloadTimer !== undefined) this.timers.clearTimeout(unloadTimer);
        unsubscribe();
        scheduler.dispose();
        detach?.();
        await runtime.dispose();
      },
    };
    this.entries.set(sessionId, entry);
    if (runtime.state.phase !== 'ended') this.byCode.set(runtime.state.joinCode, sessionId);
    scheduler.start();
  }

  private async unload(sessionId: string): Promise<void> {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    await entry.dispose();
  }

  private async archive(sessionId: string): Promise<void> {
    try {
      await this.options.store.archive(sessionId);
    } catch (error) {
      this.options.logger.warn({ err: error, sessionId }, 'could not archive an ended session');
    }
  }
}

function listing(state: SessionState, seq: number): SessionListing {
  return {
    sessionId: state.sessionId,
    joinCode: state.joinCode,
    scenarioId: state.scenario.id,
    scenarioTitle: state.scenario.title,
    phase: state.phase,
    round: state.round,
    players: state.players.filter((p) => !p.removed).length,
    createdAt: state.createdAt,
    lastSeq: seq,
    ended: state.phase === 'ended',
  };
}

/** The state of a stored session not in memory (archived), replayed from its whole log. */
function stateOf(events: StoredEvent[]): SessionState | undefined {
  try {
    return replay(events);
  } catch {
    return undefined;
  }
}

function liveSession(runtime: SessionRuntime): LiveSession {
  return {
    sessionId: runtime.sessionId,
    get joinCode() {
      return runtime.state.joinCode;
    },
    state: () => runtime.state,
    seq: () => runtime.seq,
    async command(actor, command): Promise<CommandResult> {
      const result = await runtime.command(actor, command);
      return result.ok
        ? { ok: true, seq: result.seq }
        : { ok: false, code: result.code, message: result.message };
    },
    subscribe: (listener) => runtime.onChange((change) => listener(change.state, change.seq)),
  };
}
