import { deliverAll, dueByDay, dueScheduled } from './injects';
import { resolveRound } from './resolution';
import { computeScore } from './scoring';
import { isRoundPhase, type Outcome, type SessionPhase, type SessionState } from './state';
import { extendTimer, pauseTimer, resumeTimer, startTimer, UNTIMED } from './timer';

/**
 * What happens when the exercise enters a phase, pauses, resumes or gets more time. The session
 * machine (shared/session/machine.ts) decides which phase comes next; these pure functions
 * say what entering it does to the state.
 */

/** Phases the facilitator can pause, extend and fire injects in. */
export function isLive(phase: SessionPhase): boolean {
  return phase === 'briefing' || isRoundPhase(phase);
}

/**
 * Entering a phase: the countdown starts (or stays frozen while paused), readiness is cleared,
 * injects due now are delivered. A round begins with its injects phase (day-triggered injects whose
 * day has come are delivered then, e.g. day 0); the resolution phase runs the simulation; the
 * debrief fixes the outcome and the score.
 */
export function enterPhase(state: SessionState, phase: SessionPhase, at: number): SessionState {
  const seconds = isRoundPhase(phase) ? state.scenario.rounds.phaseSeconds[phase] : 0;
  let next: SessionState = {
    ...state,
    phase,
    phaseStartedAt: at,
    ready: [],
    timer: startTimer(seconds, at, state.paused),
  };
  if (phase === 'injects') {
    next = { ...next, round: next.round + 1 };
    next = deliverAll(next, dueByDay(next, next.sim.day), 'day', at);
  }
  if (isRoundPhase(phase)) next = deliverAll(next, dueScheduled(next, next.round, phase), 'scheduled', at);
  if (phase === 'resolution') next = resolveRound(next, at);
  if (phase === 'debrief' || phase === 'ended') {
    next = { ...next, paused: false, timer: UNTIMED, outcome: next.outcome ?? outcomeOf(next) };
    next = { ...next, score: computeScore(next) };
  }
  return next;
}

function outcomeOf(state: SessionState): Outcome {
  if (state.endState)
    return { kind: 'end-state', endStateId: state.endState.endStateId, title: state.endState.title };
  return state.rounds.length >= state.scenario.rounds.count
    ? { kind: 'completed' }
    : { kind: 'ended-by-facilitator' };
}

export function pauseSession(state: SessionState, at: number): SessionState {
  return { ...state, paused: true, timer: pauseTimer(state.timer, at) };
}

/** Resuming restores the frozen time and delivers, now, the injects fired during the pause. */
export function resumeSession(state: SessionState, at: number): SessionState {
  const resumed = { ...state, paused: false, timer: resumeTimer(state.timer, at) };
  const queued = state.injects.filter((e) => e.queued && e.status === 'ready').map((e) => e.injectId);
  return deliverAll(
    { ...resumed, injects: resumed.injects.map((e) => (e.queued ? { ...e, queued: false } : e)) },
    queued,
    'facilitator',
    at,
  );
}

/** More time, and submissions reopen: whoever said they were done may act again. */
export function extendPhase(state: SessionState, ms: number, at: number): SessionState {
  return { ...state, ready: [], timer: extendTimer(state.timer, ms, at, state.paused) };
}
