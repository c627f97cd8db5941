import { type FirstDifference, type ForkRun, firstDifference } from '../session/fork';
import type { EndStateReached, ObjectiveResult, Outcome, SessionState } from '../session/state';
import { metricSeries } from './project';
import type { MetricSeries } from './view';

/**
 * A fork (shared/session/fork.ts) as the debrief and the console show it: both futures' charts
 * (the same metric series every chart reads), objectives, end state and score, the decisions of
 * the forked round in each, and what differed first. For the facilitator only: a fork is computed
 * from the whole log.
 */

export interface ForkFuture {
  series: MetricSeries;
  objectives: ObjectiveResult[];
  endState: EndStateReached | null;
  outcome: Outcome | null;
  score: number | null;
  roundsPlayed: number;
  finalDay: number;
  /** The forked round's decisions: what was applied, by action title. */
  applied: { proposalId: string; actionId: string; title: string }[];
}

export interface ForkComparison {
  round: number;
  original: ForkFuture;
  fork: ForkFuture;
  firstDifference: FirstDifference | null;
  /** Objectives met in one future and not the other. */
  objectivesChanged: { objectiveId: string; title: string; original: boolean | null; fork: boolean | null }[];
  refused: ForkRun['refused'];
  playedOnRounds: number;
}

export function compareFork(run: ForkRun): ForkComparison {
  const { original, fork } = run;
  const round = run.spec.round;
  const objectivesChanged = original.scenario.objectives.flatMap((o) => {
    const a = original.objectives.find((r) => r.objectiveId === o.id)?.met ?? null;
    const b = fork.objectives.find((r) => r.objectiveId === o.id)?.met ?? null;
    return a === b ? [] : [{ objectiveId: o.id, title: o.title, original: a, fork: b }];
  });
  return {
    round,
    original: future(original, round),
    fork: future(fork, round),
    firstDifference: firstDifference(original, fork),
    objectivesChanged,
    refused: run.refused,
    playedOnRounds: run.playedOnRounds,
  };
}

function future(state: SessionState, round: number): ForkFuture {
  return {
    series: metricSeries(state.sim),
    objectives: state.objectives,
    endState: state.endState,
    outcome: state.outcome,
    score: state.score?.total ?? null,
    roundsPlayed: state.rounds.length,
    finalDay: state.sim.day,
    applied: state.proposals
      .filter((p) => p.round === round && p.resolution?.applied)
      .map((p) => ({
        proposalId: p.id,
        actionId: p.actionId,
        title: state.scenario.actions.find((a) => a.id === p.actionId)?.title ?? p.actionId,
      })),
  };
}
