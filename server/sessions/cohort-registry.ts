import { randomInt } from 'node:crypto';
import type { ErrorCode } from '../../shared/protocol/error-codes';
import type { Scenario } from '../../shared/scenario/schema';
import { FACILITATOR } from '../../shared/session/actor';
import {
  type CohortEvent,
  type CohortState,
  type CohortTable,
  cohortEventSchema,
  evolveCohort,
  isCohortId,
  replayCohort,
} from '../../shared/session/cohort';
import type { Command } from '../../shared/session/commands';
import { authenticate } from '../../shared/session/credentials';
import type { LogEntry } from '../../shared/session/log';
import type { SessionState } from '../../shared/session/state';
import {
  type CohortOverview,
  cohortHeadlineMetrics,
  cohortOverview,
  type TablePresence,
} from '../../shared/views/cohort-overview';
import {
  type CohortComparison,
  type CohortRoom,
  cohortComparison,
  cohortRoom,
  type RoomTableInput,
} from '../../shared/views/cohort-room';
import { project } from '../../shared/views/project';
import { publicScenario } from '../../shared/views/public';
import type { ScreenView } from '../../shared/views/view';
import type { Viewer } from '../../shared/views/viewer';
import type { Clock } from '../game/clock';
import { restore, type SessionPart, type SessionRuntime } from '../game/session-runtime';
import type { Logger } from '../logger';
import type { SessionStore } from '../store/session-store';
import type { SessionRegistry } from './session-registry';
import { hashToken, newId, newToken, sameHash } from './tokens';

/**
 * Classroom mode's owner (issue 13): the cohorts this process runs. A cohort's tables are ordinary
 * sessions of the SessionRegistry (each with its complete log); the cohort's own log (created, and
 * every control applied to several tables) is stored in the same SessionStore under a `c_` id, and
 * replayed at boot. The registry skips those ids when it restores sessions.
 *
 * It also keeps, per table, who is connected (a SessionPart hearing joins and leaves, as the
 * session room reports them) and one version number that changes with any table, for the
 * overview's long poll.
 */

export type CohortAuth = 'facilitator' | 'screen';

export type CreateCohortResult =
  | { ok: true; cohort: CohortState; facilitatorToken: string; screenToken: string }
  | { ok: false; code: ErrorCode; message: string };

export interface ActResult {
  sessionId: string;
  number: number;
  ok: boolean;
  code?: string;
  message?: string;
}

interface Entry {
  state: CohortState;
  seq: number;
  /** Cohort log appends, one at a time. */
  queue: Promise<unknown>;
}

/** How long a long poll waits for a change before it answers with the same version. */
export const LONG_POLL_MS = 20_000;
/** Many machines: the least time between two looks in the store for cohorts other processes created. */
const DISCOVER_MS = 2_000;

export class CohortRegistry {
  readonly #cohorts = new Map<string, Entry>();
  readonly #presence = new Map<
    string,
    { players: Map<string, number>; facilitators: number; screens: number }
  >();
  readonly #watched = new Set<string>();
  /** Stored states of tables no longer in memory (ended and unloaded), by session id and seq. */
  readonly #stored = new Map<string, { seq: number; state: SessionState }>();
  #version = 1;
  #waiters = new Set<() => void>();

  constructor(
    private readonly options: {
      store: SessionStore;
      registry: SessionRegistry;
      clock: Clock;
      logger: Logger;
      /**
       * Many machines: other processes create cohorts in the same store, so a table's cohort this
       * process has not seen is looked for there (at most every DISCOVER_MS).
       */
      sharedStore?: boolean;
    },
  ) {}

  #discoveredAt = Number.NEGATIVE_INFINITY;

  get version(): number {
    return this.#version;
  }

