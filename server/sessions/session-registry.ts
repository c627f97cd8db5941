import { randomInt } from 'node:crypto';
import type { ErrorCode } from '../../shared/protocol/error-codes';
import type { SessionExport } from '../../shared/protocol/rest';
import type { Scenario } from '../../shared/scenario/schema';
import { isCohortId } from '../../shared/session/cohort';
import { authenticate } from '../../shared/session/credentials';
import { replay } from '../../shared/session/replay';
import type { SessionState } from '../../shared/session/state';
import { type SessionListing, sessionListing } from '../../shared/views/public';
import type { SessionOwnership } from '../cluster/session-ownership';
import { type Clock, systemClock, systemTimers, type TimerSource } from '../game/clock';
import { PhaseScheduler } from '../game/scheduler';
import { restore, type SessionPart, SessionRuntime } from '../game/session-runtime';
import type { Logger } from '../logger';
import type { SessionStore, StoredEvent } from '../store/session-store';
import { isSessionId } from '../store/store-request';
import { uniqueJoinCode } from './join-code';
import { StoredListings } from './stored-listings';
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
  limits?: Partial<RegistryLimits>;
  /** A join code stopped naming a live session here (ended, expired, unloaded). */
  onCodeReleased?: (joinCode: string) => void;
  /**
   * Many machines (REDIS_URL): this process loads and creates only sessions whose lease it holds,
   * appends with the lease's fencing epoch, and publishes join codes so other processes find them.
   */
  ownership?: SessionOwnership;
  /** Join codes across processes (Redis); set with `ownership`. */
  codes?: { publish(joinCode: string, sessionId: string | undefined): Promise<void> };
}

/** The registry's resource bounds (server/config.ts; docs/abuse-limits.md). */
export interface RegistryLimits {
  /** Live (not ended) sessions held; creation beyond it answers `capacity`. */
  maxSessions: number;
  /** Creations per address, and in total, per minute (counted when they start). */
  createPerAddressPerMinute: number;
  createPerMinute: number;
  /** A lobby with no player this long after its creation is deleted (it holds nothing of value). */
  lobbyExpiryMs: number;
}

export const DEFAULT_REGISTRY_LIMITS: RegistryLimits = {
  maxSessions: 500,
  createPerAddressPerMinute: 6,
  createPerMinute: 60,
  lobbyExpiryMs: 240 * 60_000,
};

