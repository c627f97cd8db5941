import type { CohortState, CohortTable } from '../session/cohort';
import type { SessionPhase } from '../session/state';
import type { MetricName } from '../sim/metrics';
import { type HeadlineValue, headlineValues, outcomeText } from './cohort-overview';
import type { PublicScenario, ScreenView } from './view';

/**
 * What the whole room may see of a cohort (issue 13): the room projector's pages and the cohort
 * debrief's comparison. Built only from each table's projector view (`project(state, screen)`),
 * so the room sees of every table exactly what that table's own projector may show: no private
 * briefs, no facilitator notes, no future injects, no seed.
 */

export interface RoomTableInput {
  table: CohortTable;
  /** The table's projector view; undefined when the table could not be loaded. */
  view: ScreenView | undefined;
}

export type CohortStage = 'joining' | 'playing' | 'finished';

export interface RoomTable {
  sessionId: string;
  number: number;
  joinCode: string;
  phase: SessionPhase | 'unavailable';
  round: number;
  day: number;
  paused: boolean;
  timer: ScreenView['timer'];
  players: number;
  /** The first names at the table, while joining (the projector shows who sat down). */
  names: string[];
  headline: HeadlineValue[];
  outcome: string | null;
  objectivesMet: number;
  /** As the table's projector counts them: open proposals of this round, and who is done with the phase. */
  openProposals: number;
  ready: number;
  participants: number;
}

export interface ComparedDecision {
  proposalId: string;
  actionId: string;
  title: string;
  role: string;
  /** applied, or the proposal's final status (rejected, vetoed, withdrawn, open). */
  status: string;
  rationale: string;
}

export interface ComparedTable {
  sessionId: string;
  number: number;
  /** Day by day, the compared metrics only (column-wise, as MetricSeries). */
  series: { days: number[]; metrics: Partial<Record<MetricName, number[]>> };
  outcome: string | null;
  objectivesMet: number;
  score: number | null;
  /** Applied decisions, in order: the key decisions of the comparison. */
  keyDecisions: { round: number; title: string }[];
}

export interface AlignedRound {
  round: number;
  /** Per table (in table order): what it decided in this round. */
  tables: { number: number; decisions: ComparedDecision[] }[];
  /** The tables did not all decide the same in this round. */
  diverged: boolean;
}

export interface CohortComparison {
  metrics: MetricName[];
  objectivesTotal: number;
  tables: ComparedTable[];
  rounds: AlignedRound[];
  /** The first round in which the tables decided differently, or null when they all decided alike. */
  firstDivergence: AlignedRound | null;
}

export interface CohortRoom {
  cohortId: string;
  name: string;
  scenarioTitle: string;
  rounds: number;
  stage: CohortStage;
  serverNow: number;
  version: number;
  headlineMetrics: MetricName[];
  tables: RoomTable[];
  /** Once every table has reached its debrief (or ended); null before. */
  comparison: CohortComparison | null;
}

const FINISHED: readonly string[] = ['debrief', 'ended'];
const MAX_NAMES = 8;
const MAX_RATIONALE = 240;

export function cohortStage(phases: readonly string[]): CohortStage {
  if (phases.length > 0 && phases.every((p) => p === 'lobby')) return 'joining';
  if (phases.length > 0 && phases.every((p) => FINISHED.includes(p))) return 'finished';
  return 'playing';
}

function roleName(scenario: PublicScenario, roleId: string): string {
  return scenario.roles.find((r) => r.id === roleId)?.name ?? roleId;
}

function actionTitle(scenario: PublicScenario, actionId: string): string {
  return scenario.actions.find((a) => a.id === actionId)?.title ?? actionId;
}

function decisionsOf(view: ScreenView, scenario: PublicScenario, round: number): ComparedDecision[] {
  return view.proposals
    .filter((p) => p.round === round)
    .map((p) => ({
      proposalId: p.id,
      actionId: p.actionId,
      title: actionTitle(scenario, p.actionId),
      role: roleName(scenario, p.proposer.roleId),
      status: p.resolution?.applied ? 'applied' : p.status,
      rationale: p.rationale.slice(0, MAX_RATIONALE),
    }));
}