  /** Replays every stored cohort and watches its tables again (after the registry restored them). */
  async restore(): Promise<number> {
    let restored = 0;
    for (const summary of await this.options.store.list()) {
      if (!isCohortId(summary.sessionId) || this.#cohorts.has(summary.sessionId)) continue;
      try {
        if (await this.#load(summary.sessionId)) restored++;
      } catch (error) {
        this.options.logger.warn({ err: error, cohortId: summary.sessionId }, 'cohort not restored');
      }
    }
    this.options.logger.info({ restored }, 'cohorts restored');
    return restored;
  }

  async #load(cohortId: string): Promise<Entry | undefined> {
    const events = await this.options.store.readEvents(cohortId);
    const parsed = events.map((e) =>
      cohortEventSchema.parse({ ...(e.data as object), type: e.type, at: e.at }),
    );
    const state = replayCohort(parsed);
    if (!state) return undefined;
    const entry: Entry = { state, seq: events.at(-1)?.seq ?? 0, queue: Promise.resolve() };
    this.#cohorts.set(cohortId, entry);
    for (const table of state.tables) this.#watch(table.sessionId);
    return entry;
  }

  /** The cohort, from memory or from the store (a cohort is small: its log is read whole). */
  async get(cohortId: string): Promise<CohortState | undefined> {
    if (!isCohortId(cohortId)) return undefined;
    const held = this.#cohorts.get(cohortId);
    if (held) return held.state;
    try {
      return (await this.#load(cohortId))?.state;
    } catch {
      return undefined;
    }
  }

  /** Which credential the token is for this cohort, if any. */
  authenticate(cohort: CohortState, token: string): CohortAuth | undefined {
    const hash = hashToken(token);
    if (sameHash(hash, cohort.facilitatorTokenHash)) return 'facilitator';
    if (sameHash(hash, cohort.screenTokenHash)) return 'screen';
    return undefined;
  }

  async create(request: {
    scenario: Scenario;
    tables: number;
    name: string;
    seeds: 'same' | 'different';
    seed?: number;
    facilitatorToken?: string;
    address: string;
  }): Promise<CreateCohortResult> {
    const cohortId = newId('c');
    const facilitatorToken = request.facilitatorToken ?? newToken();
    const screenToken = newToken();
    const firstSeed = request.seed ?? randomInt(2 ** 31 - 1 - request.tables);
    const tables: CohortTable[] = [];
    for (let n = 1; n <= request.tables; n++) {
      const seed = request.seeds === 'same' ? firstSeed : firstSeed + n - 1;
      // The cohort counts once against its address's creation rate: a class of ten tables is one
      // facilitator's one request. The server-wide rate and SESSIONS_MAX still bound every table.
      const created = await this.options.registry.create({
        scenario: request.scenario,
        seed,
        facilitatorToken,
        address: n === 1 ? request.address : `cohort:${cohortId}`,
      });
      if (!created.ok) {
        // Tables made so far stay as empty lobbies and expire like any lobby nobody joined.
        return { ok: false, code: created.code, message: `table ${n}: ${created.message}` };
      }
      tables.push({ sessionId: created.sessionId, joinCode: created.joinCode, number: n, seed });
    }
    const event: CohortEvent = {
      type: 'cohort-created',
      cohortId,
      name: request.name || request.scenario.title,
      scenario: { id: request.scenario.id, version: request.scenario.version, title: request.scenario.title },
      sameSeed: request.seeds === 'same',
      tables,
      facilitatorTokenHash: hashToken(facilitatorToken),
      screenTokenHash: hashToken(screenToken),
      at: this.options.clock.now(),
    };
    try {
      const appended = await this.options.store.append(cohortId, 0, [entryOf(event, 1)]);
      if (!appended.ok) return { ok: false, code: 'conflict', message: `cohort ${cohortId} already exists` };
    } catch (error) {
      return { ok: false, code: 'storage-unavailable', message: describe(error) };
    }
    const state = replayCohort([event]);
    if (!state) return { ok: false, code: 'internal-error', message: 'the cohort could not be started' };
    this.#cohorts.set(cohortId, { state, seq: 1, queue: Promise.resolve() });
    for (const table of tables) this.#watch(table.sessionId);
    this.#bump();
    return { ok: true, cohort: state, facilitatorToken, screenToken };
  }

  /** One control on the chosen tables (each table's own rules decide), logged in the cohort's log. */
  async act(
    cohort: CohortState,
    command: Command,
    sessionIds: readonly string[] | 'all',
  ): Promise<ActResult[]> {
    const chosen =
      sessionIds === 'all' ? cohort.tables : cohort.tables.filter((t) => sessionIds.includes(t.sessionId));
    const results = await Promise.all(
      chosen.map(async (table): Promise<ActResult> => {
        const runtime = this.options.registry.get(table.sessionId);
        if (!runtime)
          return {
            sessionId: table.sessionId,
            number: table.number,
            ok: false,
            code: 'not-found',
            message: 'the table is not running',
          };
        const result = await runtime.command(FACILITATOR, command);
        return result.ok
          ? { sessionId: table.sessionId, number: table.number, ok: true }
          : {
              sessionId: table.sessionId,
              number: table.number,
              ok: false,
              code: result.code,
              message: result.message,
            };
      }),
    );
    await this.#append(cohort.cohortId, {
      type: 'cohort-acted',
      command: command.type,
      sessionIds: chosen.map((t) => t.sessionId),
      results: results.map((r) => ({
        sessionId: r.sessionId,
        ok: r.ok,
        ...(r.code ? { code: r.code } : {}),
      })),
      at: this.options.clock.now(),
    });
    return results;
  }

