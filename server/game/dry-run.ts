import {
  type Condition,
  conditionAtoms,
  type ScenarioMetricCondition,
} from '../../shared/scenario/condition-schema';
import { conditionText } from '../../shared/scenario/condition-text';
import { metricTestOf, timeLabel } from '../../shared/scenario/scenario-time';
import type { InjectTrigger, Objective, Scenario } from '../../shared/scenario/schema';
import type { Outcome, SessionState } from '../../shared/session/state';
import { modelMetricIds } from '../../shared/sim';
import { metricsMovedByAction } from '../../shared/sim/effect-metrics';
import { compare } from '../../shared/sim/metrics';
import { playWithComputers } from './play-with-computers';

/**
 * A rehearsal before the live run (research/facilitation.md, "Scenario lint plus headless dry
 * run"): computer players take every required role and play the scenario on a simulated clock,
 * once per seed, and the report says what no run reached: injects never delivered, objectives never
 * met or never exercised, actions nobody took, roles with nothing (or far too much) to decide, and
 * the range each metric covered. The games are real sessions (runtime, store, scheduler, computer
 * players, ./play-with-computers.ts), so what the rehearsal finds is what a table would meet.
 */

export type InjectStatus = 'ready' | 'sent' | 'skipped';

export interface DryRunRun {
  seed: number;
  reachedDebrief: boolean;
  /** The session's phase when the run stopped ('debrief' unless it stalled). */
  phase: string;
  outcome: Outcome | null;
  roundsPlayed: number;
  finalDay: number;
  score: number | null;
  /** Each inject's status on the facilitator's timeline at the end, by inject id. */
  injects: Record<string, InjectStatus>;
  objectivesMet: string[];
  proposals: number;
  applied: number;
  /** Action ids proposed and applied in this run, each once, in scenario order. */
  actionsProposed: string[];
  actionsApplied: string[];
}

export interface UndeliveredInject {
  injectId: string;
  number: number;
  title: string;
  trigger: InjectTrigger['type'];
  reason: string;
}

export interface UnmetObjective {
  objectiveId: string;
  title: string;
  reason: string;
}

export interface ObjectiveWithoutExercise {
  objectiveId: string;
  title: string;
  /** The metrics its test reads (none for a rated objective or a test on decisions or time). */
  metrics: string[];
  reason: string;
}

/** A rated objective: judged by evaluators during the exercise, so a dry run cannot meet it. */
export interface RatedObjective {
  objectiveId: string;
  title: string;
  /** Whether an inject names it, so the table meets the capability at some point. */
  exercised: boolean;
}

export interface UntakenAction {
  actionId: string;
  title: string;
  /** Proposals across all runs (0 when nobody proposed it). */
  proposals: number;
}

export interface RoleLoad {
  roleId: string;
  name: string;
  /** Optional roles are not seated with a computer player, so a dry run cannot judge them. */
  played: boolean;
  proposals: number;
  approvals: number;
  votes: number;
  vetoes: number;
  /** Proposals + approvals + votes + vetoes per round played, over all runs. */
  decisionsPerRound: number;
  flag: 'no-decisions' | 'overloaded' | null;
}

export interface MetricRange {
  metric: string;
  min: number;
  max: number;
}

export interface DryRunReport {
  scenarioId: string;
  title: string;
  seeds: number[];
  runs: DryRunRun[];
  injectsNeverDelivered: UndeliveredInject[];
  objectivesNeverMet: UnmetObjective[];
  objectivesNotExercised: ObjectiveWithoutExercise[];
  objectivesRated: RatedObjective[];
  actionsNeverProposed: UntakenAction[];
  actionsNeverApplied: UntakenAction[];
  roles: RoleLoad[];
  metricRanges: MetricRange[];
  /** What one step of the scenario's time is: a day, an hour or a minute (rounds.unit). */
  stepUnit: 'day' | 'hour' | 'minute';
}

