import { and, assign, type SnapshotFrom, type StateValue, setup, stateIn, transition } from 'xstate';
import { PHASES, type Phase } from '../scenario/schema';
import type { SessionCreated, SessionEvent } from './events';
import { createSessionState, DATA_EVENT_TYPES, type DataEvent, evolve } from './evolve';
import { enterPhase, extendPhase, pauseSession, resumeSession } from './phases';
import type { SessionPhase, SessionState } from './state';

/**
 * The game master of one exercise (DESIGN.md "The game master"): the one authority on phases.
 * Which phase follows which, which logged event may happen in which phase, and what entering a
 * phase does are all here; `decide` asks it (`canTake`) before it accepts a command, and the
 * runtime and `replay` apply events only through it. Its events are the session's logged events;
 * its context is the SessionState. It is pure: no delays, no clocks, no randomness (XState does not
 * restore pending delayed events from a persisted snapshot, statelyai/xstate#5331), so replaying
 * the log through it rebuilds the same state.
 *
 *   lobby -> live (briefing -> round: injects -> deliberation -> decision -> resolution -> review)*
 *         -> debrief -> ended
 *
 * `live` runs two regions side by side: the flow of phases, and the clock (running or paused). So
 * pausing never leaves the phase, resuming needs no history state, and the machine's state is
 * fully determined by the SessionState's `phase` and `paused`: `machineSnapshot(state)` rebuilds it
 * from a stored state alone, and snapshots store the SessionState, never XState's internal format.
 *
 * The round's phase order is written once, as the scenario vocabulary `PHASES`
 * (shared/scenario/schema.ts); the round's states and their transitions are generated from it.
 */

/** Events the machine receives: every logged event but the first, which is its input. */
export type MachineEvent = Exclude<SessionEvent, SessionCreated>;
export type MachineEventType = MachineEvent['type'];

/** Data events the table may log whenever the exercise has not ended. */
const ANY_TIME_EVENTS = [
  'player-joined',
  'join-requested',
  'join-refused',
  'seating-changed',
  'role-reserved',
  'role-assigned',
  'player-removed',
  'credential-issued',
  'token-revoked',
  'decision-overridden',
  'inject-skipped',
  'inject-rescheduled',
  'inject-added',
  'inject-edited',
  'message-sent',
  'observation-recorded',
  'deliverable-submitted',
  'deliverable-rated',
  'corrective-actions-imported',
] as const satisfies readonly DataEvent['type'][];

/** What the table and the facilitator record in the debrief: the hot wash, feedback and the report (issue 21). */
const DEBRIEF_EVENTS = [
  'hot-wash-answered',
  'feedback-submitted',
  'debrief-item-marked',
  'secret-objective-judged',
  'report-edited',
] as const satisfies readonly DataEvent['type'][];

/** Proposals are made and decided while the table deliberates and decides, and the clock runs. */
const PROPOSAL_EVENTS = [
  'proposal-submitted',
  'proposal-withdrawn',
  'proposal-reviewed',
  'proposal-vetoed',
  'vote-cast',
] as const satisfies readonly DataEvent['type'][];
const DECIDING_PHASES: readonly Phase[] = ['deliberation', 'decision'];

const CLOCK_RUNNING = { live: { clock: 'running' } } as const;

const enter = (phase: SessionPhase) => ({ type: 'enterPhase', params: { phase } }) as const;
const dataTransitions = (types: readonly DataEvent['type'][], guard?: 'clockRunning') =>
  Object.fromEntries(
    types.map((type) => [type, { actions: 'applyData' as const, ...(guard ? { guard } : {}) }]),
  );

/**
 * A round phase's state: entering it runs the phase; `phase-advanced` (only while the clock runs)
 * goes to the next phase, out of the resolution to the debrief once an end state is reached, and
 * out of the last phase to the next round or, after the final round, to the debrief.
 */
function roundPhaseState(phase: Phase, index: number) {
  const next = PHASES[index + 1] ?? PHASES[0];
  const last = index === PHASES.length - 1;
  return {
    entry: enter(phase),
    on: {
      'phase-advanced': [
        ...(phase === 'resolution'
          ? [{ guard: and(['clockRunning', 'endStateReached']), target: '#session.debrief' }]
          : []),
        ...(last ? [{ guard: and(['clockRunning', 'finalRound']), target: '#session.debrief' }] : []),
        { guard: 'clockRunning' as const, target: next },
      ],
      ...(DECIDING_PHASES.includes(phase) ? dataTransitions(PROPOSAL_EVENTS, 'clockRunning') : {}),
    },
  };
}

