import { assign, type SnapshotFrom, setup } from 'xstate';
import type { SessionCreated, SessionEvent } from '../../shared/session/events';
import {
  createSessionState,
  DATA_EVENT_TYPES,
  type DataEventType,
  evolve,
} from '../../shared/session/evolve';
import { enterPhase, extendPhase, pauseSession, resumeSession } from '../../shared/session/phases';
import type { SessionPhase, SessionState } from '../../shared/session/state';

/**
 * The game master of one exercise (DESIGN.md "The game master"): which phase follows which, and
 * what entering a phase does. Its events are the session's logged events, already accepted by
 * `decide` (shared/session/decide.ts); its context is the SessionState. It is pure: no delays, no
 * clocks, no randomness (XState does not restore pending delayed events from a persisted
 * snapshot, statelyai/xstate#5331), so replaying the log through it rebuilds the same state.
 *
 *   lobby -> live.briefing -> live.round (injects -> deliberation -> decision -> resolution -> review)*
 *         -> debrief -> ended;  live <-> paused, back through a deep history state.
 */

/** Events the machine receives: every logged event but the first, which is its input. */
export type MachineEvent = Exclude<SessionEvent, SessionCreated>;

const enter = (phase: SessionPhase) => ({ type: 'enterPhase', params: { phase } }) as const;

export const sessionMachine = setup({
  types: {
    context: {} as SessionState,
    events: {} as MachineEvent,
    input: {} as SessionCreated,
  },
  actions: {
    applyData: assign(({ context, event }) =>
      (DATA_EVENT_TYPES as readonly string[]).includes(event.type)
        ? evolve(context, event as Extract<MachineEvent, { type: DataEventType }>)
        : context,
    ),
    // Re-entering a phase through the history state (resume) is not entering it anew.
    enterPhase: assign(({ context, event }, params: { phase: SessionPhase }) =>
      event.type === 'session-resumed' ? context : enterPhase(context, params.phase, event.at),
    ),
    pause: assign(({ context, event }) => pauseSession(context, event.at)),
    resume: assign(({ context, event }) => resumeSession(context, event.at)),
    extend: assign(({ context, event }) =>
      event.type === 'timer-extended' ? extendPhase(context, event.ms, event.at) : context,
    ),
  },
  guards: {
    endStateReached: ({ context }) => context.endState !== null,
    finalRound: ({ context }) => context.round >= context.scenario.rounds.count,
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => createSessionState(input),
  initial: 'lobby',
  on: {
    ...Object.fromEntries(DATA_EVENT_TYPES.map((type) => [type, { actions: 'applyData' as const }])),
    'timer-extended': { actions: 'extend' },
  },
  states: {
    lobby: {
      on: {
        'exercise-started': { target: 'live' },
        'exercise-ended': { target: 'ended' },
      },
    },
    live: {
      initial: 'briefing',
      on: {
        'session-paused': { target: 'paused', actions: 'pause' },
        'exercise-ended': { target: 'debrief' },
      },
      states: {
        briefing: {
          entry: enter('briefing'),
          on: { 'phase-advanced': { target: 'round' } },
        },
        round: {
          initial: 'injects',
          states: {
            injects: { entry: enter('injects'), on: { 'phase-advanced': { target: 'deliberation' } } },
            deliberation: { entry: enter('deliberation'), on: { 'phase-advanced': { target: 'decision' } } },
            decision: { entry: enter('decision'), on: { 'phase-advanced': { target: 'resolution' } } },
            resolution: {
              entry: enter('resolution'),
              on: {
                'phase-advanced': [
                  { guard: 'endStateReached', target: '#session.debrief' },
                  { target: 'review' },
                ],
              },
            },
            review: {
              entry: enter('review'),
              on: {
                'phase-advanced': [
                  { guard: 'finalRound', target: '#session.debrief' },
                  { target: 'injects' },
                ],
              },
            },
          },
        },
        history: { type: 'history', history: 'deep' },
      },
    },
    paused: {
      on: {
        'session-resumed': { target: 'live.history', actions: 'resume' },
        'exercise-ended': { target: 'debrief' },
      },
    },
    debrief: {
      entry: enter('debrief'),
      on: {
        'phase-advanced': { target: 'ended' },
        'exercise-ended': { target: 'ended' },
      },
    },
    ended: { type: 'final', entry: enter('ended') },
  },
});

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** The phase the machine is in, read from its state value (the context's `phase` must agree), or `paused`. */
export function machinePhase(snapshot: SessionSnapshot): SessionPhase | 'paused' {
  const value = snapshot.value;
  if (typeof value === 'string') return value as SessionPhase | 'paused';
  const live = (value as { live?: string | { round?: string } }).live;
  return (typeof live === 'string' ? live : live?.round) as SessionPhase;
}