const STEP_UNIT = { days: 'day', hours: 'hour', minutes: 'minute' } as const;

export interface DryRunOptions {
  seeds: number[];
}

/** A role is flagged as overloaded above this multiple of the median role's decisions per round. */
export const OVERLOAD_FACTOR = 2;

export async function dryRun(scenario: Scenario, options: DryRunOptions): Promise<DryRunReport> {
  if (options.seeds.length === 0) throw new Error('a dry run needs at least one seed');
  const states: SessionState[] = [];
  for (const seed of options.seeds) {
    const game = await playWithComputers(scenario, seed);
    states.push(game.state);
    await game.dispose();
  }
  const ranges = metricRanges(states);
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    seeds: [...options.seeds],
    runs: states.map(summarizeRun),
    injectsNeverDelivered: undeliveredInjects(scenario, states, ranges),
    objectivesNeverMet: unmetObjectives(scenario, states, ranges),
    objectivesNotExercised: objectivesWithoutExercise(scenario),
    objectivesRated: ratedObjectives(scenario),
    ...untakenActions(scenario, states),
    roles: roleLoads(scenario, states),
    metricRanges: ranges,
    stepUnit: STEP_UNIT[scenario.rounds.unit ?? 'days'],
  };
}

function summarizeRun(state: SessionState): DryRunRun {
  return {
    seed: state.seed,
    reachedDebrief: state.phase === 'debrief',
    phase: state.phase,
    outcome: state.outcome,
    roundsPlayed: state.rounds.length,
    finalDay: state.sim.day,
    score: state.score?.total ?? null,
    injects: Object.fromEntries(state.injects.map((i) => [i.injectId, i.status])),
    objectivesMet: state.objectives.filter((o) => o.met).map((o) => o.objectiveId),
    proposals: state.proposals.length,
    applied: state.proposals.filter((p) => p.resolution?.applied).length,
    actionsProposed: state.scenario.actions
      .filter((a) => state.proposals.some((p) => p.actionId === a.id))
      .map((a) => a.id),
    actionsApplied: state.scenario.actions
      .filter((a) => state.proposals.some((p) => p.actionId === a.id && p.resolution?.applied))
      .map((a) => a.id),
  };
}

/** The ranges of the metrics the model records: the infrastructure model's unless the scenario turned it off, then its own. */
function metricRanges(states: SessionState[]): MetricRange[] {
  const first = states[0];
  if (!first) return [];
  return modelMetricIds(first.sim).map((metric) => {
    const values = states.flatMap((s) => s.sim.history.map((day) => day.metrics[metric]));
    const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
    return {
      metric,
      min: finite.length > 0 ? Math.min(...finite) : Number.NaN,
      max: finite.length > 0 ? Math.max(...finite) : Number.NaN,
    };
  });
}

function rangeOf(ranges: MetricRange[], metric: string): string {
  const range = ranges.find((r) => r.metric === metric);
  return range ? `${formatNumber(range.min)} to ${formatNumber(range.max)}` : 'unknown';
}

/**
 * Why a condition inject was never sent. Conditions are checked after each resolution, on the
 * metric (or its window average) at that moment, while the printed range spans every simulated day:
 * a range that crosses the threshold means the condition held on some days but not at a check, and
 * the wording says so rather than "never held".
 */
function conditionReason(condition: Condition, ranges: MetricRange[]): string {
  const test = metricTestOf(condition);
  if (!test) return `condition never held when checked: ${describeCondition(condition)}`;
  return metricConditionReason(test, ranges);
}

function metricConditionReason(condition: ScenarioMetricCondition, ranges: MetricRange[]): string {
  const described = describeCondition(condition);
  const range = ranges.find((r) => r.metric === condition.metric);
  const reached = `reached ${rangeOf(ranges, condition.metric)}`;
  const heldSomeDay =
    range !== undefined &&
    (compare(range.min, condition.comparison, condition.threshold) ||
      compare(range.max, condition.comparison, condition.threshold));
  if (!heldSomeDay) return `condition never held: ${described} (${reached})`;
  const measured = condition.windowDays
    ? `the ${condition.windowDays}-day average never met it when checked`
    : 'it held on some days but not when checked';
  return `condition not met at any check (after each resolution): ${described} (${reached}; ${measured})`;
}

