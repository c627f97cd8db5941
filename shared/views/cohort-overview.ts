import { metricObjectives } from '../scenario/scenario-time';
import type { Scenario } from '../scenario/schema';
import type { CohortState, CohortTable } from '../session/cohort';
import type { SessionPhase, SessionState } from '../session/state';
import { compare, type MetricName } from '../sim/metrics';

/**
 * The cohort's overview console (issue 13): one compact row per table, for the facilitator only
 * (it is computed from the full session state, so it never goes to a projector or a player). Kept
 * small on purpose: ten tables of four are a few kilobytes per update, not ten facilitator views.
 */

/** Metrics every table shows in the overview: the objectives' first, then the case's vital signs. */
const HEADLINE: MetricName[] = ['availability', 'p95-latency-ms', 'monthly-infra-cost-usd', 'runway-months'];
export const COHORT_HEADLINE_COUNT = 4;

export function cohortHeadlineMetrics(
  scenario: Pick<Scenario, 'objectives'> & Partial<Pick<Scenario, 'model' | 'metrics' | 'dashboard'>>,
): MetricName[] {
  // A scenario with a model of its own (issue 16) shows its tiles, or its own metrics, never the case's.
  const fallback =
    (scenario.model?.infrastructure ?? true)
      ? HEADLINE
      : (scenario.metrics ?? []).map((m) => m.id as MetricName);
  const tiles = (scenario.dashboard?.tiles ?? []) as MetricName[];
  return [
    ...new Set([
      ...metricObjectives(scenario.objectives).map((o) => o.test.metric as MetricName),
      ...tiles,
      ...fallback,
    ]),
  ].slice(0, COHORT_HEADLINE_COUNT);
}

export interface HeadlineValue {
  metric: MetricName;
  value: number;
  /** Against the objective on this metric due next; null when no objective names it. */
  onTarget: boolean | null;
}

/** Who is connected to one table now (a fact about sockets, never logged). */
export interface TablePresence {
  /** Open connections per player id. */
  players: ReadonlyMap<string, number>;
  facilitators: number;
  screens: number;
}

export interface OverviewTable {
  sessionId: string;
  number: number;
  joinCode: string;
  /** Undefined state: the table could not be loaded (its row says so). */
  loaded: boolean;
  phase: SessionPhase | 'unavailable';
  round: number;
  rounds: number;
  day: number;
  paused: boolean;
  timer: { deadline: number | null; remainingMs: number | null; durationMs: number | null };
  seats: { filled: number; roles: number; connected: number; disconnected: string[] };
  facilitatorsConnected: number;
  /** Proposals of this round still open, and the joins waiting for approval. */
  pending: { proposals: number; joinRequests: number; messages: number };
  ready: number;
  participants: number;
  headline: HeadlineValue[];
  outcome: string | null;
  /** Why this table may need the facilitator, most urgent first; empty when it runs by itself. */
  attention: string[];
  /** Higher is more urgent; the overview lists the most urgent table first. */
  urgency: number;
}

export interface CohortOverview {
  cohortId: string;
  name: string;
  scenario: CohortState['scenario'];
  sameSeed: boolean;
  /** The server's clock when the overview was made, for the client's countdowns. */
  serverNow: number;
  /** Changes whenever a table or its presence changes (the long poll waits for a different one). */
  version: number;
  tables: OverviewTable[];
  /** The table needing attention first, or null when none does. */
  attentionFirst: string | null;
  headlineMetrics: MetricName[];
  /** The last controls applied to several tables (newest first). */
  recentActions: CohortState['actions'];
  /** The scenario's injects, to fire one by hand at the chosen tables (the facilitator's MSEL). */
  injects: { id: string; number: number; title: string }[];
}

export interface OverviewInput {
  table: CohortTable;
  state: SessionState | undefined;
  presence: TablePresence;
}

/** Urgency from which a table is named "needs attention first" (a pause, a dropped player, a message...). */
export const ATTENTION_THRESHOLD = 5;

const LIVE: readonly SessionPhase[] = [
  'briefing',
  'injects',
  'deliberation',
  'decision',
  'resolution',
  'review',
];

export function headlineValues(
  scenario: Pick<Scenario, 'objectives'>,
  latest: Partial<Record<MetricName, number>>,
  day: number,
  metrics: readonly MetricName[],
): HeadlineValue[] {
  const values: HeadlineValue[] = [];
  for (const metric of metrics) {
    const value = latest[metric];
    if (value === undefined) continue;
    const objectives = metricObjectives(scenario.objectives)
      .filter((o) => o.test.metric === metric)
      .sort((a, b) => a.byDay - b.byDay);
    const objective = objectives.find((o) => o.byDay >= day) ?? objectives.at(-1);
    values.push({
      metric,
      value,
      onTarget: objective ? compare(value, objective.test.comparison, objective.test.threshold) : null,
    });
  }
  return values;
}