  /** A co-facilitator link for one table: a facilitator credential of that table only. */
  async coFacilitator(
    cohort: CohortState,
    sessionId: string,
    name: string,
  ): Promise<{ ok: true; token: string } | { ok: false; code: ErrorCode; message: string }> {
    if (!cohort.tables.some((t) => t.sessionId === sessionId))
      return { ok: false, code: 'not-found', message: 'no such table in this cohort' };
    const runtime = this.options.registry.get(sessionId);
    if (!runtime) return { ok: false, code: 'not-found', message: 'the table is not running' };
    const token = newToken();
    const result = await runtime.command(FACILITATOR, {
      type: 'issue-credential',
      kind: 'facilitator',
      name,
      tokenHash: hashToken(token),
    });
    return result.ok ? { ok: true, token } : { ok: false, code: result.code, message: result.message };
  }

  async overview(cohort: CohortState): Promise<CohortOverview> {
    const states = await this.#tableStates(cohort);
    const scenario = states.find((s) => s !== undefined)?.scenario;
    return cohortOverview(
      cohort,
      cohort.tables.map((table, i) => ({
        table,
        state: states[i],
        presence: this.#presenceOf(table.sessionId),
      })),
      {
        now: this.options.clock.now(),
        version: this.#version,
        metrics: scenario ? cohortHeadlineMetrics(scenario) : [],
      },
    );
  }

  async room(cohort: CohortState): Promise<CohortRoom | undefined> {
    const inputs = await this.#roomInputs(cohort);
    if (!inputs) return undefined;
    return cohortRoom(cohort, inputs.tables, inputs.scenario, {
      now: this.options.clock.now(),
      version: this.#version,
      metrics: inputs.metrics,
    });
  }

  async comparison(cohort: CohortState): Promise<CohortComparison | undefined> {
    const inputs = await this.#roomInputs(cohort);
    return inputs && cohortComparison(inputs.tables, inputs.scenario, inputs.metrics);
  }

  /**
   * The class a table belongs to, if any. One process has every cohort in memory once restored at
   * boot; with a shared store a cohort another process created since is read from the store.
   */
  async findForTable(sessionId: string): Promise<CohortState | undefined> {
    const known = this.forTable(sessionId);
    if (known || !this.options.sharedStore) return known;
    const now = performance.now();
    if (now - this.#discoveredAt < DISCOVER_MS) return undefined;
    this.#discoveredAt = now;
    await this.restore();
    return this.forTable(sessionId);
  }

  /** The class a table belongs to among the cohorts in memory, if any. */
  forTable(sessionId: string): CohortState | undefined {
    for (const entry of this.#cohorts.values())
      if (entry.state.tables.some((t) => t.sessionId === sessionId)) return entry.state;
    return undefined;
  }

  /**
   * The class comparison for a table's after-action report: for a facilitator credential of that
   * table (or the class's own); undefined when the table is in no class or the token is not one.
   */
  async tableComparison(
    sessionId: string,
    token: string,
  ): Promise<{ cohort: CohortState; number: number; comparison: CohortComparison | undefined } | undefined> {
    const cohort = await this.findForTable(sessionId).catch(() => undefined);
    const table = cohort?.tables.find((t) => t.sessionId === sessionId);
    if (!cohort || !table) return undefined;
    const own = this.authenticate(cohort, token) === 'facilitator';
    const runtime = this.options.registry.get(sessionId);
    const state = runtime?.state ?? this.#stored.get(sessionId)?.state;
    if (!own && (!state || authenticate(state, hashToken(token))?.kind !== 'facilitator')) return undefined;
    return { cohort, number: table.number, comparison: await this.comparison(cohort) };
  }

  /** Resolves when the version differs from `after` (at once when it already does), or after `ms`. */
  changed(after: number | undefined, ms = LONG_POLL_MS): Promise<void> {
    if (after === undefined || after !== this.#version) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.#waiters.add(done);
    });
  }

  /** Answers every waiting long poll (shutdown). */
  close(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  async #roomInputs(cohort: CohortState) {
    const states = await this.#tableStates(cohort);
    const first = states.find((s) => s !== undefined);
    if (!first) return undefined;
    const tables: RoomTableInput[] = cohort.tables.map((table, i) => {
      const state = states[i];
      return { table, view: state && (project(state, { kind: 'screen' }) as ScreenView) };
    });
    return {
      tables,
      scenario: publicScenario(first.scenario),
      metrics: cohortHeadlineMetrics(first.scenario),
    };
  }

  async #tableStates(cohort: CohortState): Promise<(SessionState | undefined)[]> {
    return Promise.all(
      cohort.tables.map(async (table) => {
        const runtime = this.options.registry.get(table.sessionId);
        if (runtime) {
          this.#watch(table.sessionId); // a table taken over since the cohort was loaded
          return runtime.state;
        }
        // Not running here: ended and unloaded, or (many machines) running on another process.
        // An ended table's log no longer grows, so it is read once; a live one is read each time.
        const cached = this.#stored.get(table.sessionId);
        if (cached) return cached.state;
        try {
          const restored = await restore(this.options.store, table.sessionId);
          if (!restored) return undefined;
          if (restored.state.phase === 'ended')
            this.#stored.set(table.sessionId, { seq: restored.lastSeq, state: restored.state });
          return restored.state;
        } catch (error) {
          this.options.logger.warn({ err: error, sessionId: table.sessionId }, 'cohort table unreadable');
          return undefined;
        }
      }),
    );
  }

