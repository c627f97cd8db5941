import type { Condition } from '../../shared/scenario/condition-schema';
import { isMetricCondition } from '../../shared/scenario/condition-schema';
import { resolveAction } from '../../shared/scenario/resolve-action';
import type { Action, Scenario } from '../../shared/scenario/schema';
import { mayPropose } from '../../shared/session/authority';
import { holds } from '../../shared/session/conditions';
import type { SessionState } from '../../shared/session/state';
import { metricsMovedByAction } from '../../shared/sim/effect-metrics';
import type { Effect } from '../../shared/sim/effects';
import { arrivalStep, lastStep, type Projection, projectMetrics } from './metric-projection';

/**
 * How a computer player reads a scenario that runs its own model (issue 16): from the scenario's
 * objectives, end states and metric definitions alone, with no knowledge of what any metric means.
 * Each objective still to be judged (its byDay ahead) and each end state (to be avoided) is read
 * into aims: a metric that must end up above or below a threshold by a deadline (the comparison,
 * flipped under `not`), or a decision to take or to avoid ({action: X, status: applied}, a vote's
 * result). An action is worth what it does to those aims: the metrics are projected to each
 * deadline with and without it (metric-projection.ts, so lead times, `after`, `for`, ranges, dice
 * and couplings between metrics all count), and an aim scores the share of its remaining gap the
 * action closes (or opens); a decision aim scores the action itself. Metrics no aim names still
 * count a little the way their definition's `better` says.
 */

/** A metric that must be on the right side of a threshold: by `deadline`, or on every step (an end state). */
interface MetricAim {
  kind: 'metric';
  metric: string;
  /** +1: wants the metric at or above the threshold; -1: at or below. */
  direction: 1 | -1;
  threshold: number;
  windowDays: number | undefined;
  /** The step the test is taken on; null for an end state, which is tested after every resolution. */
  deadline: number | null;
}

/** A decision that must (or must not) be taken. */
interface DecisionAim {
  kind: 'decision';
  action: string;
  want: boolean;
}

type Aim = MetricAim | DecisionAim;

/** What an objective or end state asks for, and what it is called in a rationale. */
interface Goal {
  title: string;
  /** An objective's deadline, or null for an end state. */
  deadline: number | null;
  aims: Aim[];
}

/** Metrics no objective or end state names still count this much, by their `better`. */
const UNAIMED_WEIGHT = 0.2;
/** A role cares this much about a goal none of its own actions bears on: the objectives are shared. */
const SHARED_CARE = 0.3;
/** Once a goal is on track, widening the margin is worth this share of closing a gap. */
const MARGIN_SHARE = 0.2;
/** Opening the way to an action (a prerequisite) is worth this share of that action. */
const OPTION_SHARE = 0.5;

const bounded = (x: number, limit = 1) => Math.min(limit, Math.max(-limit, Number.isFinite(x) ? x : 0));

/** The aims of a condition that should hold (`wanted`) or should not; elapsed time and deliveries are not steered. */
function aimsOf(condition: Condition, wanted: boolean, deadline: number | null): Aim[] {
  if ('all' in condition) return condition.all.flatMap((c) => aimsOf(c, wanted, deadline));
  if ('any' in condition) return condition.any.flatMap((c) => aimsOf(c, wanted, deadline));
  if ('not' in condition) return aimsOf(condition.not, !wanted, deadline);
  if (isMetricCondition(condition)) {
    const above = condition.comparison === '>' || condition.comparison === '>=';
    return [
      {
        kind: 'metric',
        metric: condition.metric,
        direction: above === wanted ? 1 : -1,
        threshold: condition.threshold,
        windowDays: condition.windowDays,
        deadline,
      },
    ];
  }
  if ('action' in condition)
    return [
      { kind: 'decision', action: condition.action, want: (condition.status === 'applied') === wanted },
    ];
  if ('vote' in condition)
    return [{ kind: 'decision', action: condition.vote, want: (condition.result === 'passed') === wanted }];
  return [];
}

