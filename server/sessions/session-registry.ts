import { randomInt } from 'node:crypto';
import type { ErrorCode } from '../../shared/protocol/error-codes';
import type { SessionExport } from '../../shared/protocol/rest';
import type { Scenario } from '../../shared/scenario/schema';
import { authenticate } from '../../shared/session/credentials';
import { replay } from '../../shared/session/replay';
import type { SessionState } from '../../shared/session/state';
import { type SessionListing, sessionListing } from '../../shared/views/public';
import { type Clock, systemClock, systemTimers, type TimerSource } from '../game/clock';
import { PhaseScheduler } from '../game/scheduler';
import { type SessionPart, SessionRuntime } from '../game/session-runtime';
import type { Logger } from '../logger';
import type { SessionStore, StoredEvent } from '../store/session-store';
import { uniqueJoinCode } from './join-code';
import { hashToken, newId, newToken } from './tokens';

export interface SessionRegistryOptions {
  store: SessionStore;
  logger: Logger;
  clock?: Clock;
  timers?: TimerSource;
  /** Parts that serve each session besides its phase scheduler (computer players), attached when it is created or restored. */
  parts?: (runtime: SessionRuntime) => SessionPart[];
  /** How long an ended session stays in memory for its debrief and export before it is unloaded. */
  endedRetentionMs?: number;
}

export type CreateSessionResult =
  | { ok: true; sessionId: string; joinCode: string; facilitatorToken: string }
  | { ok: false; code: ErrorCode; message: string };

export type ExportResult =
  | { ok: true; export: SessionExport }
  | { ok: false; code: ErrorCode; message: string };

/**
 * The sessions this process runs, by id and by join code. It creates exercises, restores every
 * unfinished one from the store at boot, attaches each runtime's parts (its phase scheduler,
 * computer players, and its own end-of-life part that frees the join code once the session has
 * ended, archives it in the store and unloads it after a while).
 */
export class SessionRegistry {
  private readonly entries = new Map<string, SessionRuntime>();
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

  get(sessionId: string): SessionRuntime | undefined {
    return this.entries.get(sessionId);
  }

  /** The live (not ended) session with this join code. */
  byJoinCode(joinCode: string): SessionRuntime | undefined {
    const sessionId = this.byCode.get(joinCode);
    return sessionId === undefined ? undefined : this.entries.get(sessionId);
  }

  /** Sessions not yet ended. */
  activeCount(): number {
    return [...this.entries.values()].filter((runtime) => runtime.state.phase !== 'ended').length;
  }

  /** The sessions held in memory that this token is a (non-revoked) facilitator credential of. */
  sessionsOfFacilitator(tokenHash: string): SessionListing[] {
    const listings: SessionListing[] = [];
    for (const runtime of this.entries.values()) {
      const state = runtime.state;
      if (authenticate(state, tokenHash)?.kind !== 'facilitator') continue;
      listings.push(sessionListing(state, runtime.seq));
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
    const live = this.entries.get(sessionId);
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
    await Promise.all(entries.map((runtime) => runtime.dispose()));
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
    this.entries.set(sessionId, runtime);
    if (runtime.state.phase !== 'ended') this.byCode.set(runtime.state.joinCode, sessionId);
    const scheduler = new PhaseScheduler(runtime, {
      clock: this.clock,
      timers: this.timers,
      onWarning: (message, error) => this.options.logger.warn({ err: error, sessionId }, message),
    });
    runtime.attach(this.endOfLife(runtime));
    scheduler.start();
    for (const part of this.options.parts?.(runtime) ?? []) runtime.attach(part);
  }

  /**
   * The registry's own part of a session: once it has ended its code is free for new exercises at
   * once, it is archived, and it stays loaded a while for its debrief and export before it is unloaded.
   */
  private endOfLife(runtime: SessionRuntime): SessionPart {
    const { sessionId } = runtime;
    let unloadTimer: unknown;
    const ended = () => {
      if (runtime.state.phase !== 'ended' || unloadTimer !== undefined) return;
      if (this.byCode.get(runtime.state.joinCode) === sessionId) this.byCode.delete(runtime.state.joinCode);
      void this.archive(sessionId);
      unloadTimer = this.timers.setTimeout(
        () => void this.unload(sessionId),
        this.options.endedRetentionMs ?? 3_600_000,
      );
    };
    return {
      onCommand: ended,
      onDispose: () => {
        if (unloadTimer !== undefined) this.timers.clearTimeout(unloadTimer);
      },
    };
  }

  private async unload(sessionId: string): Promise<void> {
    const runtime = this.entries.get(sessionId);
    if (!runtime) return;
    this.entries.delete(sessionId);
    await runtime.dispose();
  }

  private async archive(sessionId: string): Promise<void> {
    try {
      await this.options.store.archive(sessionId);
    } catch (error) {
      this.options.logger.warn({ err: error, sessionId }, 'could not archive an ended session');
    }
  }
}

/** The state of a stored session not in memory (archived), replayed from its whole log. */
function stateOf(events: StoredEvent[]): SessionState | undefined {
  try {
    return replay(events);
  } catch {
    return undefined;
  }
}