/** What a table decided in a round, as comparable text: the same actions to the same end. */
function signature(decisions: readonly ComparedDecision[]): string {
  return decisions
    .map((d) => `${d.actionId}:${d.status === 'applied' ? 'applied' : 'not'}`)
    .sort()
    .join('|');
}

export function cohortComparison(
  inputs: readonly RoomTableInput[],
  scenario: PublicScenario,
  metrics: readonly MetricName[],
): CohortComparison {
  const loaded = inputs.filter((i): i is { table: CohortTable; view: ScreenView } => i.view !== undefined);
  const tables: ComparedTable[] = loaded.map(({ table, view }) => ({
    sessionId: table.sessionId,
    number: table.number,
    series: {
      days: view.sim.series.days,
      metrics: Object.fromEntries(metrics.map((m) => [m, view.sim.series.metrics[m] ?? []])),
    },
    outcome: outcomeText(view),
    objectivesMet: view.objectives.filter((o) => o.met).length,
    score: view.score?.total ?? null,
    keyDecisions: view.proposals
      .filter((p) => p.resolution?.applied)
      .map((p) => ({ round: p.round, title: actionTitle(scenario, p.actionId) })),
  }));
  const lastRound = Math.max(0, ...loaded.map(({ view }) => view.round));
  const rounds: AlignedRound[] = [];
  for (let round = 1; round <= lastRound; round++) {
    const perTable = loaded.map(({ table, view }) => ({
      number: table.number,
      decisions: decisionsOf(view, scenario, round),
    }));
    const diverged = new Set(perTable.map((t) => signature(t.decisions))).size > 1;
    rounds.push({ round, tables: perTable, diverged });
  }
  return {
    metrics: [...metrics],
    objectivesTotal: scenario.objectives.length,
    tables,
    rounds,
    firstDivergence: rounds.find((r) => r.diverged) ?? null,
  };
}

export function cohortRoom(
  cohort: CohortState,
  inputs: readonly RoomTableInput[],
  scenario: PublicScenario,
  options: { now: number; version: number; metrics: readonly MetricName[] },
): CohortRoom {
  const tables: RoomTable[] = inputs.map(({ table, view }) => {
    if (!view)
      return {
        sessionId: table.sessionId,
        number: table.number,
        joinCode: table.joinCode,
        phase: 'unavailable',
        round: 0,
        day: 0,
        paused: false,
        timer: { deadline: null, remainingMs: null, durationMs: null },
        players: 0,
        names: [],
        headline: [],
        outcome: null,
        objectivesMet: 0,
        openProposals: 0,
        ready: 0,
        participants: 0,
      };
    const players = view.players.filter((p) => !p.removed);
    const latest = Object.fromEntries(
      options.metrics.map((m) => [m, view.sim.series.metrics[m]?.at(-1)]).filter(([, v]) => v !== undefined),
    ) as Partial<Record<MetricName, number>>;
    return {
      sessionId: table.sessionId,
      number: table.number,
      joinCode: table.joinCode,
      phase: view.phase,
      round: view.round,
      day: view.sim.day,
      paused: view.paused,
      timer: view.timer,
      players: players.length,
      names: view.phase === 'lobby' ? players.slice(0, MAX_NAMES).map((p) => p.name) : [],
      headline: headlineValues(scenario, latest, view.sim.day, options.metrics),
      outcome: outcomeText(view),
      objectivesMet: view.objectives.filter((o) => o.met).length,
      openProposals: view.proposals.filter((p) => p.round === view.round && p.status === 'open').length,
      ready: view.ready.length,
      participants: players.length + view.computerRoles.length,
    };
  });
  const stage = cohortStage(tables.map((t) => t.phase));
  return {
    cohortId: cohort.cohortId,
    name: cohort.name,
    scenarioTitle: cohort.scenario.title,
    rounds: scenario.rounds.count,
    stage,
    serverNow: options.now,
    version: options.version,
    headlineMetrics: [...options.metrics],
    tables,
    comparison: stage === 'finished' ? cohortComparison(inputs, scenario, options.metrics) : null,
  };
}