/** The goals still open: tested objectives not yet judged whose day is ahead, and every end state. */
export function openGoals(state: SessionState): Goal[] {
  const now = state.sim.day;
  const judged = new Set(state.objectives.map((o) => o.objectiveId));
  const goals: Goal[] = [];
  for (const objective of state.scenario.objectives) {
    if (
      !objective.test ||
      objective.byDay === undefined ||
      objective.byDay <= now ||
      judged.has(objective.id)
    )
      continue;
    goals.push({
      title: objective.title,
      deadline: objective.byDay,
      aims: aimsOf(objective.test, true, objective.byDay),
    });
  }
  for (const end of state.scenario.endStates)
    goals.push({ title: end.title, deadline: null, aims: aimsOf(end.condition, false, null) });
  return goals;
}

/** The span a metric's gap is measured against: from its start to the threshold, at least 5% of its range. */
function spanOf(state: SessionState, metric: string, threshold: number): number {
  const definition = state.sim.scenarioMetrics?.definitions.find((d) => d.id === metric);
  const start = state.sim.history[0]?.metrics[metric as never] ?? threshold;
  const range = definition ? definition.max - definition.min : Math.abs(threshold);
  return Math.max(Math.abs(threshold - Number(start)), 0.05 * range, 1e-9);
}

/** How far a projection falls short of the aim (0: met), and by how much it clears it. */
function standing(aim: MetricAim, projection: Projection): { gap: number; margin: number } {
  const side = (v: number) => aim.direction * (v - aim.threshold);
  if (aim.deadline !== null) {
    const step = Math.min(aim.deadline, projection.to);
    const s = side(projection.meanAt(aim.metric, step, aim.windowDays));
    return { gap: Math.max(0, -s), margin: Math.max(0, s) };
  }
  // An end state is tested after every resolution: the worst step ahead is what counts.
  let worst = Number.POSITIVE_INFINITY;
  for (let step = projection.from + 1; step <= projection.to; step++)
    worst = Math.min(worst, side(projection.meanAt(aim.metric, step, aim.windowDays)));
  if (!Number.isFinite(worst)) worst = side(projection.valueAt(aim.metric, projection.from));
  return { gap: Math.max(0, -worst), margin: Math.max(0, worst) };
}

/** What moving from `base` to `moved` does for a metric aim: +1 closes its whole gap, -1 opens one as wide. */
function metricScore(state: SessionState, aim: MetricAim, base: Projection, moved: Projection): number {
  const span = spanOf(state, aim.metric, aim.threshold);
  const before = standing(aim, base);
  const after = standing(aim, moved);
  const closed = bounded((before.gap - after.gap) / (before.gap > 0 ? before.gap : span));
  const margin =
    MARGIN_SHARE * bounded((Math.min(after.margin, span) - Math.min(before.margin, span)) / span);
  return bounded(closed + margin);
}

/**
 * A goal's score for an action: its metric aims' and decision aims' together; a decision the goal
 * forbids outweighs any metric gain toward it (the goal is lost whatever the metrics do).
 */
function goalScore(
  state: SessionState,
  goal: Goal,
  actionId: string,
  base: Projection,
  moved: Projection | undefined,
): number {
  let decisions = 0;
  let metrics = 0;
  for (const aim of goal.aims) {
    if (aim.kind === 'decision') {
      if (aim.action !== actionId) continue;
      // A decision already taken the wanted way needs nothing more.
      if (aim.want && holds(state, { action: aim.action, status: 'applied' })) continue;
      decisions += aim.want ? 1 : -1;
    } else if (moved) metrics += metricScore(state, aim, base, moved);
  }
  return bounded(decisions < 0 ? decisions : decisions + metrics);
}

/** The metrics any goal names: the rest count by `better` alone. */
function aimedMetrics(goals: readonly Goal[]): Set<string> {
  return new Set(goals.flatMap((g) => g.aims.flatMap((a) => (a.kind === 'metric' ? [a.metric] : []))));
}