/** A condition as the report writes it: a metric test with its window, the rest as shared/scenario/condition-text.ts words it. */
export function describeCondition(condition: Condition): string {
  return conditionText(condition, {
    metric: (test) => {
      const window = test.windowDays ? ` over ${test.windowDays} days` : '';
      return `${test.metric}${window} ${test.comparison} ${formatNumber(test.threshold)}`;
    },
  });
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(4)));
}

function undeliveredInjects(
  scenario: Scenario,
  states: SessionState[],
  ranges: MetricRange[],
): UndeliveredInject[] {
  const lastRound = Math.max(...states.map((s) => s.rounds.length));
  const lastDay = Math.max(...states.map((s) => s.sim.day));
  const at = (step: number) => timeLabel(scenario.rounds.unit, step);
  return scenario.injects
    .filter((inject) =>
      states.every((s) => s.injects.find((i) => i.injectId === inject.id)?.status !== 'sent'),
    )
    .map((inject) => {
      const { trigger } = inject;
      let reason: string;
      switch (trigger.type) {
        case 'scheduled':
          reason =
            trigger.round > lastRound
              ? `round ${trigger.round} was never reached (runs ended by round ${lastRound})`
              : `round ${trigger.round} ${trigger.phase} came but the inject was not sent`;
          break;
        case 'day':
          reason =
            trigger.day > lastDay
              ? `${at(trigger.day)} was never reached (runs ended by ${at(lastDay)})`
              : `${at(trigger.day)} passed but the inject was not sent`;
          break;
        case 'condition':
          reason = conditionReason(trigger.condition, ranges);
          break;
        case 'manual':
          reason = inject.contingency
            ? 'contingency inject: only the facilitator fires it'
            : 'manual: only the facilitator fires it';
          break;
      }
      return {
        injectId: inject.id,
        number: inject.number,
        title: inject.title,
        trigger: trigger.type,
        reason,
      };
    });
}

/** Tested objectives no run met (rated objectives are judged by evaluators: see ratedObjectives). */
function unmetObjectives(
  scenario: Scenario,
  states: SessionState[],
  ranges: MetricRange[],
): UnmetObjective[] {
  return scenario.objectives
    .filter((objective) => !objective.rated && objective.test !== undefined)
    .filter((objective) =>
      states.every((s) => !s.objectives.some((o) => o.objectiveId === objective.id && o.met)),
    )
    .map((objective) => {
      const at = (step: number) => timeLabel(scenario.rounds.unit, step);
      const results = states.flatMap((s) => s.objectives.filter((o) => o.objectiveId === objective.id));
      const test = objective.test ? describeCondition(objective.test) : 'no test';
      const metric = metricTestOf(objective.test);
      const reason =
        results.length === 0
          ? `never judged: no run reached ${objective.byDay === undefined ? '(no byDay)' : at(objective.byDay)}`
          : metric
            ? `${test} by ${at(objective.byDay ?? 0)}; runs measured ${results.map((r) => formatNumber(r.value)).join(', ')} (range ${rangeOf(ranges, metric.metric)})`
            : `${test} by ${at(objective.byDay ?? 0)}; it did not hold in any of ${results.length} runs`;
      return { objectiveId: objective.id, title: objective.title, reason };
    });
}

/**
 * Tested objectives nothing steers: no inject names them, and no atom of the test is a metric an
 * action's effects move (metricsMovedBy), a decision the table takes (an action applied, a vote), or
 * an inject whose own trigger is steered that way.
 */
