import { createHash } from 'node:crypto';
import type { InjectTrigger, Scenario } from '../../shared/scenario/schema';
import { FACILITATOR } from '../../shared/session/actor';
import type { Outcome, SessionState } from '../../shared/session/state';
import type { Effect } from '../../shared/sim/effects';
import { METRIC_NAMES, type MetricCondition, type MetricName } from '../../shared/sim/metrics';
import { MemoryStore } from '../store/memory-store';
import type { StoredEvent } from '../store/session-store';
import { ComputerPlayers } from './computer-players';
import { PhaseScheduler } from './scheduler';
import { SessionRuntime } from './session-runtime';
import { SimulatedClock } from './simulated-clock';

/**
 * A rehearsal before the live run (research/facilitation.md, "Scenario lint plus headless dry
 * run"): computer players take every required role and play the scenario on a simulated clock,
 * once per seed, and the report says what no run reached: injects never delivered, objectives never
 * met or never exercised, actions nobody took, roles with nothing (or far too much) to decide, and
 * the range each metric covered. The games are real sessions (runtime, store, scheduler, computer
 * players), so what the rehearsal finds is what a table would meet.
 */

export interface PlayedGame {
  runtime: SessionRuntime;
  store: MemoryStore;
  sessionId: string;
  /** The session once the computers are done: in the debrief unless the game stalled. */
  state: SessionState;
  /** The whole log (the store keeps no snapshot). */
  events: StoredEvent[];
  dispose(): Promise<void>;
}

/**
 * Plays one whole exercise with computer players in every required role: the facilitator only
 * starts it. The computers mark themselves ready, so phases mostly close early; when a phase waits
 * on its timer the clock jumps to the deadline, and an untimed phase is advanced by the facilitator.
 */
export async function playWithComputers(
  scenario: Scenario,
  seed: number,
  sessionId = `dry-run-${seed}`,
): Promise<PlayedGame> {
  const store = new MemoryStore();
  const clock = new SimulatedClock();
  const created = await SessionRuntime.create(
    { store, clock, snapshotEvery: Number.POSITIVE_INFINITY },
    {
      sessionId,
      scenario,
      seed,
      joinCode: 'DRYRUN',
      facilitatorTokenHash: createHash('sha256').update(`dry-run:${sessionId}`).digest('hex'),
    },
  );
  if (!created.ok) throw new Error(`${created.code}: ${created.message}`);
  const { runtime } = created;
  const scheduler = new PhaseScheduler(runtime, { clock, timers: clock });
  const computers = new ComputerPlayers(runtime);
  scheduler.start();
  computers.start();
  const settle = async () => {
    await runtime.idle();
    await computers.idle();
  };

  await runtime.command(FACILITATOR, { type: 'start' });
  await settle();
  // Each round has five phases; the bound only stops a scenario that would never end.
  const maxSteps = (scenario.rounds.count + 2) * 12;
  for (let step = 0; step < maxSteps && runtime.state.phase !== 'debrief'; step++) {
    const { deadline } = runtime.state.timer;
    if (deadline !== null) clock.advanceTo(deadline);
    else await runtime.command(FACILITATOR, { type: 'advance' });
    await settle();
  }
  const { events } = await store.load(sessionId);
  return {
    runtime,
    store,
    sessionId,
    state: runtime.state,
    events,
    dispose: async () => {
      scheduler.dispose();
      computers.dispose();
      await runtime.dispose();
    },
  };
}

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
  metric: MetricName;
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
  metric: MetricName;
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
  actionsNeverProposed: UntakenAction[];
  actionsNeverApplied: UntakenAction[];
  roles: RoleLoad[];
  metricRanges: MetricRange[];
}

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
    ...untakenActions(scenario, states),
    roles: roleLoads(scenario, states),
    metricRanges: ranges,
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

function metricRanges(states: SessionState[]): MetricRange[] {
  return METRIC_NAMES.map((metric) => {
    const values = states.flatMap((s) => s.sim.history.map((day) => day.metrics[metric]));
    const finite = values.filter(Number.isFinite);
    return {
      metric,
      min: finite.length > 0 ? Math.min(...finite) : Number.NaN,
      max: finite.length > 0 ? Math.max(...finite) : Number.NaN,
    };
  });
}

function rangeOf(ranges: MetricRange[], metric: MetricName): string {
  const range = ranges.find((r) => r.metric === metric);
  return range ? `${formatNumber(range.min)} to ${formatNumber(range.max)}` : 'unknown';
}