/** The context of XState's throwaway actors (see `context` below); never a session's state. */
const INERT_CONTEXT = Object.freeze({}) as SessionState;

export const sessionMachine = setup({
  types: {
    context: {} as SessionState,
    events: {} as MachineEvent,
    input: {} as SessionCreated,
  },
  actions: {
    applyData: assign(({ context, event }) =>
      (DATA_EVENT_TYPES as readonly string[]).includes(event.type)
        ? evolve(context, event as DataEvent)
        : context,
    ),
    enterPhase: assign(({ context, event }, params: { phase: SessionPhase }) =>
      enterPhase(context, params.phase, event.at),
    ),
    pause: assign(({ context, event }) => pauseSession(context, event.at)),
    resume: assign(({ context, event }) => resumeSession(context, event.at)),
    extend: assign(({ context, event }) =>
      event.type === 'timer-extended' ? extendPhase(context, event.ms, event.at) : context,
    ),
  },
  guards: {
    clockRunning: stateIn(CLOCK_RUNNING),
    endStateReached: ({ context }) => context.endState !== null,
    finalRound: ({ context }) => context.round >= context.scenario.rounds.count,
  },
}).createMachine({
  id: 'session',
  // XState's pure `transition` builds a throwaway actor for every event and computes that actor's
  // initial context without input; answer it with an empty context instead of letting
  // createSessionState throw a TypeError that XState catches (about 15% of a game's time).
  context: ({ input }) => (input === undefined ? INERT_CONTEXT : createSessionState(input)),
  initial: 'lobby',
  on: dataTransitions(ANY_TIME_EVENTS),
  states: {
    lobby: {
      on: {
        'exercise-started': { target: 'live' },
        'exercise-ended': { target: 'ended' },
        'player-ready': { actions: 'applyData' },
      },
    },
    live: {
      type: 'parallel',
      on: {
        'exercise-ended': { target: 'debrief' },
        'inject-fired': { actions: 'applyData' },
        'timer-extended': { actions: 'extend' },
      },
      states: {
        flow: {
          initial: 'briefing',
          states: {
            briefing: {
              entry: enter('briefing'),
              on: { 'phase-advanced': { guard: 'clockRunning', target: 'round' } },
            },
            round: {
              initial: PHASES[0],
              states: Object.fromEntries(PHASES.map((phase, i) => [phase, roundPhaseState(phase, i)])),
            },
          },
        },
        clock: {
          initial: 'running',
          states: {
            running: {
              on: {
                'session-paused': { target: 'paused', actions: 'pause' },
                'player-ready': { actions: 'applyData' },
              },
            },
            paused: { on: { 'session-resumed': { target: 'running', actions: 'resume' } } },
          },
        },
      },
    },
    debrief: {
      entry: enter('debrief'),
      on: {
        ...dataTransitions(DEBRIEF_EVENTS),
        'phase-advanced': { target: 'ended' },
        'exercise-ended': { target: 'ended' },
      },
    },
    ended: { type: 'final', entry: enter('ended') },
  },
});

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/**
 * What the machine's guards read of a session: enough to ask it about phases from a viewer's
 * projection too (the client asks `canTake` with its view and the public scenario).
 */
export type PhaseSituation = Pick<
  SessionState,
  'phase' | 'paused' | 'round' | 'endState' | 'phaseStartedAt'
> & {
  scenario: { rounds: Pick<SessionState['scenario']['rounds'], 'count'> };
};

/** The machine's state value for a session state: its phase, and in a live phase whether the clock runs. */
export function stateValueOf(state: Pick<SessionState, 'phase' | 'paused'>): StateValue {
  const { phase } = state;
  if (phase === 'lobby' || phase === 'debrief' || phase === 'ended') return phase;
  const clock = state.paused ? 'paused' : 'running';
  return { live: { flow: phase === 'briefing' ? 'briefing' : { round: phase }, clock } };
}