function objectivesWithoutExercise(scenario: Scenario): ObjectiveWithoutExercise[] {
  const named = new Set(scenario.injects.flatMap((i) => i.objectives));
  const moved = new Set<string>();
  for (const action of scenario.actions) for (const m of metricsMovedByAction(action)) moved.add(m);
  const steered = (condition: Condition, seen: Set<string>): boolean =>
    conditionAtoms(condition).some((atom) => {
      if ('metric' in atom) return moved.has(atom.metric);
      if ('action' in atom || 'vote' in atom) return true;
      if ('inject' in atom) {
        const inject = scenario.injects.find((i) => i.id === atom.inject);
        if (!inject || seen.has(inject.id) || inject.trigger.type !== 'condition') return false;
        return steered(inject.trigger.condition, new Set([...seen, inject.id]));
      }
      return false;
    });
  return scenario.objectives
    .filter((o): o is Objective & { test: Condition } => !o.rated && o.test !== undefined)
    .filter((o) => !named.has(o.id) && !steered(o.test, new Set()))
    .map((o) => {
      const metrics = [...new Set(conditionAtoms(o.test).flatMap((a) => ('metric' in a ? [a.metric] : [])))];
      const reason =
        metrics.length > 0
          ? `no inject names it and no action moves ${metrics.join(', ')}`
          : `no inject names it and nothing the table decides bears on ${describeCondition(o.test)}`;
      return { objectiveId: o.id, title: o.title, metrics, reason };
    });
}

/** Rated objectives: evaluators rate them during the exercise, so a dry run lists them rather than judging them. */
function ratedObjectives(scenario: Scenario): RatedObjective[] {
  const named = new Set(scenario.injects.flatMap((i) => i.objectives));
  return scenario.objectives
    .filter((o) => o.rated)
    .map((o) => ({ objectiveId: o.id, title: o.title, exercised: named.has(o.id) }));
}

function untakenActions(
  scenario: Scenario,
  states: SessionState[],
): Pick<DryRunReport, 'actionsNeverProposed' | 'actionsNeverApplied'> {
  const all = states.flatMap((s) => s.proposals);
  const taken = scenario.actions.map((action) => {
    const proposals = all.filter((p) => p.actionId === action.id);
    return {
      entry: { actionId: action.id, title: action.title, proposals: proposals.length },
      applied: proposals.some((p) => p.resolution?.applied),
    };
  });
  return {
    actionsNeverProposed: taken.filter((t) => t.entry.proposals === 0).map((t) => t.entry),
    actionsNeverApplied: taken.filter((t) => t.entry.proposals > 0 && !t.applied).map((t) => t.entry),
  };
}

function roleLoads(scenario: Scenario, states: SessionState[]): RoleLoad[] {
  const rounds = Math.max(
    1,
    states.reduce((sum, s) => sum + s.rounds.length, 0),
  );
  const proposals = states.flatMap((s) => s.proposals);
  const loads = scenario.roles.map((role) => {
    const count = (roleIds: string[]) => roleIds.filter((id) => id === role.id).length;
    const load = {
      roleId: role.id,
      name: role.name,
      played: role.required,
      proposals: count(proposals.map((p) => p.proposer.roleId)),
      approvals: count(proposals.flatMap((p) => p.reviews.map((r) => r.roleId))),
      votes: count(proposals.flatMap((p) => p.votes.map((v) => v.roleId))),
      vetoes: count(proposals.flatMap((p) => p.vetoes.map((v) => v.roleId))),
    };
    const decisions = load.proposals + load.approvals + load.votes + load.vetoes;
    return { ...load, decisionsPerRound: decisions / rounds, flag: null as RoleLoad['flag'] };
  });
  const played = loads.filter((l) => l.played).map((l) => l.decisionsPerRound);
  const median = medianOf(played);
  for (const load of loads) {
    if (!load.played) continue;
    if (load.decisionsPerRound === 0) load.flag = 'no-decisions';
    else if (median > 0 && load.decisionsPerRound > OVERLOAD_FACTOR * median) load.flag = 'overloaded';
  }
  return loads;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