export function describeCondition(condition: MetricCondition): string {
  const window = condition.windowDays ? ` over ${condition.windowDays} days` : '';
  return `${condition.metric}${window} ${condition.comparison} ${formatNumber(condition.threshold)}`;
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
              ? `day ${trigger.day} was never reached (runs ended by day ${lastDay})`
              : `day ${trigger.day} passed but the inject was not sent`;
          break;
        case 'condition':
          reason = `condition never held: ${describeCondition(trigger.condition)} (reached ${rangeOf(ranges, trigger.condition.metric)})`;
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

function unmetObjectives(
  scenario: Scenario,
  states: SessionState[],
  ranges: MetricRange[],
): UnmetObjective[] {
  return scenario.objectives
    .filter((objective) =>
      states.every((s) => !s.objectives.some((o) => o.objectiveId === objective.id && o.met)),
    )
    .map((objective) => {
      const results = states.flatMap((s) => s.objectives.filter((o) => o.objectiveId === objective.id));
      const test = describeCondition(objective.test);
      const reason =
        results.length === 0
          ? `never judged: no run reached day ${objective.byDay}`
          : `${test} by day ${objective.byDay}; runs measured ${results.map((r) => formatNumber(r.value)).join(', ')} (range ${rangeOf(ranges, objective.test.metric)})`;
      return { objectiveId: objective.id, title: objective.title, reason };
    });
}

const RELIABILITY: MetricName[] = [
  'availability',
  'downtime-minutes',
  'p95-latency-ms',
  'error-rate',
  'db-utilization',
  'app-utilization',
  'cdn-utilization',
  'cache-hit-ratio',
];
const MONEY: MetricName[] = [
  'monthly-infra-cost-usd',
  'monthly-burn-usd',
  'cash-usd',
  'emergency-budget-usd',
  'runway-months',
];
const GROWTH: MetricName[] = [
  'registered-users',
  'daily-active-users',
  'peak-concurrent-users',
  'daily-churn-rate',
];
const PEOPLE: MetricName[] = ['morale', 'weekly-hours', 'incidents-per-shift', 'engineers'];
const TRUST: MetricName[] = ['user-trust', 'investor-confidence'];

/**
 * The metrics an effect moves directly. Everything in the model is coupled (a slow site loses
 * users, lost users lower revenue), so this is the first-order reach only: an objective whose
 * metric no inject names and no action touches even at first order is one the players cannot steer.
 */
function metricsMovedBy(effect: Effect): MetricName[] {
  switch (effect.type) {
    case 'capacity':
    case 'start-project':
    case 'cache-hit-ratio':
    case 'autoscaling':
    case 'outage':
      return [...RELIABILITY, 'monthly-infra-cost-usd', 'user-trust', 'daily-churn-rate', 'scale-headroom'];
    case 'traffic-spike':
      return [...RELIABILITY, ...GROWTH];
    case 'commit-spend':
    case 'move-storage':
    case 'spend':
    case 'cost-shock':
      return MONEY;
    case 'hire':
    case 'cancel-hires':
    case 'engineer-leaves':
      return [...PEOPLE, ...MONEY];
    case 'on-call-rotation':
    case 'weekly-hours':
    case 'morale':
      return PEOPLE;
    case 'raise-level':
      return ['security-posture', 'open-vulnerabilities', 'mttr-minutes', ...RELIABILITY, ...PEOPLE];
    case 'breach':
      return ['security-posture', 'open-vulnerabilities', ...TRUST, 'daily-churn-rate'];
    case 'compliance':
    case 'regulator-deadline':
      return [`compliance-${effect.regime}`, 'cash-usd', 'user-trust'];
    case 'feature-freeze':
    case 'feature-launch':
    case 'competitor-launch':
      return [...GROWTH, 'storage-tb', ...RELIABILITY];
    case 'communication':
      return [...TRUST, 'daily-churn-rate'];
    case 'arpu':
      return ['arpu-usd', ...MONEY];
    case 'funding':
      return MONEY;
  }
}

function objectivesWithoutExercise(scenario: Scenario): ObjectiveWithoutExercise[] {
  const named = new Set(scenario.injects.flatMap((i) => i.objectives));
  const moved = new Set<MetricName>();
  for (const action of scenario.actions) {
    // Parameter references are resolved to plain numbers at proposal time; the metrics moved do not depend on them.
    for (const effect of action.effects as Effect[]) for (const m of metricsMovedBy(effect)) moved.add(m);
    const { capexUsd, opexUsdPerMonth } = action.cost;
    if (capexUsd !== 0 || opexUsdPerMonth !== 0) for (const m of MONEY) moved.add(m);
  }
  return scenario.objectives
    .filter((o) => !named.has(o.id) && !moved.has(o.test.metric))
    .map((o) => ({ objectiveId: o.id, title: o.title, metric: o.test.metric }));
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
