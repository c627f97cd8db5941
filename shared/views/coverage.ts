import { conditionAtoms, isMetricCondition } from '../scenario/condition-schema';
import type { Action, Objective } from '../scenario/schema';
import type { ObjectiveResult, Proposal } from '../session/state';
import { metricsMovedBy, metricsMovedByAction } from '../sim/effect-metrics';
import type { Effect } from '../sim/effects';
import type { MetricName } from '../sim/metrics';
import type { FacilitatorView, TimelineInject } from './view';

/**
 * Live objective coverage (issue 17): during the exercise, which objectives has the table
 * exercised so far, and which ones risk never being exercised before time runs out.
 *
 * An objective is exercised once something that bears on it has happened: an applied action whose
 * effects move the objective's metric (first order, shared/sim/effect-metrics.ts, the same reach
 * the dry run uses), or a delivered inject that moves it or names the objective in its MSEL
 * "objectives" column. With few rounds left (WARN_WITHIN_ROUNDS, or a quarter of the exercise if
 * longer) an objective not yet exercised is flagged, with the scenario's hand-fired (`manual`)
 * injects that bear on it as contingencies, the scenario's contingency injects first.
 *
 * Pure, and built from the facilitator's view (the timeline holds every inject with its effects),
 * so the console computes it in the browser with nothing more than it already receives.
 */

/** Warn when this many rounds or fewer are left to play (the current one included). */
export const WARN_WITHIN_ROUNDS = 2;

export interface CoverageSource {
  kind: 'action' | 'inject';
  /** Proposal id or inject id. */
  id: string;
  title: string;
  round: number;
}

export interface ContingencyInject {
  injectId: string;
  number: number;
  title: string;
  /** Marked a contingency in the scenario (MSEL contingency flag). */
  contingency: boolean;
  /** Why it bears on the objective, in words. */
  reason: string;
}

export interface ObjectiveCoverage {
  objectiveId: string;
  title: string;
  /** The metric its test reads, when it reads one (a rated or decision objective may not). */
  metric: MetricName | null;
  /** Null for a rated objective: evaluators judge it, on no particular day. */
  byDay: number | null;
  exercised: boolean;
  /** What exercised it, earliest first. */
  by: CoverageSource[];
  /** The objective's result once its day has come. */
  result: ObjectiveResult | null;
  /** Not exercised, not yet judged, and few rounds left: the console's warning. */
  warning: string | null;
  /** Hand-fired injects still ready that would exercise it (only when warned). */
  contingencies: ContingencyInject[];
}

export interface CoverageReport {
  /** Rounds not yet resolved, the current one included. */
  roundsLeft: number;
  /** Warnings start when `roundsLeft` is at most this. */
  warnWithin: number;
  objectives: ObjectiveCoverage[];
}

type CoverageView = Pick<FacilitatorView, 'phase' | 'rounds' | 'proposals' | 'timeline' | 'objectives'>;
interface CoverageScenario {
  objectives: readonly Objective[];
  actions: readonly Action[];
  rounds: { count: number };
}

export function objectiveCoverage(view: CoverageView, scenario: CoverageScenario): CoverageReport {
  const count = scenario.rounds.count;
  const roundsLeft = Math.max(0, count - view.rounds.length);
  const warnWithin = Math.max(WARN_WITHIN_ROUNDS, Math.ceil(count / 4));
  const live = view.phase !== 'lobby' && view.phase !== 'debrief' && view.phase !== 'ended';

  const sources = [
    ...view.proposals.filter((p) => p.resolution?.applied).map((p) => actionSource(p, scenario.actions)),
    ...view.timeline.filter((t) => t.status === 'sent').map(injectSource),
  ].filter((s): s is Source => s !== undefined);

  const objectives = scenario.objectives.map((objective): ObjectiveCoverage => {
    const metric = objectiveMetric(objective);
    const by = sources
      .filter((s) => s.objectives.includes(objective.id) || (metric !== null && s.metrics.has(metric)))
      .sort((a, b) => a.source.round - b.source.round)
      .map((s) => s.source);
    const result = view.objectives.find((r) => r.objectiveId === objective.id) ?? null;
    const exercised = by.length > 0;
    const warned = live && !exercised && result === null && roundsLeft <= warnWithin;
    return {
      objectiveId: objective.id,
      title: objective.title,
      metric,
      byDay: objective.byDay ?? null,
      exercised,
      by,
      result,
      warning: warned
        ? `Not exercised yet, with ${roundsLeft} round${roundsLeft === 1 ? '' : 's'} left: ${metric === null ? 'nothing aimed at it' : `nothing that moves ${metric}`} has happened.`
        : null,
      contingencies: warned ? contingenciesFor(objective, view.timeline) : [],
    };
  });
  return { roundsLeft, warnWithin, objectives };
}

interface Source {
  source: CoverageSource;
  metrics: Set<MetricName>;
  objectives: readonly string[];
}

function actionSource(p: Proposal, actions: readonly Action[]): Source | undefined {
  const action = actions.find((a) => a.id === p.actionId);
  if (!action) return undefined;
  return {
    source: { kind: 'action', id: p.id, title: action.title, round: p.round },
    metrics: metricsMovedByAction(action),
    objectives: [],
  };
}

function injectSource(t: TimelineInject): Source {
  return {
    source: { kind: 'inject', id: t.injectId, title: t.inject.title, round: t.sentAt?.round ?? 0 },
    metrics: injectMetrics(t),
    objectives: t.inject.objectives,
  };
}

/** The first metric an objective's test reads, or null. */
export function objectiveMetric(objective: Objective): MetricName | null {
  const atom = objective.test ? conditionAtoms(objective.test).find(isMetricCondition) : undefined;
  return atom ? (atom.metric as MetricName) : null;
}

function injectMetrics(t: TimelineInject): Set<MetricName> {
  return new Set((t.inject.effects as Effect[]).flatMap((e) => metricsMovedBy(e)));
}

function contingenciesFor(objective: Objective, timeline: readonly TimelineInject[]): ContingencyInject[] {
  return timeline
    .filter((t) => t.status === 'ready' && !t.queued && t.trigger.type === 'manual')
    .flatMap((t) => {
      const names = t.inject.objectives.includes(objective.id);
      const metric = objectiveMetric(objective);
      const moves = metric !== null && injectMetrics(t).has(metric);
      if (!names && !moves) return [];
      return [
        {
          injectId: t.injectId,
          number: t.inject.number,
          title: t.inject.title,
          contingency: t.inject.contingency,
          reason: names ? 'the scenario lists it for this objective' : `its effects move ${metric}`,
        },
      ];
    })
    .sort((a, b) => Number(b.contingency) - Number(a.contingency) || a.number - b.number);
}