export function overviewTable(
  input: OverviewInput,
  metrics: readonly MetricName[],
  now: number,
): OverviewTable {
  const { table, state, presence } = input;
  if (!state) {
    return {
      sessionId: table.sessionId,
      number: table.number,
      joinCode: table.joinCode,
      loaded: false,
      phase: 'unavailable',
      round: 0,
      rounds: 0,
      day: 0,
      paused: false,
      timer: { deadline: null, remainingMs: null, durationMs: null },
      seats: { filled: 0, roles: 0, connected: 0, disconnected: [] },
      facilitatorsConnected: 0,
      pending: { proposals: 0, joinRequests: 0, messages: 0 },
      ready: 0,
      participants: 0,
      headline: [],
      outcome: null,
      attention: ['could not be loaded from the store'],
      urgency: 100,
    };
  }
  const players = state.players.filter((p) => !p.removed);
  const connected = players.filter((p) => (presence.players.get(p.id) ?? 0) > 0);
  const disconnected = players.filter((p) => (presence.players.get(p.id) ?? 0) === 0).map((p) => p.name);
  const filledRoles = new Set(players.map((p) => p.roleId));
  const openProposals = state.proposals.filter((p) => p.round === state.round && p.status === 'open').length;
  const joinRequests = (state.joinRequests ?? []).filter((r) => r.status === 'pending').length;
  const lastFacilitatorMessage = Math.max(
    0,
    ...state.messages.filter((m) => m.from.kind === 'facilitator').map((m) => m.at),
  );
  // Player messages since the facilitator last wrote: the control cell has not answered them.
  const messages = state.messages.filter(
    (m) => m.from.kind === 'player' && m.to === 'facilitator' && m.at > lastFacilitatorMessage,
  ).length;
  const latest = state.sim.history.at(-1)?.metrics ?? {};
  const headline = headlineValues(state.scenario, latest, state.sim.day, metrics);
  const live = LIVE.includes(state.phase);
  const participants = players.length + computerCount(state, filledRoles);
  const remaining = state.paused
    ? state.timer.remainingMs
    : state.timer.deadline === null
      ? null
      : state.timer.deadline - now;

  const attention: [number, string][] = [];
  if (joinRequests > 0)
    attention.push([40, `${joinRequests} join${joinRequests === 1 ? '' : 's'} waiting for approval`]);
  if (disconnected.length > 0 && state.phase !== 'ended')
    attention.push([30, `${disconnected.length} player${disconnected.length === 1 ? '' : 's'} disconnected`]);
  if (messages > 0)
    attention.push([25, `${messages} message${messages === 1 ? '' : 's'} to the facilitator`]);
  if (live && !state.paused && participants > 0 && state.ready.length >= participants)
    attention.push([20, 'everyone is done with this phase']);
  if (live && !state.paused && remaining !== null && remaining <= 0) attention.push([20, 'time is up']);
  if (state.paused) attention.push([10, 'paused']);
  if (state.phase === 'lobby' && players.length < state.scenario.roles.length)
    attention.push([
      5,
      `${state.scenario.roles.length - players.length} seat${state.scenario.roles.length - players.length === 1 ? '' : 's'} empty`,
    ]);
  const offTarget = headline.filter((h) => h.onTarget === false).length;
  if (live && offTarget > 0)
    attention.push([offTarget, `${offTarget} headline metric${offTarget === 1 ? '' : 's'} off target`]);
  attention.sort((a, b) => b[0] - a[0]);

  return {
    sessionId: table.sessionId,
    number: table.number,
    joinCode: table.joinCode,
    loaded: true,
    phase: state.phase,
    round: state.round,
    rounds: state.scenario.rounds.count,
    day: state.sim.day,
    paused: state.paused,
    timer: state.timer,
    seats: {
      filled: filledRoles.size,
      roles: state.scenario.roles.length,
      connected: connected.length,
      disconnected: disconnected.slice(0, 8),
    },
    facilitatorsConnected: presence.facilitators,
    pending: { proposals: openProposals, joinRequests, messages },
    ready: state.ready.length,
    participants,
    headline,
    outcome: outcomeText(state),
    attention: attention.map(([, text]) => text),
    urgency: attention.reduce((sum, [weight]) => sum + weight, 0),
  };
}

function computerCount(state: SessionState, filled: Set<string>): number {
  if (state.phase === 'lobby') return 0;
  return state.scenario.roles.filter((r) => r.required && !filled.has(r.id)).length;
}

export function outcomeText(state: Pick<SessionState, 'outcome'>): string | null {
  const outcome = state.outcome;
  if (!outcome) return null;
  if (outcome.kind === 'end-state') return outcome.title;
  return outcome.kind === 'completed' ? 'Completed' : 'Ended by the facilitator';
}

export function cohortOverview(
  cohort: CohortState,
  inputs: readonly OverviewInput[],
  options: { now: number; version: number; metrics: readonly MetricName[] },
): CohortOverview {
  const tables = inputs.map((input) => overviewTable(input, options.metrics, options.now));
  const first = [...tables].sort((a, b) => b.urgency - a.urgency || a.number - b.number)[0];
  return {
    cohortId: cohort.cohortId,
    name: cohort.name,
    scenario: cohort.scenario,
    sameSeed: cohort.sameSeed,
    serverNow: options.now,
    version: options.version,
    tables,
    // Metrics off target alone do not call the facilitator over: every table has some, most rounds.
    attentionFirst: first && first.urgency >= ATTENTION_THRESHOLD ? first.sessionId : null,
    headlineMetrics: [...options.metrics],
    recentActions: cohort.actions.slice(-5).reverse(),
    injects: (inputs.find((i) => i.state)?.state?.scenario.injects ?? []).map((inject) => ({
      id: inject.id,
      number: inject.number,
      title: inject.title,
    })),
  };
}