  #presenceOf(sessionId: string): TablePresence {
    return this.#presence.get(sessionId) ?? { players: new Map(), facilitators: 0, screens: 0 };
  }

  /** Attaches the presence-and-change part to a table's runtime (once per runtime). */
  #watch(sessionId: string): void {
    const runtime = this.options.registry.get(sessionId);
    if (!runtime || this.#watched.has(sessionId)) return;
    this.#watched.add(sessionId);
    this.#presence.set(sessionId, { players: new Map(), facilitators: 0, screens: 0 });
    runtime.attach(this.#part(runtime));
  }

  #part(runtime: SessionRuntime): SessionPart {
    const { sessionId } = runtime;
    const count = (viewer: Viewer, by: number) => {
      const presence = this.#presence.get(sessionId);
      if (!presence) return;
      if (viewer.kind === 'player')
        presence.players.set(viewer.playerId, Math.max(0, (presence.players.get(viewer.playerId) ?? 0) + by));
      else if (viewer.kind === 'facilitator') presence.facilitators = Math.max(0, presence.facilitators + by);
      else if (viewer.kind === 'screen') presence.screens = Math.max(0, presence.screens + by);
      this.#bump();
    };
    return {
      onJoin: (viewer: Viewer) => count(viewer, 1),
      onLeave: (viewer: Viewer) => count(viewer, -1),
      onCommand: () => this.#bump(),
      onDispose: () => {
        this.#watched.delete(sessionId);
        this.#bump();
      },
    };
  }

  #bump(): void {
    this.#version++;
    for (const waiter of [...this.#waiters]) waiter();
  }

  async #append(cohortId: string, event: CohortEvent): Promise<void> {
    const entry = this.#cohorts.get(cohortId);
    if (!entry) return;
    const run = entry.queue.then(async () => {
      try {
        const appended = await this.options.store.append(cohortId, entry.seq, [
          entryOf(event, entry.seq + 1),
        ]);
        if (!appended.ok) {
          // Another process wrote the cohort's log: read it again rather than guess.
          this.#cohorts.delete(cohortId);
          await this.#load(cohortId);
          return;
        }
        entry.seq += 1;
        entry.state = evolveCohort(entry.state, event);
        this.#bump();
      } catch (error) {
        // The tables' own logs hold what was done; the cohort's audit line is what is lost.
        this.options.logger.warn({ err: error, cohortId }, 'could not log a cohort action');
      }
    });
    entry.queue = run.catch(() => {});
    await run;
  }
}

function entryOf(event: CohortEvent, seq: number): LogEntry {
  const { type, at, ...data } = event;
  return { seq, type, at, data };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