/**
 * Snapshots already built, by the state they hold: every command asks `canTake` and every batch of
 * events starts from a snapshot, and resolving one from scratch walks the whole machine. A session
 * state is never modified once built, so its snapshot can be reused; the phase and clock are checked
 * again so that a state modified in place anyway (a defect) cannot get a stale one.
 */
const snapshots = new WeakMap<SessionState, SessionSnapshot>();

/** The machine's snapshot for a session state (a live one, a stored one, or a replayed one). */
export function machineSnapshot(state: SessionState): SessionSnapshot {
  const known = snapshots.get(state);
  if (known && machinePhaseOf(known) === state.phase && isPausedIn(known) === state.paused) return known;
  const snapshot = sessionMachine.resolveState({ value: stateValueOf(state), context: state });
  snapshots.set(state, snapshot);
  return snapshot;
}

/** Whether a snapshot's state value has the clock paused. */
function isPausedIn(snapshot: SessionSnapshot): boolean {
  const value = snapshot.value;
  return typeof value !== 'string' && (value as { live: { clock: string } }).live.clock === 'paused';
}

/** The phase in a snapshot's state value, paused or not. */
function machinePhaseOf(snapshot: SessionSnapshot): SessionPhase {
  const value = snapshot.value;
  if (typeof value === 'string') return value as SessionPhase;
  const flow = (value as { live: { flow: string | { round: string } } }).live.flow;
  return (typeof flow === 'string' ? flow : flow.round) as SessionPhase;
}

/** The phase the machine is in, read from its state value (the context's `phase` must agree), or `paused`. */
export function machinePhase(snapshot: SessionSnapshot): SessionPhase | 'paused' {
  const value = snapshot.value;
  if (typeof value === 'string') return value as SessionPhase;
  const live = (value as { live: { flow: string | { round: string }; clock: string } }).live;
  if (live.clock === 'paused') return 'paused';
  return (typeof live.flow === 'string' ? live.flow : live.flow.round) as SessionPhase;
}

/** The state a new session starts in. */
export function startSession(created: SessionCreated): SessionState {
  return createSessionState(created);
}

/** The machine reached its final state: the session accepts no more commands. */
export function hasEnded(state: PhaseSituation): boolean {
  return situationSnapshot(state).status === 'done';
}

/** A snapshot for asking questions only: the guards read no more of the context than `PhaseSituation`. */
function situationSnapshot(state: PhaseSituation): SessionSnapshot {
  return machineSnapshot(state as SessionState);
}

/**
 * Whether the game master takes an event of this type now. `decide` asks it before accepting a
 * command: the phase rules live here and nowhere else. Guards read only the state, so the type is
 * enough; `at` and the payload do not matter to the question.
 */
export function canTake(state: PhaseSituation, type: MachineEventType): boolean {
  const probe = { type, at: state.phaseStartedAt, actor: { kind: 'system' } } as MachineEvent;
  return situationSnapshot(state).can(probe);
}

/**
 * Why the game master would refuse an event of this type: `null` when it takes it, `paused` when
 * it would take it once the exercise is resumed, otherwise `wrong-phase`. Lets `decide` say which.
 */
export function phaseRefusal(state: PhaseSituation, type: MachineEventType): 'paused' | 'wrong-phase' | null {
  if (canTake(state, type)) return null;
  return state.paused && canTake({ ...state, paused: false }, type) ? 'paused' : 'wrong-phase';
}

export class RefusedEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly phase: SessionPhase,
  ) {
    super(`the game master cannot take ${eventType} in ${phase}`);
    this.name = 'RefusedEventError';
  }
}

/**
 * The state after these events, each applied through the machine in order. An event the machine
 * does not take in its state is a defect in `decide` (or a corrupt log): it throws
 * `RefusedEventError` rather than being silently dropped.
 */
export function applyEvents(state: SessionState, events: readonly SessionEvent[]): SessionState {
  if (events.length === 0) return state;
  let snapshot = machineSnapshot(state);
  for (const event of events) {
    if (event.type === 'session-created') throw new Error('session-created may only be the first event');
    if (snapshot.status !== 'active' || !snapshot.can(event)) {
      throw new RefusedEventError(event.type, snapshot.context.phase);
    }
    [snapshot] = transition(sessionMachine, snapshot, event);
  }
  snapshots.set(snapshot.context, snapshot);
  return snapshot.context;
}