const MINUTE = 60_000;

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
  private readonly limits: RegistryLimits;
  /** Creation start times, in total and per address, within the last minute. */
  private creations: number[] = [];
  private readonly creationsByAddress = new Map<string, number[]>();
  private closed = false;

  constructor(private readonly options: SessionRegistryOptions) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.limits = { ...DEFAULT_REGISTRY_LIMITS, ...options.limits };
  }

  /** Loads every session the store holds that is not archived and has not ended (and, with ownership, that it could lease). */
  async restore(): Promise<number> {
    const summaries = await this.options.store.list();
    let restored = 0;
    let expired = 0;
    let skipped = 0;
    for (const summary of summaries) {
      const outcome = await this.restoreOne(summary);
      if (outcome === 'restored') restored++;
      else if (outcome === 'expired') expired++;
      else if (outcome === 'capacity') skipped++;
    }
    if (skipped > 0)
      this.options.logger.warn(
        { skipped, maxSessions: this.limits.maxSessions },
        'sessions not restored: the process holds SESSIONS_MAX live sessions',
      );
    this.options.logger.info({ restored, expired }, 'sessions restored');
    return restored;
  }

  /**
   * Many machines: takes over every stored live session nobody holds (its owner died or shut down).
   * Run every lease-renew interval; a session leased elsewhere costs one script call.
   */
  async adoptOrphans(): Promise<number> {
    if (!this.options.ownership || this.closed) return 0;
    let adopted = 0;
    for (const summary of await this.options.store.list()) {
      if (this.closed) break;
      if ((await this.restoreOne(summary, true)) === 'restored') adopted++;
    }
    return adopted;
  }

  /** Many machines: loads one session on demand (a socket asked for it) if nobody holds its lease. */
  async adopt(sessionId: string): Promise<SessionRuntime | undefined> {
    if (!this.entries.has(sessionId) && this.options.ownership && !this.closed)
      await this.restoreOne({ sessionId, archived: false }, true);
    return this.entries.get(sessionId);
  }

  /** Many machines: the lease was lost (expired while paused, taken over): stop serving the session at once. */
  async lost(sessionId: string): Promise<void> {
    const runtime = this.entries.get(sessionId);
    if (!runtime) return;
    this.entries.delete(sessionId);
    this.releaseCode(runtime, false);
    await runtime.dispose();
  }

  private async restoreOne(
    summary: { sessionId: string; archived: boolean },
    failover = false,
  ): Promise<'restored' | 'expired' | 'capacity' | 'skipped'> {
    if (summary.archived || this.entries.has(summary.sessionId) || this.loading.has(summary.sessionId))
      return 'skipped';
    if (isCohortId(summary.sessionId)) return 'skipped'; // a cohort's own log: server/sessions/cohort-registry.ts
    // Bounded: a process holds at most `maxSessions` live sessions, restored or new.
    if (this.activeCount() >= this.limits.maxSessions) return 'capacity';
    const { ownership } = this.options;
    this.loading.add(summary.sessionId);
    try {
      if (ownership && !(await ownership.acquire(summary.sessionId, { failover }).catch(() => false)))
        return 'skipped';
      const outcome = await this.loadLeased(summary.sessionId);
      if (outcome !== 'restored') await ownership?.release(summary.sessionId);
      return outcome;
    } finally {
      this.loading.delete(summary.sessionId);
    }
  }

  /** Sessions being loaded now (a scan and an on-demand adoption must not load one twice). */
  private readonly loading = new Set<string>();

  private async loadLeased(sessionId: string): Promise<'restored' | 'expired' | 'skipped'> {
    const loaded = await SessionRuntime.load(this.runtimeOptions(sessionId), sessionId);
    if (!loaded.ok) {
      if (loaded.code !== 'not-found')
        this.options.logger.warn({ sessionId, code: loaded.code }, `session not restored: ${loaded.message}`);
      return 'skipped';
    }
    const { runtime } = loaded;
    if (runtime.state.phase === 'ended') {
      await runtime.dispose();
      await this.archive(sessionId);
      return 'skipped';
    }
    if (this.lobbyExpiresIn(runtime.state) <= 0) {
      await runtime.dispose();
      await this.deleteExpired(sessionId);
      return 'expired';
    }
    if (this.byCode.has(runtime.state.joinCode)) {
      // Two stored sessions with one code can only come from a store shared with another process.
      this.options.logger.warn({ sessionId }, 'session not restored: its join code is in use');
      await runtime.dispose();
      return 'skipped';
    }
    this.register(runtime);
    return 'restored';
  }

  async create(request: {
    scenario: Scenario;
    seed?: number;
    facilitatorToken?: string;
    /** Who asks (the client's address), for the per-address creation rate. */
    address?: string;
  }): Promise<CreateSessionResult> {
    if (this.closed) return { ok: false, code: 'shutting-down', message: 'the server is shutting down' };
    // Creations under way count too: parallel requests must not overshoot SESSIONS_MAX.
    if (this.activeCount() + this.creating >= this.limits.maxSessions) {
      return {
        ok: false,
        code: 'capacity',
        message: `this server already runs ${this.limits.maxSessions} exercises; end one or try another server`,
      };
    }
    const refused = this.countCreation(request.address ?? 'unknown');
    if (refused) return refused;
    this.creating++;
    try {
      return await this.createCounted(request);
    } finally {
      this.creating--;
    }
  }

  /** Creations between the capacity check and their registration (or failure). */
  private creating = 0;

  private async createCounted(request: {
    scenario: Scenario;
    seed?: number;
    facilitatorToken?: string;
  }): Promise<CreateSessionResult> {
    const facilitatorToken = request.facilitatorToken ?? newToken();
    const joinCode = uniqueJoinCode((code) => this.byCode.has(code));
    const sessionId = newId('s');
    // Reserve the code across the await so two concurrent creations cannot both take it.
    this.byCode.set(joinCode, sessionId);
    // Many machines: the creator owns the new session (a fresh id: its lease is free).
    const leased = await this.options.ownership?.acquire(sessionId).catch(() => false);
    if (leased === false) {
      this.byCode.delete(joinCode);
      return { ok: false, code: 'storage-unavailable', message: 'the session store cannot be reached now' };
    }
    const created = await SessionRuntime.create(this.runtimeOptions(sessionId), {
      sessionId,
      scenario: request.scenario,
      seed: request.seed ?? randomInt(2 ** 31 - 1),
      joinCode,
      facilitatorTokenHash: hashToken(facilitatorToken),
    });
    if (!created.ok) {
      this.byCode.delete(joinCode);
      await this.options.ownership?.release(sessionId);
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
    let active = 0;
    for (const runtime of this.entries.values()) if (runtime.state.phase !== 'ended') active++;
    return active;
  }

  /** Counts a creation when it starts; a refusal when the address or everyone together is over the rate. */
  private countCreation(address: string): CreateSessionResult | undefined {
    const now = this.clock.now();
    this.creations = this.creations.filter((at) => now - at < MINUTE);
    const mine = (this.creationsByAddress.get(address) ?? []).filter((at) => now - at < MINUTE);
    if (mine.length === 0) this.creationsByAddress.delete(address);
    // Addresses whose creations all aged out are dropped; none is dropped while it counts.
    if (this.creationsByAddress.size > 1_000) {
      for (const [key, times] of this.creationsByAddress)
        if (times.every((at) => now - at >= MINUTE)) this.creationsByAddress.delete(key);
    }
    const retryAfterMs = (oldest: number | undefined) => Math.max(1, (oldest ?? now) + MINUTE - now);
    if (mine.length >= this.limits.createPerAddressPerMinute) {
      return {
        ok: false,
        code: 'rate-limited',
        message: `at most ${this.limits.createPerAddressPerMinute} exercises per minute from one address; retry in ${Math.ceil(retryAfterMs(mine[0]) / 1000)} s`,
      };
    }
    if (this.creations.length >= this.limits.createPerMinute) {
      return {
        ok: false,
        code: 'rate-limited',
        message: `this server creates at most ${this.limits.createPerMinute} exercises per minute; retry in ${Math.ceil(retryAfterMs(this.creations[0]) / 1000)} s`,
      };
    }
    mine.push(now);
    this.creationsByAddress.set(address, mine);
    this.creations.push(now);
    return undefined;
  }

  /** Ms until a lobby nobody joined expires; Infinity once anyone joined or the exercise started. */
  private lobbyExpiresIn(state: SessionState): number {
    if (state.phase !== 'lobby' || state.players.length > 0) return Number.POSITIVE_INFINITY;
    return state.createdAt + this.limits.lobbyExpiryMs - this.clock.now();
  }

  private async deleteExpired(sessionId: string): Promise<void> {
    try {
      await this.options.store.delete(sessionId);
      this.options.logger.info({ sessionId }, 'lobby expired: nobody joined');
    } catch (error) {
      this.options.logger.warn({ err: error, sessionId }, 'could not delete an expired lobby');
    }
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
   * "My exercises": the sessions this token facilitates, held here or only in the store (ended,
   * archived, not loaded here), newest first. Stored ones are read by ./stored-listings.ts.
   */
  async allSessionsOfFacilitator(tokenHash: string): Promise<SessionListing[]> {
    this.storedListings ??= new StoredListings(() => this.options.store);
    const live = this.sessionsOfFacilitator(tokenHash);
    const stored = await this.storedListings.of(tokenHash, new Set(this.entries.keys()));
    return [...live, ...stored].sort((a, b) => b.createdAt - a.createdAt);
  }

  private storedListings: StoredListings | undefined;

  /**
   * The session's log and outcome for its facilitator. Works for sessions no longer in memory
   * (archived) by reading the store. The log is read whole (`readEvents`), never from the latest
   * snapshot on, so an export always runs from seq 1 (`firstSeq` 1, `snapshot` null).
   */
  async exportSession(sessionId: string, tokenHash: string): Promise<ExportResult> {
    // One answer for "no such session", "not a session id" and "not yours", so the answer does not
    // tell a stranger which sessions exist; and the token is checked before the log is read.
    const notFound: ExportResult = {
      ok: false,
      code: 'not-found',
      message: 'no session with this id has this facilitator token',
    };
    if (!isSessionId(sessionId)) return notFound;
    const live = this.entries.get(sessionId);
    let state = live?.state;
    try {
      // Not in memory (archived): the latest snapshot and its tail are enough to check the token.
      if (!state) state = await this.storedState(sessionId);
    } catch (error) {
      this.options.logger.warn({ err: error, sessionId }, 'export could not read the store');
      return { ok: false, code: 'storage-unavailable', message: 'the session store cannot be read now' };
    }
    if (!state || authenticate(state, tokenHash)?.kind !== 'facilitator') return notFound;
    let events: StoredEvent[];
    try {
      events = await this.options.store.readEvents(sessionId);
    } catch (error) {
      this.options.logger.warn({ err: error, sessionId }, 'export could not read the store');
      return { ok: false, code: 'storage-unavailable', message: 'the session store cannot be read now' };
    }
    const lastSeq = events.at(-1)?.seq ?? 0;
    if (lastSeq === 0) return notFound;
    if (!live) state = stateOf(events) ?? state;
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

  /** A stored session's state from its snapshot and log tail (undefined when the store has none). */
  private async storedState(sessionId: string): Promise<SessionState | undefined> {
    return (await restore(this.options.store, sessionId))?.state;
  }

  /** Stops every session's timers and helpers and lets queued commands finish (runtime dispose). */
  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    this.byCode.clear();
    await Promise.all(entries.map((runtime) => runtime.dispose()));
    // Handed over at once: another process takes each session on its next scan, not after the lease.
    await Promise.all(entries.map((runtime) => this.options.ownership?.release(runtime.sessionId)));
  }

  private runtimeOptions(sessionId?: string) {
    const { ownership } = this.options;
    return {
      store: ownership && sessionId !== undefined ? ownership.fencedStore(sessionId) : this.options.store,
      clock: this.clock,
      onWarning: (message: string, error: unknown) => this.options.logger.warn({ err: error }, message),
    };
  }

  private register(runtime: SessionRuntime): void {
    const { sessionId } = runtime;
    this.entries.set(sessionId, runtime);
    if (runtime.state.phase !== 'ended') {
      this.byCode.set(runtime.state.joinCode, sessionId);
      this.publishCode(runtime.state.joinCode, sessionId);
    }
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
    let expiryTimer: unknown;
    const expiresIn = this.lobbyExpiresIn(runtime.state);
    if (Number.isFinite(expiresIn)) {
      expiryTimer = this.timers.setTimeout(
        () => {
          expiryTimer = undefined;
          void this.expire(sessionId);
        },
        Math.max(0, expiresIn),
      );
    }
    const ended = () => {
      if (expiryTimer !== undefined && !Number.isFinite(this.lobbyExpiresIn(runtime.state))) {
        this.timers.clearTimeout(expiryTimer);
        expiryTimer = undefined;
      }
      if (runtime.state.phase !== 'ended' || unloadTimer !== undefined) return;
      this.releaseCode(runtime);
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
        if (expiryTimer !== undefined) this.timers.clearTimeout(expiryTimer);
      },
    };
  }

  /** `unpublish` false: the session lives on elsewhere (lease lost), so the shared code stays. */
  private releaseCode(runtime: SessionRuntime, unpublish = true): void {
    const { joinCode } = runtime.state;
    if (this.byCode.get(joinCode) !== runtime.sessionId) return;
    this.byCode.delete(joinCode);
    if (unpublish) this.publishCode(joinCode, undefined);
    this.options.onCodeReleased?.(joinCode);
  }

  private publishCode(joinCode: string, sessionId: string | undefined): void {
    this.options.codes?.publish(joinCode, sessionId).catch((error: unknown) => {
      this.options.logger.warn({ err: error, sessionId }, 'could not publish a join code');
    });
  }

  /** A lobby nobody joined in time: unloaded and deleted from the store (it holds nothing of value). */
  private async expire(sessionId: string): Promise<void> {
    const runtime = this.entries.get(sessionId);
    if (!runtime || this.lobbyExpiresIn(runtime.state) > 0) return;
    this.entries.delete(sessionId);
    this.releaseCode(runtime);
    await runtime.dispose();
    await this.deleteExpired(sessionId);
    await this.options.ownership?.release(sessionId);
  }

  private async unload(sessionId: string): Promise<void> {
    const runtime = this.entries.get(sessionId);
    if (!runtime) return;
    this.entries.delete(sessionId);
    await runtime.dispose();
    await this.options.ownership?.release(sessionId);
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