/** Metric moves no goal names, the way each definition's `better` says, measured at the exercise's end. */
function unaimedScore(
  state: SessionState,
  aimed: Set<string>,
  base: Projection,
  moved: Projection,
): { value: number; metric?: string } {
  let value = 0;
  let best: { metric: string; gain: number } | undefined;
  for (const d of state.sim.scenarioMetrics?.definitions ?? []) {
    if (aimed.has(d.id) || d.better === 'neither') continue;
    const sign = d.better === 'higher' ? 1 : -1;
    const span = Math.max(0.1 * (d.max - d.min), 1e-9);
    const gain =
      UNAIMED_WEIGHT * bounded((sign * (moved.valueAt(d.id, moved.to) - base.valueAt(d.id, base.to))) / span);
    value += gain;
    if (!best || gain > best.gain) best = { metric: d.label, gain };
  }
  return best && best.gain > 0 ? { value, metric: best.metric } : { value };
}

/** The goals a role answers for: those its own actions bear on (by metric or by decision). */
function caresFor(scenario: Scenario, roleId: string, goal: Goal): boolean {
  const own = scenario.actions.filter((a) => mayPropose(scenario, roleId, a));
  const moved = new Set<string>();
  for (const action of own) for (const m of metricsMovedByAction(action)) moved.add(m);
  return goal.aims.some((aim) =>
    aim.kind === 'metric' ? moved.has(aim.metric) : own.some((a) => a.id === aim.action),
  );
}

export interface Worth {
  value: number;
  /** The goal (or metric) the action helps most, for the rationale; none when it helps nothing. */
  reason: string | undefined;
}

/** The projection with an action approved this round, its effects arriving after its lead time. */
function projectionWith(
  state: SessionState,
  action: Action,
  effects: readonly Effect[],
  key: string,
): Projection {
  return projectMetrics(state, `${action.id}:${key}`, [
    { step: arrivalStep(state, action.leadTimeDays), effects },
  ]);
}

/**
 * What approving `action` with these resolved `effects` is worth to a role: each open goal's score
 * (fully for goals the role's own actions bear on, SHARED_CARE for the rest), plus the unaimed
 * metrics', plus a share of the best action it opens the way to (its prerequisite).
 */
export function objectiveWorth(
  state: SessionState,
  roleId: string,
  action: Action,
  effects: readonly Effect[],
  key: string,
  depth = 0,
): Worth {
  const goals = openGoals(state);
  const base = projectMetrics(state, 'base');
  const metricEffects = effects.filter((e) => e.type === 'metric');
  const lands = arrivalStep(state, action.leadTimeDays);
  const moved =
    metricEffects.length > 0 && lands <= lastStep(state)
      ? projectionWith(state, action, effects, key)
      : undefined;
  let value = 0;
  let best: { reason: string; gain: number } | undefined;
  for (const goal of goals) {
    const care = caresFor(state.scenario, roleId, goal) ? 1 : SHARED_CARE;
    const gain = care * goalScore(state, goal, action.id, base, moved);
    value += gain;
    if (gain > 0 && (!best || gain > best.gain)) best = { reason: goal.title, gain };
  }
  if (moved) {
    const unaimed = unaimedScore(state, aimedMetrics(goals), base, moved);
    value += unaimed.value;
    if (unaimed.metric && unaimed.value > 0 && (!best || unaimed.value > best.gain))
      best = { reason: unaimed.metric, gain: unaimed.value };
  }
  if (depth === 0) {
    const opened = state.scenario.actions.filter(
      (a) => a.prerequisites.includes(action.id) && !state.proposals.some((p) => p.actionId === a.id),
    );
    for (const next of opened) {
      const resolved = resolveAction(next, {});
      if (!resolved.ok) continue;
      const gain =
        OPTION_SHARE * Math.max(0, objectiveWorth(state, roleId, next, resolved.effects, 'default', 1).value);
      value += gain;
      if (gain > 0 && (!best || gain > best.gain)) best = { reason: `the way to "${next.title}"`, gain };
    }
  }
  return { value, reason: best?.reason };
}
